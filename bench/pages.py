"""Entity pages benchmark: HTML pages and Turtle descriptions of random entities, at c=4.

  python bench/pages.py --build DIR [--start 'CMD' --port P | --url http://127.0.0.1:P]
      [--n 1000] [--seed 42] [--concurrency 4] [--duration 15] [--client wrk|python]
      --out pages.json

DIR is a directory written by ``osce-kg build``. The script

1. picks ``--n`` entity IRIs (``https://w3id.org/osce/id/…`` subjects that have a type) from the
   build's store, seeded, so every run asks for the same entities;
2. with ``--start``, starts the server (placeholders ``{port}`` ``{build}``), and measures the
   time from start until it answers an entity page ("ready");
3. checks a sample: each page is HTML with an ``<h1>``, each description parses as Turtle and
   describes its entity;
4. fetches ``/page/{kind}/{slug}`` (HTML), then ``/data/{kind}/{slug}.ttl``, round-robin over the
   list, for ``--duration`` seconds each at ``--concurrency`` (wrk with a generated Lua script,
   or a threaded Python client), and reports qps, p50, p90, p99, errors;
5. reports the memory of the server: RSS, PSS and USS of the master and of each worker
   (``/proc/<pid>/smaps_rollup``; PSS splits the pages shared copy-on-write between workers).

A benchmark, not a test: it reports figures and never fails on them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from osce_kg.namespaces import ID_BASE, RDF

READY_TIMEOUT_S = 180.0
SAMPLE_CHECKS = 20


# ----------------------------------------------------------------------------- entities

def pick_entities(build_dir: Path, n: int, seed: int) -> list[str]:
    """``n`` entity IRIs of the build, chosen by ``seed`` from the sorted list of all of them."""
    iris = sorted(_entity_iris(build_dir))
    if not iris:
        raise SystemExit(f"no entity under {ID_BASE} in {build_dir}")
    return random.Random(seed).sample(iris, min(n, len(iris)))


def _entity_iris(build_dir: Path) -> set[str]:
    """Typed subjects under ID_BASE: from the store (read-only), else from the N-Triples dump."""
    store_dir = build_dir / "store"
    if store_dir.is_dir():
        try:
            return _entity_iris_from_store(store_dir)
        except (OSError, ValueError) as exc:
            print(f"store not readable ({exc}); reading the dump", file=sys.stderr)
    dump = next(iter(sorted(build_dir.glob("*.nt.gz"))), None)
    if dump is None:
        raise SystemExit(f"{build_dir} has neither store/ nor an N-Triples dump")
    return _entity_iris_from_dump(dump)


def _entity_iris_from_store(store_dir: Path) -> set[str]:
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_dir))
    found = set()
    for quad in store.quads_for_pattern(None, ox.NamedNode(str(RDF.type)), None):
        subject = quad.subject
        if isinstance(subject, ox.NamedNode) and subject.value.startswith(ID_BASE):
            found.add(subject.value)
    return found


def _entity_iris_from_dump(dump: Path) -> set[str]:
    type_token = f"<{RDF.type}>"
    prefix = f"<{ID_BASE}"
    found = set()
    with gzip.open(dump, "rt", encoding="utf-8") as fh:
        for line in fh:
            subject, _, rest = line.partition(" ")
            if subject.startswith(prefix) and rest.startswith(type_token):
                found.add(subject[1:-1])
    return found


def page_path(iri: str) -> str:
    return "/page/" + iri[len(ID_BASE):]


def data_path(iri: str) -> str:
    return "/data/" + iri[len(ID_BASE):] + ".ttl"


# ----------------------------------------------------------------------------- server

@dataclass
class Server:
    """A server this script started (its process group is stopped by :meth:`stop`)."""

    process: subprocess.Popen
    log_path: Path
    peak: dict = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)

    @classmethod
    def start(cls, command: str, log_path: Path) -> Server:
        log = open(log_path, "w")
        process = subprocess.Popen(["bash", "-c", "exec " + command], stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        server = cls(process, log_path)
        threading.Thread(target=server._sample_memory, daemon=True).start()
        return server

    def _sample_memory(self) -> None:
        while not self._stop.is_set():
            total = sum(m["rss_mb"] for m in memory_of_tree(self.process.pid))
            self.peak["rss_tree_mb"] = max(self.peak.get("rss_tree_mb", 0.0), round(total, 1))
            self._stop.wait(0.5)

    def stop(self) -> None:
        self._stop.set()
        if self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        except ProcessLookupError:
            pass


def wait_ready(base_url: str, path: str, server: Server | None, timeout_s: float) -> float:
    """Seconds until ``path`` answers 200 (from now)."""
    t0 = time.perf_counter()
    session = requests.Session()
    while time.perf_counter() - t0 < timeout_s:
        if server is not None and server.process.poll() is not None:
            tail = server.log_path.read_text(errors="replace")[-2000:]
            raise SystemExit(f"server exited rc={server.process.returncode}:\n{tail}")
        try:
            if session.get(base_url + path, timeout=5).status_code == 200:
                return time.perf_counter() - t0
        except requests.RequestException:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{base_url}{path} not ready after {timeout_s:.0f} s")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ----------------------------------------------------------------------------- memory

def memory_of_tree(pid: int) -> list[dict]:
    """RSS, PSS and USS (MB) of ``pid`` and its descendants, from /proc.

    Roles: ``master`` (``pid``), ``worker`` (a child with several threads: a gunicorn gthread
    worker), ``child`` (a single-threaded child, e.g. a helper forked before the workers) and
    ``grandchild`` (deeper: processes the children forked).
    """
    result = []
    for member, depth in [(pid, 0), *_descendants(pid, 1)]:
        figures = _smaps_rollup(member)
        if figures:
            threads = _thread_count(member)
            role = ("master" if depth == 0 else "grandchild" if depth > 1
                    else "worker" if threads > 1 else "child")
            figures.update(pid=member, role=role, depth=depth, threads=threads,
                           name=_process_name(member))
            result.append(figures)
    return result


def _descendants(pid: int, depth: int) -> list[tuple[int, int]]:
    children = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                children += [int(x) for x in fh.read().split()]
    except OSError:
        return []
    return [x for child in children for x in ((child, depth), *_descendants(child, depth + 1))]


def _thread_count(pid: int) -> int:
    try:
        return len(os.listdir(f"/proc/{pid}/task"))
    except OSError:
        return 0


def _smaps_rollup(pid: int) -> dict | None:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            text = fh.read()
    except OSError:
        return None
    kb = {m.group(1): int(m.group(2)) for m in re.finditer(r"^(\w+):\s+(\d+) kB", text, re.M)}
    uss = kb.get("Private_Clean", 0) + kb.get("Private_Dirty", 0)
    return {"rss_mb": round(kb.get("Rss", 0) / 1024, 1),
            "pss_mb": round(kb.get("Pss", 0) / 1024, 1), "uss_mb": round(uss / 1024, 1)}


def _process_name(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read().replace(b"\0", b" ").decode(errors="replace").strip()[:80]
    except OSError:
        return "?"


# ----------------------------------------------------------------------------- checks

def check_sample(base_url: str, iris: list[str]) -> dict:
    """Each page is HTML with an <h1>; each Turtle description parses and describes its IRI."""
    from bs4 import BeautifulSoup
    from rdflib import Graph, URIRef

    session = requests.Session()
    problems = []
    for iri in iris:
        page = session.get(base_url + page_path(iri), headers={"Accept": "text/html"}, timeout=30)
        if page.status_code != 200 or "html" not in page.headers.get("content-type", ""):
            problems.append(f"{page_path(iri)}: {page.status_code} "
                            f"{page.headers.get('content-type')}")
        elif BeautifulSoup(page.text, "html.parser").find("h1") is None:
            problems.append(f"{page_path(iri)}: no <h1>")
        data = session.get(base_url + data_path(iri), timeout=30)
        if data.status_code != 200:
            problems.append(f"{data_path(iri)}: {data.status_code}")
            continue
        graph = Graph().parse(data=data.content, format="turtle")
        if (URIRef(iri), None, None) not in graph:
            problems.append(f"{data_path(iri)}: no triple about {iri}")
    return {"checked": len(iris), "problems": problems[:20], "problem_count": len(problems)}


# ----------------------------------------------------------------------------- load

WRK_SCRIPT = """
local paths = {
%(paths)s
}
local thread_no = 0
function setup(thread)
  thread:set("offset", thread_no * 997)
  thread_no = thread_no + 1
