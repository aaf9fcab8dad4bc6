"""Benchmark row for the remote backend: the shared query mix on three paths, same data.

    .venv/bin/python bench/remote.py [RELEASES] [--repeat N]

Generates the synthetic graph (``../shared/bench/gen.py RELEASES``), builds it with
``osce-kg build --from``, starts a throw-away Virtuoso (``tests/virtuoso.py``), loads the build
with ``osce-kg load --gsp``, then times each query of ``../shared/bench/queries`` (median of
``--repeat`` runs, one client, sequential):

- ``embedded``: osce-kg's embedded store (``OxigraphStore``, in process);
- ``osce-kg→virtuoso``: osce-kg's remote backend (``RemoteEvaluator``: guard, forward, parse
  and count, re-serialize when needed) answering SPARQL JSON / N-Triples;
- ``virtuoso``: Virtuoso's own endpoint over HTTP, same Accept, no osce-kg in between.

Prints one Markdown table (milliseconds) and the load time. Not a test; numbers depend on the
machine (two shared cores here).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_BENCH = ROOT.parent / "shared" / "bench"
sys.path.insert(0, str(ROOT / "tests"))

from virtuoso import VirtuosoServer  # noqa: E402

from osce_kg.settings import Settings  # noqa: E402
from osce_kg.store import open_evaluator  # noqa: E402
from osce_kg.store.base import QueryRequest  # noqa: E402
from osce_kg.store.embedded.store import OxigraphStore  # noqa: E402
from osce_kg.store.remote.store import RemoteStore  # noqa: E402

OSCE_KG = str(ROOT / ".venv" / "bin" / "osce-kg")
ACCEPT = {"select": "application/sparql-results+json", "ask": "application/sparql-results+json",
          "construct": "application/n-triples", "describe": "application/n-triples"}


def queries() -> list[tuple[str, str, str]]:
    out = []
    for path in sorted((SHARED_BENCH / "queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        body = " ".join(line for line in text.splitlines()
                        if not line.lstrip().startswith(("#", "PREFIX")))
        form = next(w.lower() for w in body.split()
                    if w.upper() in ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK"))
        out.append((path.stem, text, form))
    return out


def timed(run, repeat: int) -> float:
    run()  # warm up
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def embedded_run(store: OxigraphStore, text: str, form: str):
    if form == "select":
        return lambda: store.select(text)
    if form == "ask":
        return lambda: store.ask(text)
    return lambda: store.construct(text)


def direct_run(url: str, graph: str, text: str, form: str):
    data = urllib.parse.urlencode({"query": text, "default-graph-uri": graph}).encode()

    def run():
        request = urllib.request.Request(url, data=data, headers={"Accept": ACCEPT[form]})
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("releases", nargs="?", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="osce-remote-bench-") as tmp:
        work = Path(tmp)
        data = work / "gen.nt"
        subprocess.run([sys.executable, str(SHARED_BENCH / "gen.py"), str(args.releases),
                        "-o", str(data)], check=True, capture_output=True)
        dist = work / "dist"
        subprocess.run([OSCE_KG, "build", "--from", str(data), "--no-validate", "--out",
                        str(dist)], check=True, capture_output=True)
        server = VirtuosoServer(work / "virtuoso", buffers=100_000)
        server.start()
        try:
            started = time.perf_counter()
            subprocess.run([OSCE_KG, "load", "--to", server.base_url + "/sparql-auth",
                            "--gsp", server.base_url + "/sparql-graph-crud-auth",
                            "--dist", str(dist)], check=True, capture_output=True,
                           env={**os.environ, "OSCE_KG_REMOTE_USER": server.user,
                                "OSCE_KG_REMOTE_PASSWORD": server.password})
            load_s = time.perf_counter() - started
            embedded = OxigraphStore.open(dist)
            remote = RemoteStore(Settings(store=server.store_url, remote_timeout_s=120))
            evaluator = open_evaluator(remote)
            graph = remote.version().graph
            print(f"{embedded.triple_count():,} triples; osce-kg load --gsp: {load_s:.1f} s\n")
            print("| query | embedded | osce-kg→virtuoso | virtuoso |")
            print("| --- | ---: | ---: | ---: |")
            totals = [0.0, 0.0, 0.0]
            for name, text, form in queries():
                request = QueryRequest(text, form, ACCEPT[form])
                row = [timed(embedded_run(embedded, text, form), args.repeat),
                       timed(lambda r=request: evaluator.evaluate(r, timeout_s=120,
                                                                  max_rows=1_000_000),
                             args.repeat),
                       timed(direct_run(server.sparql_url, graph, text, form), args.repeat)]
                totals = [t + r for t, r in zip(totals, row, strict=True)]
                print(f"| {name} | " + " | ".join(f"{v:.1f}" for v in row) + " |")
            print("| **sum** | " + " | ".join(f"**{v:.1f}**" for v in totals) + " |")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
