"""The allocator switch: `serve` and `build` restart themselves with jemalloc when it exists."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from availability import needs

from osce_kg import allocator

JEMALLOC = allocator.jemalloc_library()
needs_jemalloc = needs(JEMALLOC is not None, "libjemalloc2 is not installed (make system-deps)")
# prints its pid before and after `use`: a restart runs the first line twice, same pid
PROBE = ("import os, sys; from osce_kg import allocator; print('start', os.getpid(), flush=True); "
         "running = allocator.use(sys.argv[1]); print('running', running, os.getpid())")


def run_probe(wanted: str, **env: str) -> list[list[str]]:
    environ = {k: v for k, v in os.environ.items()
               if k not in ("LD_PRELOAD", allocator.RESTARTED)}
    done = subprocess.run([sys.executable, "-c", PROBE, wanted], capture_output=True, text=True,
                          env={**environ, **env}, timeout=60, check=True)
    return [line.split() for line in done.stdout.splitlines()]


@pytest.mark.parametrize(("wanted", "environ"), [
    ("system", {}),
    ("jemalloc", {allocator.RESTARTED: "1"}),
])
def test_no_restart_when_not_wanted_or_done_once(wanted, environ):
    assert allocator.restart_environment(wanted, environ) is None


def test_an_unknown_allocator_is_refused():
    with pytest.raises(ValueError, match="unknown allocator 'tcmalloc'"):
        allocator.restart_environment("tcmalloc", {})


@needs_jemalloc
def test_the_restart_environment_preloads_jemalloc_after_what_was_preloaded():
    environ = allocator.restart_environment("jemalloc", {"LD_PRELOAD": "libother.so", "X": "1"})
    assert environ is not None
    assert environ["LD_PRELOAD"].split() == ["libother.so", JEMALLOC]
    assert environ["X"] == "1" and environ[allocator.RESTARTED] == "1"


@needs_jemalloc
def test_a_process_restarts_itself_with_jemalloc_keeping_its_pid():
    lines = run_probe("jemalloc")
    assert [line[0] for line in lines] == ["start", "start", "running"]
    assert lines[0][1] == lines[1][1] == lines[2][2]
    assert lines[2][1] == "jemalloc"


def test_system_keeps_the_c_library_allocator_without_restart():
    lines = run_probe("system")
    assert [line[0] for line in lines] == ["start", "running"]
    assert lines[1][1] == "system"