end
function init(args)
  counter = tonumber(offset) or 0
end
function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1], {["Accept"] = "%(accept)s"}, nil)
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests":%%d,"duration_us":%%d,"errors":%%d,'
    .. '"status_errors":%%d,'
    .. '"p50_us":%%d,"p90_us":%%d,"p99_us":%%d,"max_us":%%d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
    e.status, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
"""


def run_wrk(base_url: str, paths: list[str], accept: str, concurrency: int, duration: int,
            workdir: Path) -> dict:
    script = workdir / "pages.lua"
    entries = ",\n".join("  " + json.dumps(p) for p in paths)
    script.write_text(WRK_SCRIPT % {"paths": entries, "accept": accept})
    command = ["wrk", "-t", str(min(2, concurrency)), "-c", str(concurrency), "-d", f"{duration}s",
               "--timeout", "30s", "-s", str(script), base_url]
    out = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60).stdout
    line = next((x for x in reversed(out.splitlines()) if x.startswith("WRKJSON ")), None)
    if line is None:
        raise RuntimeError("wrk printed no summary:\n" + out[-2000:])
    raw = json.loads(line[len("WRKJSON "):])
    seconds = raw["duration_us"] / 1e6
    return {"client": "wrk", "concurrency": concurrency, "duration_s": round(seconds, 2),
            "requests": raw["requests"], "qps": round(raw["requests"] / seconds, 1),
            "p50_ms": raw["p50_us"] / 1000, "p90_ms": raw["p90_us"] / 1000,
            "p99_ms": raw["p99_us"] / 1000, "max_ms": raw["max_us"] / 1000,
            "errors": raw["errors"], "status_errors": raw["status_errors"]}


def run_threads(base_url: str, paths: list[str], accept: str, concurrency: int,
                duration: int) -> dict:
    """The same round-robin load from ``concurrency`` threads (keep-alive sessions)."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    t_end = time.perf_counter() + duration

    def client(offset: int) -> None:
        session = requests.Session()
        mine, failed, i = [], 0, offset
        while time.perf_counter() < t_end:
            path = paths[i % len(paths)]
            i += 1
            t0 = time.perf_counter()
            try:
                answer = session.get(base_url + path, headers={"Accept": accept}, timeout=30)
                if answer.status_code != 200:
                    failed += 1
            except requests.RequestException:
                failed += 1
            mine.append(time.perf_counter() - t0)
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    t0 = time.perf_counter()
    workers = [threading.Thread(target=client, args=(k * 997,)) for k in range(concurrency)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    seconds = time.perf_counter() - t0
    latencies.sort()

    def pct(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000, 2)

    return {"client": "python", "concurrency": concurrency, "duration_s": round(seconds, 2),
            "requests": len(latencies), "qps": round(len(latencies) / seconds, 1),
            "p50_ms": pct(50), "p90_ms": pct(90), "p99_ms": pct(99), "max_ms": pct(100),
            "errors": errors[0], "mean_ms": round(statistics.fmean(latencies) * 1000, 2)}


# ----------------------------------------------------------------------------- main

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", required=True, type=Path, help="directory written by osce-kg build")
    ap.add_argument("--url", help="base URL of a running server (instead of --start)")
    ap.add_argument("--start", help="command that runs the server in the foreground; "
                                    "{port} and {build} are filled in")
    ap.add_argument("--port", type=int, default=0, help="port for --start (default: a free one)")
    ap.add_argument("--name", default="osce-kg", help="label of this run in the output")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--concurrency", type=int, default=4)
    ap.add_argument("--duration", type=int, default=15, help="seconds per kind of page")
    ap.add_argument("--client", choices=["wrk", "python"],
                    default="wrk" if shutil.which("wrk") else "python")
    ap.add_argument("--out", required=True, type=Path)
    args = ap.parse_args(argv)
    if bool(args.url) == bool(args.start):
        ap.error("give exactly one of --url and --start")
    return args


def main(argv: list[str] | None = None) -> dict:
    args = parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    result: dict = {"name": args.name, "build": str(args.build), "n": args.n, "seed": args.seed,
                    "concurrency": args.concurrency, "loadavg_start": os.getloadavg()[0]}
    t0 = time.perf_counter()
    iris = pick_entities(args.build, args.n, args.seed)
    result["entities"] = len(iris)
    result["pick_s"] = round(time.perf_counter() - t0, 2)
    kinds: dict[str, int] = {}
    for iri in iris:
        kind = iri[len(ID_BASE):].split("/", 1)[0]
        kinds[kind] = kinds.get(kind, 0) + 1
    result["kinds"] = dict(sorted(kinds.items(), key=lambda kv: -kv[1]))

    server = None
    try:
        if args.start:
            port = args.port or free_port()
            base_url = f"http://127.0.0.1:{port}"
            command = args.start.format(port=port, build=shlex.quote(str(args.build)))
            result["start"] = command
            server = Server.start(command, args.out.with_suffix(".server.log"))
            ready = wait_ready(base_url, page_path(iris[0]), server, READY_TIMEOUT_S)
            result["ready_s"] = round(ready, 2)
            time.sleep(1.0)
            result["memory_after_start"] = memory_of_tree(server.process.pid)
        else:
            base_url = args.url.rstrip("/")
            wait_ready(base_url, page_path(iris[0]), None, 10)
        print(f"[{args.name}] {len(iris)} entities {result['kinds']}; "
              f"ready {result.get('ready_s')} s", flush=True)
        result["check"] = check_sample(base_url, iris[:SAMPLE_CHECKS])
        result["load"] = {}
        for kind, paths, accept in (("html", [page_path(i) for i in iris], "text/html"),
                                    ("ttl", [data_path(i) for i in iris], "text/turtle")):
            if args.client == "wrk":
                figures = run_wrk(base_url, paths, accept, args.concurrency, args.duration,
                                  args.out.parent)
            else:
                figures = run_threads(base_url, paths, accept, args.concurrency, args.duration)
            result["load"][kind] = figures
            print(f"[{args.name}] {kind}: {figures}", flush=True)
        if server is not None:
            result["memory_after_load"] = memory_of_tree(server.process.pid)
            result["peak_rss_tree_mb"] = server.peak.get("rss_tree_mb")
    finally:
        if server is not None:
            server.stop()
        result["loadavg_end"] = os.getloadavg()[0]
        args.out.write_text(json.dumps(result, indent=1))
    print(summarize(result), flush=True)
    return result


def summarize(result: dict) -> str:
    """A markdown table of one run."""
    check = result["check"]
    lines = [f"entity pages, {result['name']}: {result['entities']} entities "
             f"(seed {result['seed']}), c={result['concurrency']}, "
             f"ready {result.get('ready_s', '–')} s, sample check: "
             f"{check['checked'] - check['problem_count']}/{check['checked']} ok", "",
             "| kind | requests | qps | p50 ms | p90 ms | p99 ms | errors |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for kind, f in result.get("load", {}).items():
        lines.append(f"| {kind} | {f['requests']} | {f['qps']} | {f['p50_ms']:.2f} | "
                     f"{f['p90_ms']:.2f} | {f['p99_ms']:.2f} | {f['errors']} |")
    memory = result.get("memory_after_load") or []
    if memory:
        lines += ["", "| process | RSS MB | PSS MB | USS MB |", "|---|---:|---:|---:|"]
        for m in memory:
            lines.append(f"| {m['role']} {m['pid']} | {m['rss_mb']} | {m['pss_mb']} | "
                         f"{m['uss_mb']} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
