"""The answer memo: a process replays the /sparql answers it sent lately, unchanged, and only
those the application marked reusable."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from apps import app_for
from werkzeug.test import Client

from osce_kg.store.embedded.store import OxigraphStore
from osce_kg.web.memo import AnswerMemo

JSON = "application/sparql-results+json"
QUERY = "ASK { ?s ?p ?o }"


class CountingApp:
    """A WSGI app answering with a fixed status and headers, counting its calls."""

    def __init__(self, status: str = "200 OK", headers: tuple = (("ETag", '"k"'),)) -> None:
        self.status = status
        self.headers = [("Content-Type", JSON), *headers]
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        start_response(self.status, list(self.headers))
        return [b'{"n": ', str(self.calls).encode(), b"}"]


def memo_client(app: CountingApp, build: SimpleNamespace | None = None, **limits) -> Client:
    return Client(AnswerMemo(app, build or SimpleNamespace(build_id="b1"), **limits))


def get(client: Client, query: str = QUERY, accept: str = JSON, **headers):
    return client.get("/sparql", query_string={"query": query},
                      headers={"Accept": accept, **headers})


def test_a_repeated_get_is_replayed_with_the_same_status_headers_and_body():
    app = CountingApp()
    client = memo_client(app)
    first, second = get(client), get(client)
    assert app.calls == 1
    assert second.status == first.status
    assert second.get_data() == first.get_data() == b'{"n": 1}'
    assert list(second.headers.items()) == list(first.headers.items())


@pytest.mark.parametrize(("app", "request_args"), [
    (CountingApp(), {"method": "POST", "data": {"query": QUERY}}),
    (CountingApp(), {"method": "HEAD", "query_string": {"query": QUERY}}),
    (CountingApp(), {"method": "GET", "query_string": {"query": QUERY},
                     "headers": {"If-None-Match": '"k"'}}),
    (CountingApp(), {"method": "GET", "path": "/page/state/lithuania"}),
    (CountingApp(), {"method": "GET"}),  # the service description: no query
    (CountingApp(headers=()), {"method": "GET", "query_string": {"query": QUERY}}),
    (CountingApp(headers=(("ETag", '"k"'), ("OSCE-KG-Truncated", "true"))),
     {"method": "GET", "query_string": {"query": QUERY}}),
    (CountingApp(status="400 BAD REQUEST"), {"method": "GET", "query_string": {"query": QUERY}}),
    (CountingApp(status="503 SERVICE UNAVAILABLE"),
     {"method": "GET", "query_string": {"query": QUERY}}),
], ids=["post", "head", "conditional", "other-path", "no-query", "no-etag", "truncated",
        "error", "timeout"])
def test_what_is_never_replayed(app, request_args):
    client = memo_client(app)
    request_args = {"path": "/sparql", **request_args}
    for _ in range(2):
        client.open(**request_args)
    assert app.calls == 2


def test_accept_and_build_are_part_of_the_key():
    app = CountingApp()
    build = SimpleNamespace(build_id="b1")
    client = memo_client(app, build)
    get(client)
    get(client, accept="text/csv")
    build.build_id = "b2"
    assert get(client).get_data() == b'{"n": 3}'
    assert app.calls == 3


def test_the_memo_keeps_within_its_budget_dropping_the_oldest():
    app = CountingApp()
    memo = AnswerMemo(app, SimpleNamespace(build_id="b"), max_total_bytes=20, max_entry_bytes=10)
    client = Client(memo)
    for n in range(5):
        get(client, query=f"ASK {{ ?s ?p {n} }}")
    assert len(memo) == 2  # two answers of 8 bytes fit in 20
    get(client, query="ASK { ?s ?p 4 }")
    assert app.calls == 5  # the newest is still there
    get(client, query="ASK { ?s ?p 0 }")
    assert app.calls == 6  # the oldest was dropped


def test_an_answer_bigger_than_an_entry_is_sent_but_not_kept():
    app = CountingApp()
    memo = AnswerMemo(app, SimpleNamespace(build_id="b"), max_entry_bytes=4)
    client = Client(memo)
    assert get(client).get_data() == b'{"n": 1}'
    assert get(client).get_data() == b'{"n": 2}'
    assert len(memo) == 0


def test_the_application_replays_what_the_endpoint_answered(sparql_app):
    client = sparql_app.test_client()
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?type }"
    first = get(client, query=query)
    second = get(client, query=query)
    assert first.status_code == 200
    assert second.get_json() == first.get_json()
    assert second.headers["ETag"] == first.headers["ETag"]
    assert second.headers["Vary"] == "Accept, Accept-Encoding"
    memo = sparql_app.wsgi_app.app  # inside the compression layer
    assert isinstance(memo, AnswerMemo) and len(memo) >= 1
    conditional = get(client, query=query, **{"If-None-Match": first.headers["ETag"]})
    assert conditional.status_code == 304


def test_without_the_result_cache_nothing_is_replayed(sparql_settings, oxigraph_store):
    with app_for(sparql_settings.replace(cache=False),
                 OxigraphStore(oxigraph_store, build_id="no-cache")) as app:
        assert not isinstance(app.wsgi_app.app, AnswerMemo)  # Compressor wraps the app itself
