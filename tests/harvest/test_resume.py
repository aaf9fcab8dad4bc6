"""A harvest killed with SIGKILL in the middle of its walk, run again: it resumes where it was,
asks nothing again that it had archived, and no release is lost or doubled."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from .conftest import PROFILE, assert_holds_releases, paths, start_site
from .localsite import INGESTIBLE, RELEASES

QUICK = tuple(r for r in RELEASES if r.behaviour != "busy")
EXPECTED = tuple(r for r in INGESTIBLE if r.behaviour != "busy")


def command(site, project, archive, out) -> list[str]:
    return [sys.executable, "-m", "osce_kg", "--project-dir", str(project), "harvest", "--site",
            site.base, "--profile", str(PROFILE), "--archive", str(archive), "--out", str(out),
            "--delay", "0"]


def wait_for(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the harvest never got that far"
        time.sleep(0.02)


def item_answers(requests, status: int = 200) -> list[str]:
    return [p for p in paths(requests, status) if not p.startswith(("/robots", "/press"))]


@pytest.mark.slow
def test_a_harvest_killed_mid_walk_resumes_with_no_release_lost_or_doubled(project, tmp_path):
    site, server = start_site(releases=QUICK, latency=0.3)
    archive, out = tmp_path / "archive", tmp_path / "out"
    try:
        process = subprocess.Popen(command(site, project, archive, out),  # killed: output unread
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(lambda: len(item_answers(site.requests_since())) >= 4)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        before = site.requests_since()
        assert process.returncode == -signal.SIGKILL
        assert not list(out.glob("*.ttl"))  # killed before its ingest
        again = subprocess.run(command(site, project, archive, out), capture_output=True,
                               text=True, timeout=120)
        after = site.requests_since(len(before))
    finally:
        server.shutdown()
    assert again.returncode == 1, again.stdout + again.stderr  # the cut page, as ever
    assert "resumed run" in again.stderr
    assert_holds_releases(out, EXPECTED)
    assert len(list(out.glob("*.ttl"))) == len(EXPECTED)
    # what was archived before the kill is not asked for again (at most the one in flight)
    archived = set(item_answers(before)[:-1])
    assert archived and not archived & set(paths(after))
    # every item page answered whole at most once over both runs, but the one in flight
    answers = item_answers(before) + item_answers(after)
    doubled = {p for p in answers if answers.count(p) > 1} - {"/big/9006"}
    assert len(doubled) <= 1


@pytest.mark.slow
def test_a_harvest_killed_after_its_walk_leaves_what_it_had_not_ingested_pending(project,
                                                                                  tmp_path):
    """Where the kill lands (ingesting, writing, recording) is up to the scheduler; wherever it
    is, the next harvest asks only conditionally and ends with every release, once."""
    site, server = start_site(releases=QUICK)
    archive, out = tmp_path / "archive", tmp_path / "out"
    walk = [r.path for r in QUICK if r.behaviour not in ("private",)]
    try:
        process = subprocess.Popen(command(site, project, archive, out),  # killed: output unread
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(lambda: set(walk) <= set(paths(site.requests_since())))
        os.kill(process.pid, signal.SIGKILL)  # the walk is done: it is ingesting (or about to)
        process.wait(timeout=30)
        before = site.requests_since()
        again = subprocess.run(command(site, project, archive, out), capture_output=True,
                               text=True, timeout=120)
        after = site.requests_since(len(before))
    finally:
        server.shutdown()
    assert process.returncode == -signal.SIGKILL
    assert again.returncode in (0, 1), again.stdout + again.stderr
    # resumed (the kill came before the run was closed) or a new run (after): either way no
    # page archived whole is asked for whole again, but the one in flight and the cut one
    in_flight = item_answers(before)[-1:]
    assert set(item_answers(after)) <= {*in_flight, "/big/9006"}
    assert_holds_releases(out, EXPECTED)
    assert len(list(out.glob("*.ttl"))) == len(EXPECTED)
