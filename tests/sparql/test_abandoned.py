"""Abandoned queries: when the client hangs up, the evaluator stops waiting and its process is
ended, whether the query was running or waiting for a free evaluator."""

from __future__ import annotations

import os
import socket
import threading
import time

import pytest

from osce_kg.errors import QueryTimeout
from osce_kg.store.base import QueryRequest
from osce_kg.store.embedded import evaluator as executor
from osce_kg.store.embedded.evaluator import EmbeddedEvaluator, peer_closed

CARTESIAN = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
CHEAP = "SELECT ?s WHERE { ?s a osce:ParticipatingState } LIMIT 3"
JSON = "application/sparql-results+json"


@pytest.fixture
def evaluator(oxigraph_store):
    evaluator = EmbeddedEvaluator(oxigraph_store, processes=1)
    yield evaluator
    evaluator.close()


@pytest.fixture
def killed(monkeypatch) -> list[int]:
    pids: list[int] = []
    kill = executor._Worker.kill

    def recording(worker):
        pids.append(worker.pid)
        kill(worker)

    monkeypatch.setattr(executor._Worker, "kill", recording)
    return pids


def gone_after(seconds: float):
    flag = threading.Event()
    threading.Timer(seconds, flag.set).start()
    return flag.is_set


def wait_until_gone(pid: int) -> bool:
    for _ in range(200):
        if not os.path.exists(f"/proc/{pid}"):
            return True
        time.sleep(0.05)
    return False


def test_a_running_query_is_ended_when_its_client_hangs_up(evaluator, killed):
    request = QueryRequest(CARTESIAN, "select", JSON, client_gone=gone_after(0.3))
    with pytest.raises(QueryTimeout, match="client closed the connection"):
        evaluator.evaluate(request, timeout_s=60.0, max_rows=10)
    assert len(killed) == 1 and wait_until_gone(killed[0])
    # the pool has its evaluator back at once: a cheap query answers
    answer = evaluator.evaluate(QueryRequest(CHEAP, "select", JSON), timeout_s=10.0, max_rows=10)
    assert answer.rows == 3


def test_a_query_waiting_for_an_evaluator_leaves_when_its_client_hangs_up(evaluator, killed):
    first_gone = threading.Event()
    errors: list[Exception] = []

    def long_query():
        try:
            evaluator.evaluate(QueryRequest(CARTESIAN, "select", JSON,
                                            client_gone=first_gone.is_set),
                               timeout_s=60.0, max_rows=10)
        except QueryTimeout as exc:
            errors.append(exc)

    runner = threading.Thread(target=long_query)
    runner.start()
    time.sleep(0.2)  # the long query holds the only evaluator
    waiting = QueryRequest(CHEAP, "select", JSON, client_gone=gone_after(0.3))
    with pytest.raises(QueryTimeout, match="waited for an evaluator"):
        evaluator.evaluate(waiting, timeout_s=60.0, max_rows=10)
    assert killed == []  # leaving the queue ends no evaluator
    first_gone.set()
    runner.join(30)
    assert not runner.is_alive() and len(errors) == 1 and len(killed) == 1


def test_a_client_that_stays_gets_its_answer(evaluator, killed):
    request = QueryRequest(CHEAP, "select", JSON, client_gone=lambda: False)
    assert evaluator.evaluate(request, timeout_s=10.0, max_rows=10).rows == 3
    assert killed == []


def test_peer_closed_sees_a_hang_up_but_not_unread_bytes():
    with socket.create_server(("127.0.0.1", 0)) as server:
        client = socket.create_connection(server.getsockname())
        conn, _ = server.accept()
        with conn:
            assert peer_closed(conn) is False
            client.sendall(b"GET / HTTP/1.1\r\n")  # a pipelined request stays unread
            time.sleep(0.05)
            assert peer_closed(conn) is False
            assert conn.recv(100).startswith(b"GET")
            client.close()
            for _ in range(100):
                if peer_closed(conn):
                    break
                time.sleep(0.01)
            assert peer_closed(conn) is True
        assert peer_closed(conn) is True  # a closed socket too


def test_the_probe_is_no_part_of_the_querys_identity():
    plain = QueryRequest(CHEAP, "select", JSON)
    assert QueryRequest(CHEAP, "select", JSON, client_gone=lambda: True) == plain


def test_a_query_whose_client_left_before_it_started_is_not_run(sparql_app, monkeypatch):
    endpoint = sparql_app.extensions["osce_kg_sparql"]
    spawned: list[int] = []
    monkeypatch.setattr(endpoint.evaluator, "evaluate",
                        lambda *a, **k: spawned.append(1) or pytest.fail("the query was run"))
    request = QueryRequest(CARTESIAN, "select", JSON, client_gone=lambda: True)
    with pytest.raises(QueryTimeout, match="before the query started"):
        endpoint.answer(request)
    assert spawned == []
