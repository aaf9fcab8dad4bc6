"""A running server switches to a new build on SIGHUP without failing a request (issue 6)."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time

import pytest
import requests
from projects import web_project
from rdflib import URIRef
from serverproc import served

from osce_kg.namespaces import entity_iri

NEW_STATE = entity_iri("state", "testland")
TESTLAND = f"""<{NEW_STATE}> a <https://w3id.org/osce/ontology#ParticipatingState> ;
    <http://www.w3.org/2000/01/rdf-schema#label> "Testland"@en .
"""


def swap_in(build, fresh) -> None:
    """What `osce-kg build` does: write beside, then rename over the served directory."""
    old = build.with_name(build.name + ".old")
    build.rename(old)
    fresh.rename(build)
    shutil.rmtree(old)


@pytest.mark.slow
def test_sighup_switches_builds_without_failing_a_request(tmp_path):
    build = web_project(tmp_path / "a").out
    statuses: list[int] = []
    stop = threading.Event()

    def hammer(base: str) -> None:
        with requests.Session() as session:
            while not stop.is_set():
                for path in ("/data/state/lithuania.nt", "/sparql?query=ASK%7B%7D", "/"):
                    try:
                        statuses.append(session.get(base + path, timeout=30).status_code)
                    except requests.RequestException:
                        statuses.append(0)

    with served(build, log_path=tmp_path / "server.log",
                options=("--workers", "2", "--threads", "2")) as base:
        assert requests.get(base + "/page/state/testland", timeout=10).status_code == 404
        clients = [threading.Thread(target=hammer, args=(base,)) for _ in range(3)]
        for client in clients:
            client.start()
        try:
            swap_in(build, web_project(tmp_path / "b", extra={"testland.ttl": TESTLAND}).out)
            os.kill(base.pid, signal.SIGHUP)
            deadline = time.monotonic() + 60
            while requests.get(base + "/page/state/testland", timeout=10).status_code != 200:
                assert time.monotonic() < deadline, "the new build was not served after SIGHUP"
                time.sleep(0.2)
            time.sleep(1)  # keep the clients going while the old workers finish
        finally:
            stop.set()
            for client in clients:
                client.join()
        page = requests.get(base + "/data/state/testland.nt", timeout=10)
        assert URIRef(NEW_STATE).n3() in page.text
    counts = {s: statuses.count(s) for s in set(statuses)}
    assert len(statuses) > 10 and set(statuses) == {200}, counts
