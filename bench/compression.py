"""What compression costs: the harness's lookup mix at a concurrency, asked without
``Accept-Encoding``, with ``gzip`` and with ``br`` (wrk, keep-alive), against a running server.

    python bench/compression.py --endpoint http://127.0.0.1:8080/sparql [--concurrency 4]
        [--duration 15] [--harness ../shared/bench]

Prints one line per encoding: requests per second, p50, p99 and bytes read per request.
A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

LOOKUP_MIX = ("q01", "q02", "q03", "q06", "q07", "q11", "q12")  # the harness's light mix
ACCEPT = {"SELECT": "application/sparql-results+json", "ASK": "application/sparql-results+json",
          "CONSTRUCT": "text/turtle", "DESCRIBE": "text/turtle"}
SCRIPT = r"""
local requests = %(requests)s
local counter = 0
local encoding = %(encoding)s
function request()
  counter = counter + 1
  local r = requests[(counter %% #requests) + 1]
  local headers = {["Accept"] = r[2]}
  if encoding ~= "" then headers["Accept-Encoding"] = encoding end
  return wrk.format("GET", r[1], headers, nil)
end
function done(summary, latency, requests)
  io.write(string.format('RESULT {"requests":%%d,"seconds":%%f,"bytes":%%d,"errors":%%d,' ..
    '"p50_ms":%%f,"p99_ms":%%f}\n', summary.requests, summary.duration / 1e6, summary.bytes,
    summary.errors.status + summary.errors.read + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


def lua(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def mix(harness: Path) -> list[tuple[str, str]]:
    sys.path.insert(0, str(harness))
    from common import load_queries  # the harness's own reader of its queries

    return [(text, ACCEPT[form]) for name, text, form in load_queries()
            if name.startswith(LOOKUP_MIX)]


def run(endpoint: str, queries: list[tuple[str, str]], encoding: str, concurrency: int,
        duration: int) -> dict:
    url = urllib.parse.urlsplit(endpoint)
    entries = ",\n".join("{" + lua(url.path + "?" + urllib.parse.urlencode({"query": text}))
                         + ", " + lua(accept) + "}" for text, accept in queries)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(SCRIPT % {"requests": "{\n" + entries + "\n}", "encoding": lua(encoding)})
    done = subprocess.run(["wrk", "-t", str(min(2, concurrency)), "-c", str(concurrency),
                           "-d", f"{duration}s", "-s", script.name,
                           f"{url.scheme}://{url.netloc}"],
                          capture_output=True, text=True, timeout=duration + 60, check=True)
    Path(script.name).unlink()
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
    result = json.loads(line[len("RESULT "):])
    result["qps"] = result["requests"] / result["seconds"]
    result["bytes_per_request"] = result["bytes"] / max(1, result["requests"])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--harness", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared" / "bench")
    args = parser.parse_args()
    queries = mix(args.harness)
    for encoding in ("", "gzip", "br"):
        r = run(args.endpoint, queries, encoding, args.concurrency, args.duration)
        print(f"{encoding or 'identity':8} c={args.concurrency}: {r['qps']:8.1f} req/s  "
              f"p50 {r['p50_ms']:6.2f} ms  p99 {r['p99_ms']:6.2f} ms  "
              f"{r['bytes_per_request']:8.0f} B/request  errors {r['errors']}", flush=True)


if __name__ == "__main__":
    main()
