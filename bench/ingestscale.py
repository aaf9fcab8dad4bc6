"""Ingest and build at scale: 10,000 generated release pages, then 20 more (issue 12, part 3).

    .venv/bin/python bench/ingestscale.py [--pages 10000] [--new 20] [--runs 3]
                        [--ingest-runs 1] [--work bench-out/ingest-scale] [--report FILE]

Three timings, each the wall time of the ``osce-kg`` command from outside (start-up included),
as the median (min–max) of ``--runs`` runs (``--ingest-runs`` for the ingest) — the machine
is shared and noisy, so the load average is reported too:

1. ``osce-kg ingest`` of the pages (bench/releases.py, seed 42) into a fresh copy of the
   project (ontology, shapes, curated data and the seed release), validated;
2. ``osce-kg build --no-cache`` of that project: everything parsed and validated;
3. ``osce-kg build`` after adding ``--new`` releases (ingested once, beside the others) to a
   project whose last build is in the cache: only the new files are parsed and only what they
   can affect is validated. Its dumps are compared with a full build's: they must be the same
   bytes (the script fails otherwise).

The work directory (default ``bench-out/ingest-scale``, git-ignored) keeps the pages between
calls. The report is Markdown (printed, and written to ``--report``).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OSCE_KG = [sys.executable, "-m", "osce_kg"]
DUMPS = ("osce-kg.nt.gz", "osce-kg.ttl")


def _generator():
    spec = importlib.util.spec_from_file_location("releases", ROOT / "bench" / "releases.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CPU: dict[str, list[float]] = {}  # what → CPU seconds (user + system) of each run


def timed(args: list[str], *, check: bool = True, what: str = "") -> tuple[float, str]:
    """Wall seconds of one command, and its output (it must exit 0 when ``check``); its CPU
    seconds go to ``CPU[what]`` (the machine is shared: CPU time says what wall time cannot)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.setdefault(what, []).append(after.ru_utime - before.ru_utime
                                    + after.ru_stime - before.ru_stime)
    if check and done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(args)}\n{done.stdout[-3000:]}"
                 f"{done.stderr[-3000:]}")
    return seconds, done.stdout + done.stderr


def fresh_project(path: Path) -> Path:
    """A copy of the project's ontology, shapes and data (curated files and seed release)."""
    shutil.rmtree(path, ignore_errors=True)
    for name in ("ontology", "shapes", "data"):
        shutil.copytree(ROOT / name, path / name)
    return path


def pages_in(directory: Path, n: int, start: int) -> Path:
    marker = directory / f".complete-{n}-{start}"
    if not marker.exists():
        shutil.rmtree(directory, ignore_errors=True)
        _generator().write_pages(directory, n, seed=42, start=start)
        marker.touch()
    return directory


def figure(values: list[float]) -> str:
    return (f"{statistics.median(values):.1f} s ({min(values):.1f}–{max(values):.1f}, "
            f"{len(values)} runs)")


def cpu(what: str) -> str:
    return f"{statistics.median(CPU[what]):.1f} s"


def step_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("[")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--new", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3, help="runs of each build")
    parser.add_argument("--ingest-runs", type=int, default=1,
                        help="runs of the ingest (minutes each on a busy machine)")
    parser.add_argument("--work", type=Path, default=ROOT / "bench-out" / "ingest-scale")
    parser.add_argument("--report", type=Path, default=None)
    args = parser.parse_args(argv)
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    pages = pages_in(work / "pages", args.pages, 0)
    new_pages = pages_in(work / "new-pages", args.new, args.pages)
    project = work / "project"
    lines = [f"# Ingest and build at scale ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)", "",
             f"Machine: {platform.machine()}, Python {platform.python_version()}; "
             f"`bench/ingestscale.py --pages {args.pages} --new {args.new} --runs {args.runs} "
             f"--ingest-runs {args.ingest_runs}`; load average at the start "
             f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", ""]

    ingests = []
    for run in range(args.ingest_runs):
        fresh_project(project)
        seconds, output = timed(OSCE_KG + ["--project-dir", str(project), "ingest", str(pages)],
                                what="ingest")
        ingests.append(seconds)
        print(f"ingest {run + 1}: {seconds:.1f} s — {output.strip().splitlines()[-1]}",
              file=sys.stderr)
    releases = len(list((project / "data" / "releases").glob("*.ttl")))  # not the cities' files

    fulls, full_output = [], ""
    for run in range(args.runs):
        seconds, full_output = timed(OSCE_KG + ["--project-dir", str(project), "build",
                                                "--no-cache"], what="full")
        fulls.append(seconds)
        print(f"full build {run + 1}: {seconds:.1f} s", file=sys.stderr)

    releases_dir = project / "data" / "releases"
    before = {p.relative_to(releases_dir) for p in releases_dir.rglob("*.ttl")}
    seconds, _ = timed(OSCE_KG + ["--project-dir", str(project), "ingest", str(new_pages)],
                       what="ingest-new")
    # the new releases, and the files of the cities they placed first (data/releases/places/)
    added = sorted(p.relative_to(releases_dir) for p in releases_dir.rglob("*.ttl")
                   if p.relative_to(releases_dir) not in before)
    aside = work / "new-releases"
    shutil.rmtree(aside, ignore_errors=True)
    for path in added:
        (aside / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.move(releases_dir / path, aside / path)
    ingest_new = seconds
    print(f"ingest of {args.new} pages into the graph: {seconds:.1f} s", file=sys.stderr)

    incrementals, incremental_output = [], ""
    for run in range(args.runs):
        for path in added:
            (releases_dir / path).unlink(missing_ok=True)
        timed(OSCE_KG + ["--project-dir", str(project), "build"])  # the cache: without them
        for path in added:
            shutil.copyfile(aside / path, releases_dir / path)
        seconds, incremental_output = timed(OSCE_KG + ["--project-dir", str(project), "build"],
                                            what="incremental")
        incrementals.append(seconds)
        print(f"incremental build {run + 1}: {seconds:.1f} s", file=sys.stderr)
    full_out = work / "dist-full"
    timed(OSCE_KG + ["--project-dir", str(project), "build", "--no-cache", "--out",
                     str(full_out)])
    for name in DUMPS:
        if (project / "dist" / name).read_bytes() != (full_out / name).read_bytes():
            sys.exit(f"the incremental build's {name} differs from the full build's")

    new_releases = sum(1 for p in added if p.parent == Path("."))
    lines += [
        "| what | wall: median (min–max) | CPU (median) | target |",
        "|---|---|---|---|",
        f"| `osce-kg ingest` of {args.pages:,} pages ({releases:,} release files), validated | "
        f"{figure(ingests)} | {cpu('ingest')} | ≤ 60 s |",
        f"| `osce-kg build --no-cache`: curated data + {releases:,} releases, validated | "
        f"{figure(fulls)} | {cpu('full')} | ≤ 60 s |",
        f"| `osce-kg build` after adding {new_releases} releases ({len(added)} files with the "
        f"cities they placed; cache of the last build) | "
        f"{figure(incrementals)} | {cpu('incremental')} | ≤ 15 s |",
        f"| (`osce-kg ingest` of {args.new} new pages into that project, once) | "
        f"{ingest_new:.1f} s | {cpu('ingest-new')} | – |",
        "",
        "The incremental build's dumps (" + ", ".join(DUMPS) + ") are byte-identical to a "
        "full build's.",
        "",
        "Full build, last run:", "", "```", *step_lines(full_output), "```", "",
        "Incremental build, last run:", "", "```", *step_lines(incremental_output), "```", ""]
    report = "\n".join(lines)
    print(report)
    if args.report is not None:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
