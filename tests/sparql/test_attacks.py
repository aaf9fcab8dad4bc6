"""Issue 6's battery: read-only everywhere, no outbound requests, bounded work, bad input.

The engine-level probes run against the real server (``osce-kg serve``: gunicorn workers and
the evaluator processes), the rest through the test client."""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import pyoxigraph as ox
import pytest
import requests
from sparqllimits import TIME_LIMIT_S

CHEAP = "SELECT ?name { <https://w3id.org/osce/id/state/lithuania> rdfs:label ?name }"
CARTESIAN = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
UNBOUNDED_PATH = ("SELECT (COUNT(*) AS ?n) { ?a (<http://x/p>|!<http://x/p>)* ?b . "
                  "?c (<http://x/q>|!<http://x/q>)* ?d }")


def fingerprint(store: ox.Store) -> tuple[int, str]:
    dump = store.dump(format=ox.RdfFormat.N_QUADS)
    return len(store), hashlib.sha256(b"\n".join(sorted(dump.splitlines()))).hexdigest()


class Listener:
    """A TCP listener on 127.0.0.1 that counts every connection it receives."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/sparql"
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture
def listener():
    listening = Listener()
    yield listening
    listening.close()


def update_attacks(target: str) -> list[tuple[str, dict]]:
    """(method, requests kwargs) for updates in every encoding the protocol has."""
    updates = ["INSERT DATA { <http://evil/s> <http://evil/p> 'x' }", "DROP ALL", "CLEAR DEFAULT",
               f"LOAD <{target}>", "DELETE WHERE { ?s ?p ?o }", "CREATE GRAPH <http://evil/g>",
               "COPY DEFAULT TO <http://evil/g>", "MOVE DEFAULT TO <http://evil/g>",
               "ADD DEFAULT TO <http://evil/g>",
               "WITH <http://evil/g> INSERT { ?s ?p ?o } WHERE { ?s ?p ?o }"]
    attacks = []
    for update in updates:
        attacks += [
            ("GET", {"params": {"update": update}}),
            ("GET", {"params": {"query": update}}),
            ("POST", {"data": {"update": update}}),
            ("POST", {"data": {"query": update}}),
            ("POST", {"data": update.encode(),
                      "headers": {"Content-Type": "application/sparql-update"}}),
            ("POST", {"data": update.encode(),
                      "headers": {"Content-Type": "application/sparql-query"}}),
        ]
    return attacks


def test_no_request_changes_the_store(sparql_client, oxigraph_store, listener):
    before = fingerprint(oxigraph_store)
    for method, kwargs in update_attacks(listener.url):
        kwargs = dict(kwargs)
        if "params" in kwargs:
            kwargs["query_string"] = kwargs.pop("params")
        response = sparql_client.open("/sparql", method=method, **kwargs)
        assert response.status_code == 400, (method, kwargs, response.data)
        assert "read-only" in response.get_data(as_text=True)
    for route in ("/", "/id/state/lithuania", "/data/state/lithuania", "/dumps/", "/search"):
        for method in ("POST", "PUT", "DELETE", "PATCH"):
            response = sparql_client.open(route, method=method, data="DROP ALL",
                                          content_type="application/sparql-update")
            assert response.status_code in (404, 405), (route, method)
    assert fingerprint(oxigraph_store) == before
    assert listener.connections == 0


def test_no_outbound_requests(sparql_client, listener):
    url = listener.url
    refused = [f"SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
               f"SELECT * {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
               f"LOAD <{url}>"]
    for query in refused:
        response = sparql_client.get("/sparql", query_string={"query": query})
        assert response.status_code == 400
    answered = [f"SELECT * FROM <{url}> {{ ?s ?p ?o }}",
                f"SELECT * FROM NAMED <{url}> {{ GRAPH ?g {{ ?s ?p ?o }} }}",
                f"CONSTRUCT {{ ?s ?p ?o }} FROM <{url}> WHERE {{ ?s ?p ?o }}"]
    for query in answered:  # FROM names a graph of the store; nothing is fetched
        response = sparql_client.get("/sparql", query_string={"query": query},
                                     headers={"Accept": "text/csv, text/turtle"})
        assert response.status_code == 200
    response = sparql_client.get("/sparql", query_string={
        "query": CHEAP, "default-graph-uri": url, "named-graph-uri": url})
    assert response.status_code == 200
    time.sleep(0.3)
    assert listener.connections == 0


BAD_INPUT = [  # (description, method, path, requests kwargs, status, words in the message)
    ("malformed SPARQL", "GET", "/sparql?query=" + quote("SELECT * WHERE { ?s ?p"), {}, 400,
     "syntax error at line 1"),
    ("invalid UTF-8 in the URL", "GET", "/sparql?query=SELECT%20%FF%FE", {}, 400, "UTF-8"),
    ("invalid UTF-8 in the body", "POST", "/sparql",
     {"data": b"SELECT \xff", "headers": {"Content-Type": "application/sparql-query"}}, 400,
     "UTF-8"),
    ("NUL byte", "GET", "/sparql?query=SELECT%20*%20%00%20%7B%7D", {}, 400, "NUL"),
    ("10 MB body", "POST", "/sparql",
     {"data": b"query=" + b"a" * 10_000_000,
      "headers": {"Content-Type": "application/x-www-form-urlencoded"}}, 413, "at most"),
    ("1,000 nested groups", "POST", "/sparql",
     {"data": ("SELECT * WHERE " + "{" * 1000 + "}" * 1000).encode(),
      "headers": {"Content-Type": "application/sparql-query"}}, 400, "levels deep"),
    ("10,000 chained UNIONs", "POST", "/sparql",
     {"data": ("SELECT * { " + " UNION ".join(["{}"] * 10_000) + " }").encode(),
      "headers": {"Content-Type": "application/sparql-query"}}, 400, "operators"),
    ("unknown parameter", "GET", "/sparql?query=ASK%7B%7D&debug=1", {}, 400,
     "unknown parameter 'debug'"),
    ("update by POST", "POST", "/sparql",
     {"data": b"DROP ALL", "headers": {"Content-Type": "application/sparql-update"}}, 400,
     "read-only"),
    ("unknown POST type", "POST", "/sparql",
     {"data": b"{}", "headers": {"Content-Type": "application/json"}}, 400,
     "application/sparql-query"),
    ("absurd Accept", "GET", "/sparql?query=ASK%7B%7D",
     {"headers": {"Accept": "x/" + "y" * 8000}}, 406, "acceptable"),
    ("PUT", "PUT", "/sparql", {"data": b"x"}, 405, "not allowed"),
    ("encoded ../ after the endpoint", "GET", "/sparql/..%2F..%2Fetc%2Fpasswd", {}, 404, "not found"),
]


@pytest.mark.slow
@pytest.mark.parametrize("case", BAD_INPUT, ids=[c[0] for c in BAD_INPUT])
def test_bad_input_gets_a_clear_4xx(sparql_server, case):
    _, method, path, kwargs, status, words = case
    response = requests.request(method, sparql_server + path, timeout=30, **kwargs)
    assert response.status_code == status, response.text[:300]
    assert words.lower() in response.text.lower()
    assert "Traceback" not in response.text and len(response.content) < 10_000


@pytest.mark.slow
def test_catastrophic_regex_is_answered(sparql_server):
    text = "a" * 5_000 + "!"
    query = (f'SELECT (COUNT(*) AS ?n) {{ VALUES ?x {{ "{text}" }} '
             'FILTER(REGEX(?x, "^(a+)+$") || REGEX(?x, "^(a|aa)+$")) }')
    response = requests.post(sparql_server + "/sparql", data={"query": query}, timeout=30,
                             headers={"Accept": "application/sparql-results+json"})
    assert response.status_code in (200, 503)
    if response.status_code == 200:  # Rust's regex engine does not backtrack
        assert response.json()["results"]["bindings"][0]["n"]["value"] == "0"


@pytest.mark.slow
@pytest.mark.parametrize("query", [CARTESIAN, UNBOUNDED_PATH], ids=["cartesian", "path"])
def test_long_queries_end_at_the_limit_while_others_are_answered(sparql_server, query):
    def long_query():
        started = time.monotonic()
        response = requests.post(sparql_server + "/sparql", data={"query": query}, timeout=60,
                                 headers={"Accept": "application/json"})
        return response, time.monotonic() - started

    with ThreadPoolExecutor(max_workers=2) as pool:
        running = [pool.submit(long_query) for _ in range(2)]
        time.sleep(0.3)
        cheap = []
        while not all(f.done() for f in running):
            response = requests.get(sparql_server + "/sparql", params={"query": CHEAP},
                                    timeout=10, headers={"Accept": "text/csv"})
            cheap.append((response.status_code, response.text.splitlines()[1:]))
        results = [f.result() for f in running]
    for response, elapsed in results:
        assert response.status_code == 503
        assert response.json()["details"]["limit_s"] == TIME_LIMIT_S
        assert f"{TIME_LIMIT_S:g} s" in response.json()["message"]
        assert elapsed < TIME_LIMIT_S + 2.0
    assert len(cheap) >= 3
    assert all(status == 200 and "Lithuania" in rows for status, rows in cheap)
