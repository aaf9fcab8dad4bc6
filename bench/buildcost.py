"""What one ``osce-kg build`` costs: wall time and peak memory of its whole process tree.

  python bench/buildcost.py --out build.json -- osce-kg build --from FILE --out DIR

The command's memory is the sum of the RSS of the process and all its descendants (parallel
validation workers included), sampled every 0.2 s from /proc. The exit code and the last lines
of the output are kept: a build that refuses invalid data is a result too.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import memory_of_tree  # noqa: E402


def measure(command: list[str], timeout_s: float | None = None) -> dict:
    """Run ``command`` to its end (or stop it at ``timeout_s``); its wall time, peak tree RSS,
    exit code and output tail."""
    peak = {"rss_mb": 0.0, "processes": 0}
    done = threading.Event()
    t0 = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True)

    def sample() -> None:
        while not done.is_set():
            tree = memory_of_tree(process.pid)
            peak["rss_mb"] = max(peak["rss_mb"], round(sum(m["rss_mb"] for m in tree), 1))
            peak["processes"] = max(peak["processes"], len(tree))
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    timed_out = False
    try:
        output, _ = process.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        timed_out = True
        os.killpg(process.pid, signal.SIGKILL)  # the build and its helpers: our own group
        output, _ = process.communicate()
    wall = time.perf_counter() - t0
    done.set()
    sampler.join()
    return {"command": command, "returncode": process.returncode, "timed_out": timed_out,
            "timeout_s": timeout_s, "wall_s": round(wall, 2),
            "peak_rss_tree_mb": peak["rss_mb"], "max_processes": peak["processes"],
            "output_tail": output.splitlines()[-25:], "loadavg_end": os.getloadavg()[0]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--timeout", type=float, default=None,
                    help="stop the build after this many seconds (recorded as timed out)")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        ap.error("give the command after --")
    result = measure(command, args.timeout)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1))
    state = "timed out after" if result["timed_out"] else f"rc={result['returncode']}"
    print(f"build: {state} {result['wall_s']} s, "
          f"peak RSS {result['peak_rss_tree_mb']} MB over {result['max_processes']} process(es)")


if __name__ == "__main__":
    main()
