"""Load benchmark of issue 6: N concurrent clients for S seconds against a running server,
mixing SPARQL queries (the competency questions, GET and POST), entity pages, entity data and
dump downloads. Reports requests, failures and p50/p99 latency per kind; exits 1 on any
failed request.

    osce-kg serve --store dist --port 8090 &
    .venv/bin/python bench/load.py http://127.0.0.1:8090 --clients 50 --seconds 60
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

import requests

from osce_kg.query.guard import example_queries

PAGES = ("/page/state/lithuania", "/page/field-operation/mission-to-skopje",
         "/page/structure/odihr", "/page/chairpersonship/2025", "/")
DATA = ("/data/state/lithuania.ttl", "/data/place/vilnius.jsonld", "/data/structure/hcnm.nt")
DUMPS = ("/dumps/osce-kg.nt.gz", "/.well-known/void")


def targets() -> list[tuple[str, str, str, dict]]:
    """(kind, method, path, requests kwargs) in the order the clients cycle through them."""
    mix = []
    for example in example_queries():
        mix.append(("sparql-get", "GET", "/sparql", {"params": {"query": example.text}}))
        mix.append(("sparql-post", "POST", "/sparql", {"data": {"query": example.text}}))
    mix += [("page", "GET", p, {}) for p in PAGES] * 2
    mix += [("data", "GET", p, {}) for p in DATA] * 2
    mix += [("dump", "GET", p, {}) for p in DUMPS]
    return mix


def run_client(base: str, start: int, deadline: float) -> list[tuple[str, int, float]]:
    mix = targets()
    seen = []
    with requests.Session() as session:
        i = start
        while time.monotonic() < deadline:
            kind, method, path, kwargs = mix[i % len(mix)]
            began = time.perf_counter()
            try:
                status = session.request(method, base + path, timeout=60, **kwargs).status_code
            except requests.RequestException:
                status = 0
            seen.append((kind, status, time.perf_counter() - began))
            i += 7
    return seen


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(samples: list[tuple[str, int, float]], seconds: float) -> str:
    by_kind = defaultdict(list)
    for kind, status, elapsed in samples:
        by_kind[kind].append((status, elapsed))
    by_kind["all"] = [(s, e) for _, s, e in samples]
    lines = ["| kind | requests | failed | req/s | p50 ms | p99 ms |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for kind, rows in sorted(by_kind.items()):
        times = [e * 1000 for _, e in rows]
        failed = sum(1 for s, _ in rows if s != 200)
        lines.append(f"| {kind} | {len(rows)} | {failed} | {len(rows) / seconds:.1f} | "
                     f"{statistics.median(times):.1f} | {percentile(times, 0.99):.1f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="server base URL, e.g. http://127.0.0.1:8090")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args(argv)
    base = args.base.rstrip("/")
    deadline = time.monotonic() + args.seconds
    with ThreadPoolExecutor(max_workers=args.clients) as pool:
        runs = pool.map(lambda n: run_client(base, n, deadline), range(args.clients))
        samples = [sample for run in runs for sample in run]
    print(f"{args.clients} clients × {args.seconds:g} s against {base}")
    print(report(samples, args.seconds))
    failed = [s for s in samples if s[1] != 200]
    for kind, status, _ in failed[:10]:
        print(f"failed: {kind} → {status or 'no answer'}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
