"""The issue-5 targets, measured: one table per scale from the figures of one `make bench` run.

  python bench/targets.py --results bench-out/results [--out bench-out/results/notes.md]

Reads the harness's ``raw/N*/<system>.json`` (osce-kg without and with the result cache, the
in-memory Oxigraph server, Virtuoso), ``pages/N*/<name>.json`` (bench/pages.py) and
``build/N*.json`` (bench/buildcost.py). Ratios are between systems of the same run; the
harness's report.md appends the output (it reads results/notes.md).
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

MEM_PEER = "oxigraph-mem"
VIRTUOSO = "virtuoso"


def read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def throughput(system: dict | None, key: str = "throughput", concurrency: int = 4) -> dict | None:
    for level in (system or {}).get(key) or []:
        if level.get("concurrency") == concurrency and "qps" in level:
            return level
    return None


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("**met**" if ok else "**not met**")


def num(x: float | None, unit: str = "") -> str:
    if x is None:
        return "–"
    text = f"{x:,.0f}" if abs(x) >= 100 else f"{x:.1f}" if abs(x) >= 10 else f"{x:.2f}"
    return text + unit


def times(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}×"


def at_least(value: float | None, floor: float) -> bool | None:
    return None if value is None else value >= floor


def at_most(value: float | None, ceiling: float) -> bool | None:
    return None if value is None else value <= ceiling


def scale_section(n: int, raw: dict[str, dict], pages: dict[str, dict], build: dict | None,
                  conforming: dict | None,
                  nocache: str, cache: str) -> list[str]:
    okg = raw.get(nocache)
    rows: list[tuple[str, str, str, bool | None]] = []

    def qps(system, key="throughput"):
        level = throughput(system, key)
        return level["qps"] if level else None

    light = {s: qps(raw.get(s), "throughput_light") for s in (nocache, cache, MEM_PEER, VIRTUOSO)}
    whole = {s: qps(raw.get(s)) for s in (nocache, cache, MEM_PEER, VIRTUOSO)}
    light_p99 = (throughput(okg, "throughput_light") or {}).get("p99_ms")

    def compare(label: str, ours: float | None, theirs: float | None,
                target: float | None) -> None:
        """A qps ratio row: met when ``ours / theirs`` reaches ``target`` (None: reported only)."""
        r = ratio(ours, theirs)
        rows.append((label, f"{num(ours)} vs {num(theirs)} qps", times(r),
                     None if target is None else at_least(r, target)))

    compare("lookup mix qps c=4 ≥ 1.0× oxigraph-mem (cache off)",
            light[nocache], light[MEM_PEER], 1.0)
    compare("lookup mix qps c=4 ≥ 4× Virtuoso (cache off)", light[nocache], light[VIRTUOSO], 4.0)
    rows.append(("lookup mix p99 ≤ 50 ms at c=4 (cache off)", num(light_p99, " ms"), "",
                 at_most(light_p99, 50.0)))
    compare("(lookup mix, cache on, vs oxigraph-mem)", light[cache], light[MEM_PEER], None)
    compare("whole mix qps c=4, no cache ≥ 1.0× oxigraph-mem", whole[nocache], whole[MEM_PEER], 1.0)
    compare("whole mix qps c=4, no cache, vs Virtuoso (reported)",
            whole[nocache], whole[VIRTUOSO], None)
    compare("whole mix qps c=4, cache on ≥ 5× Virtuoso", whole[cache], whole[VIRTUOSO], 5.0)

    page = pages.get(nocache) or pages.get(cache)
    for kind, label in (("html", "entity pages HTML"), ("ttl", "entity pages /data/ Turtle")):
        figures = ((page or {}).get("load") or {}).get(kind)
        p50, p99 = (figures or {}).get("p50_ms"), (figures or {}).get("p99_ms")
        rows.append((f"{label}: p50 ≤ 5 ms at c=4", num(p50, " ms"), "", at_most(p50, 5.0)))
        rows.append((f"{label}: p99 ≤ 50 ms at c=4", num(p99, " ms"), "", at_most(p99, 50.0)))
    ready = (page or {}).get("ready_s")
    rows.append(("server ready ≤ 10 s after start (first entity page)", num(ready, " s"), "",
                 at_most(ready, 10.0)))
    processes = [m for m in (page or {}).get("memory_after_load") or []
                 if m.get("role") != "master"]
    workers = [m for m in processes if m.get("role") == "worker"]
    worst = max((m["rss_mb"] for m in workers), default=None)
    rows.append(("RSS per worker ≤ 1.2 GB (gunicorn workers, after the pages run)",
                 f"{num(worst, ' MB')} (max of {len(workers)})" if workers else "–", "",
                 at_most(worst, 1200.0)))
    others = [m for m in processes if m.get("role") != "worker"]
    if others:
        rows.append(("(other server processes: max RSS)",
                     f"{num(max(m['rss_mb'] for m in others), ' MB')} (max of {len(others)})", "",
                     None))
    harness_rss = (okg or {}).get("rss_peak_mb")
    rows.append(("(server tree peak RSS during the harness run, cache off)",
                 num(harness_rss, " MB"), "", None))
    for label, figures in (("", build), (" (a conforming graph of the same size, "
                                         "bench/conforming.py)", conforming)):
        if figures:
            rows += build_rows(label, figures)

    triples = next((raw[s].get("triples") for s in (MEM_PEER, nocache, cache)
                    if raw.get(s, {}).get("triples")), None)
    lines = [f"### N = {n:,}" + (f" ({triples:,} triples)" if triples else ""), "",
             "| target | measured | ratio | |", "|---|---|---:|---|"]
    lines += [f"| {t} | {m} | {r} | {verdict(ok)} |" for t, m, r, ok in rows]
    lines.append("")
    lines += pages_table(pages)
    return lines


def build_rows(label: str, build: dict) -> list[tuple]:
    """The two build targets (time, memory) for one measured ``osce-kg build``."""
    wall, peak = build.get("wall_s"), build.get("peak_rss_tree_mb")
    code = build.get("returncode")
    finished = not build.get("timed_out") and code in (0, 1)
    if build.get("timed_out"):
        note = f" (stopped after {build.get('timeout_s'):.0f} s: not finished)"
    elif code == 1:
        note = " (validation finished: the data does not conform, build refused)"
    elif code != 0:
        last = (build.get("output_tail") or ["?"])[-1].replace("|", "/")[:160]
        note = f" (failed, exit code {code}: {last})"
    else:
        note = ""
    return [("`osce-kg build` with validation ≤ 120 s" + label + note, num(wall, " s"), "",
             at_most(wall, 120.0) if finished else False),
            ("`osce-kg build` with validation ≤ 4 GB peak" + label, num(peak, " MB"), "",
             at_most(peak, 4096.0) if finished else None)]


def pages_table(pages: dict[str, dict]) -> list[str]:
    if not pages:
        return []
    lines = ["Entity pages (bench/pages.py: 1,000 random entities, c=4, wrk):", "",
             "| server | ready s | kind | qps | p50 ms | p90 ms | p99 ms | errors | sample check |",
             "|---|---:|---|---:|---:|---:|---:|---:|---|"]
    for name, page in sorted(pages.items()):
        check = page.get("check") or {}
        ok = f"{check.get('checked', 0) - check.get('problem_count', 0)}/{check.get('checked', 0)}"
        for kind, f in (page.get("load") or {}).items():
            lines.append(f"| {name} | {num(page.get('ready_s'))} | {kind} | {num(f['qps'])} | "
                         f"{num(f['p50_ms'])} | {num(f['p90_ms'])} | {num(f['p99_ms'])} | "
                         f"{f['errors']} | {ok} |")
    lines += ["", "Memory after the pages run (MB; PSS shares copy-on-write pages between "
              "processes):",
              "", "| server | process | RSS | PSS | USS |", "|---|---|---:|---:|---:|"]
    for name, page in sorted(pages.items()):
        for m in page.get("memory_after_load") or []:
            lines.append(f"| {name} | {m['role']} | {num(m['rss_mb'])} | {num(m['pss_mb'])} | "
                         f"{num(m['uss_mb'])} |")
    lines.append("")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--results", required=True, type=Path)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--nocache", default="osce-kg", help="name of the run without the result cache")
    ap.add_argument("--cache", default="osce-kg-cache",
                    help="name of the run with the result cache")
    args = ap.parse_args()
    scales = sorted({int(m.group(1)) for d in (args.results / "raw").glob("N*")
                     if (m := re.fullmatch(r"N(\d+)", d.name))})
    lines = ["## osce-kg: issue-5 targets (generated by bench/targets.py)", "",
             "The targets apply at N = 100,000; other scales are shown for orientation. Ratios are "
             "between systems of the same run (c=4, same wrk client).", ""]
    for n in scales:
        raw = {p.stem: j for p in sorted((args.results / "raw" / f"N{n}").glob("*.json"))
               if (j := read_json(p))}
        pages = {p.stem: j for p in sorted((args.results / "pages" / f"N{n}").glob("*.json"))
                 if (j := read_json(p))}
        build = read_json(args.results / "build" / f"N{n}.json")
        conforming = read_json(args.results / "build" / f"N{n}-conforming.json")
        lines += scale_section(n, raw, pages, build, conforming, args.nocache, args.cache)
    text = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
