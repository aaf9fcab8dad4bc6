"""The memory allocator the engine runs with: jemalloc when the machine has it.

pyoxigraph allocates through the C library's ``malloc``. With glibc's, query evaluation on a
big store is slower than with jemalloc (hash joins, GROUP BY, the terms of a big CONSTRUCT;
the figures are in docs/performance.md). An allocator is chosen when a process
starts, so the long-running commands (``osce-kg serve``, ``osce-kg build``) start themselves
again, same pid and arguments, with jemalloc preloaded, when it is installed (Debian:
``libjemalloc2``) and not loaded yet. ``OSCE_KG_ALLOCATOR=system`` keeps the C library's.
"""

from __future__ import annotations

import ctypes.util
import logging
import os
import sys
from collections.abc import Mapping

log = logging.getLogger(__name__)

ALLOCATORS = ("jemalloc", "system")
# set in the environment of the restarted process: never restart twice
RESTARTED = "OSCE_KG_ALLOCATOR_RESTARTED"


def jemalloc_library() -> str | None:
    """The jemalloc shared library the dynamic loader finds (``libjemalloc.so.2``), if any."""
    return ctypes.util.find_library("jemalloc")


def loaded_allocator() -> str:
    """``"jemalloc"`` when this process runs with it, else ``"system"``."""
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as fh:
            return "jemalloc" if "libjemalloc" in fh.read() else "system"
    except OSError:
        return "system"


def restart_environment(wanted: str, environ: Mapping[str, str]) -> dict[str, str] | None:
    """The environment to start this process again with, so that it runs with ``wanted``;
    ``None`` when it already does, cannot (no library), or was restarted once already."""
    if wanted not in ALLOCATORS:
        raise ValueError(f"unknown allocator {wanted!r} (use one of {', '.join(ALLOCATORS)})")
    if wanted == "system" or RESTARTED in environ or loaded_allocator() == "jemalloc":
        return None
    library = jemalloc_library()
    if library is None:
        return None
    preload = " ".join(p for p in (environ.get("LD_PRELOAD", ""), library) if p)
    return {**environ, "LD_PRELOAD": preload, RESTARTED: "1"}


def use(wanted: str) -> str:
    """Run this process with ``wanted`` (restarting it through ``exec`` if need be, which does
    not return); the allocator it runs with when no restart happened."""
    environ = restart_environment(wanted, os.environ)
    if environ is not None:
        sys.stdout.flush()
        sys.stderr.flush()
        os.execve(sys.executable, sys.orig_argv, environ)
    running = loaded_allocator()
    if wanted == "jemalloc" and running != "jemalloc":
        log.info("jemalloc is not installed: queries run with the system allocator "
                 "(slower; Debian: apt-get install libjemalloc2)")
    return running
