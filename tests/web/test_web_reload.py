"""A running server switches to a new build on SIGHUP without failing a request (issue 6)."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time

import pytest
import requests
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from serverproc import served
from webdist import write_dist

from osce_kg.namespaces import OSCE, entity_iri

NEW_STATE = entity_iri("state", "testland")


def swap_in(build, graph, build_id: str) -> None:
    """What `osce-kg build` does: write beside, then rename over the served directory."""
    fresh = write_dist(build.with_name(build.name + ".new"), graph, build_id=build_id)
    old = build.with_name(build.name + ".old")
    build.rename(old)
    fresh.rename(build)
    shutil.rmtree(old)


@pytest.mark.slow
def test_sighup_switches_builds_without_failing_a_request(tmp_path, test_graph):
    build = write_dist(tmp_path / "build", test_graph, build_id="build-a")
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
            newer = Graph()
            newer += test_graph
            newer.add((NEW_STATE, RDF.type, OSCE.ParticipatingState))
            newer.add((NEW_STATE, RDFS.label, Literal("Testland", lang="en")))
            swap_in(build, newer, "build-b")
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
