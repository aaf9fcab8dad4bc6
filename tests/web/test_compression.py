"""Compression: gzip/brotli above ~1 kB, one ETag per encoding, ``Vary: Accept-Encoding``, dumps
never compressed twice; each body decoded and parsed back."""

from __future__ import annotations

import gzip
import json

import brotli
import pytest
from bs4 import BeautifulSoup
from rdflib import Graph
from werkzeug.test import Client

from osce_kg.web.compression import MIN_BYTES, Compressor, chosen_encoding

CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
DECODERS = {"gzip": gzip.decompress, "br": brotli.decompress, None: lambda body: body}


def decoded(response) -> bytes:
    coding = response.headers.get("Content-Encoding")
    return DECODERS[coding](response.get_data())


def assert_varies_on_encoding(response) -> None:
    assert "Accept-Encoding" in [v.strip() for v in response.headers["Vary"].split(",")]


@pytest.mark.parametrize(("accept_encoding", "expected"), [
    ("gzip", "gzip"), ("br", "br"), ("gzip, deflate, br", "br"), ("br;q=0.5, gzip", "gzip"),
    ("identity", None), ("", None), ("*", "br"), ("gzip;q=0", None), ("br;q=0, *", "gzip"),
])
def test_the_encoding_the_client_prefers(accept_encoding, expected):
    assert chosen_encoding(accept_encoding) == expected


@pytest.mark.parametrize("coding", ["gzip", "br", None])
def test_a_construct_answer_is_compressed_and_parses_back(client, test_graph, coding):
    response = client.get("/sparql", query_string={"query": CONSTRUCT},
                          headers={"Accept": "application/n-triples",
                                   **({"Accept-Encoding": coding} if coding else {})})
    assert response.status_code == 200
    assert response.headers.get("Content-Encoding") == coding
    assert_varies_on_encoding(response)
    body = decoded(response)
    assert len(body) > MIN_BYTES
    assert Graph().parse(data=body, format="nt").isomorphic(test_graph)
    suffix = {"gzip": '-gzip"', "br": '-br"', None: '"'}[coding]
    assert response.headers["ETag"].endswith(suffix)
    if coding:
        assert int(response.headers["Content-Length"]) == len(response.get_data())


@pytest.mark.parametrize("coding", ["gzip", "br"])
def test_the_etag_of_an_encoding_gives_a_304_with_that_etag(client, coding):
    params = {"query": CONSTRUCT}
    headers = {"Accept": "text/turtle", "Accept-Encoding": coding}
    first = client.get("/sparql", query_string=params, headers=headers)
    again = client.get("/sparql", query_string=params,
                       headers={**headers, "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.headers["ETag"] == first.headers["ETag"]
    other = client.get("/sparql", query_string=params,
                       headers={**headers, "Accept-Encoding": "identity",
                                "If-None-Match": first.headers["ETag"]})
    assert other.status_code == 200 and "Content-Encoding" not in other.headers


def test_the_memo_replays_each_client_in_its_own_encoding(client, test_graph):
    params = {"query": CONSTRUCT}
    answers = [client.get("/sparql", query_string=params,
                          headers={"Accept": "application/n-triples", "Accept-Encoding": coding})
               for coding in ("gzip", "identity", "br", "gzip")]
    assert [a.headers.get("Content-Encoding") for a in answers] == ["gzip", None, "br", "gzip"]
    for answer in answers:
        assert Graph().parse(data=decoded(answer), format="nt").isomorphic(test_graph)


def test_an_entity_page_is_compressed(client):
    response = client.get("/page/state/lithuania", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert_varies_on_encoding(response)
    soup = BeautifulSoup(decoded(response), "html.parser")
    assert soup.h1 is not None and "Lithuania" in soup.h1.get_text()


def test_a_small_answer_is_sent_as_it_is_but_still_varies(client):
    response = client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"},
                          headers={"Accept": "application/sparql-results+json",
                                   "Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in response.headers
    assert json.loads(response.get_data())["boolean"] is True
    assert_varies_on_encoding(response)


def test_a_gzipped_dump_is_not_compressed_again(client, dist_dir, test_graph):
    with client.get("/dumps/osce-kg.nt.gz", headers={"Accept-Encoding": "gzip, br"}) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        graph = Graph().parse(data=gzip.decompress(response.get_data()), format="nt")
    assert graph.isomorphic(test_graph)


def streamed_app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8"), ("ETag", '"s"')])
    for number in range(2000):
        yield f"line {number}\n".encode()


def test_a_streamed_body_is_compressed_as_it_comes_without_a_length():
    response = Client(Compressor(streamed_app)).get("/", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Content-Length" not in response.headers
    lines = gzip.decompress(response.get_data()).decode().splitlines()
    assert lines[0] == "line 0" and lines[-1] == "line 1999" and len(lines) == 2000


class ClosableBody:
    """An application body that counts how often it is closed."""

    def __init__(self) -> None:
        self.closed = 0

    def __iter__(self):
        yield b"x" * 4000

    def close(self) -> None:
        self.closed += 1


@pytest.mark.parametrize("iterate", [True, False])
def test_the_applications_body_is_closed_once(iterate):
    body = ClosableBody()

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return body

    answer = Compressor(app)({"REQUEST_METHOD": "GET", "PATH_INFO": "/",
                              "HTTP_ACCEPT_ENCODING": "gzip"}, lambda *args: None)
    if iterate:
        assert gzip.decompress(b"".join(answer)) == b"x" * 4000
    answer.close()
    assert body.closed == 1


def test_a_repeated_answer_is_compressed_once(monkeypatch):
    import osce_kg.web.compression as compression

    calls = []
    real = compression.compress_whole
    monkeypatch.setattr(compression, "compress_whole",
                        lambda data, coding: calls.append(coding) or real(data, coding))

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain"), ("ETag", '"same"'),
                                  ("Content-Length", "4000")])
        return [b"y" * 4000]

    client = Client(Compressor(app))
    bodies = [client.get("/", headers={"Accept-Encoding": coding}).get_data()
              for coding in ("gzip", "gzip", "br", "br", "gzip")]
    assert calls == ["gzip", "br"]
    assert bodies[0] == bodies[1] == bodies[4] and gzip.decompress(bodies[0]) == b"y" * 4000
    assert brotli.decompress(bodies[2]) == b"y" * 4000


def test_head_sends_the_headers_of_get(client):
    headers = {"Accept": "application/n-triples", "Accept-Encoding": "gzip"}
    get = client.get("/sparql", query_string={"query": CONSTRUCT}, headers=headers)
    head = client.head("/sparql", query_string={"query": CONSTRUCT}, headers=headers)
    assert head.status_code == 200 and head.get_data() == b""
    for name in ("Content-Encoding", "ETag", "Vary", "Content-Type"):
        assert head.headers[name] == get.headers[name]


def eager_and_lazy(status: str, headers: list[tuple[str, str]], body: bytes):
    """The same answer from an application that starts it when called (as Flask does) and
    from one that starts it at its first chunk (a generator)."""
    def eager(environ, start_response):
        start_response(status, list(headers))
        return [body]

    def lazy(environ, start_response):
        start_response(status, list(headers))
        yield body

    return eager, lazy


@pytest.mark.parametrize(("status", "headers", "body"), [
    ("200 OK", [("Content-Type", "application/sparql-results+json"),
                ("Content-Length", "300")], b"{}" * 150),
    ("200 OK", [("Content-Type", "text/plain"), ("Vary", "Accept"), ("Content-Length", "10")],
     b"x" * 10),
    ("200 OK", [("Vary", "Accept"), ("Content-Type", "text/turtle"), ("Vary", "Cookie"),
                ("Content-Length", "5")], b"x" * 5),
    ("200 OK", [("Content-Type", "text/plain"), ("Vary", "*"), ("Content-Length", "5")],
     b"x" * 5),
    ("200 OK", [("Content-Type", "text/plain"), ("Vary", "accept-encoding")], b"x" * 3000),
    ("200 OK", [("Content-Type", "image/png"), ("Content-Length", "3000")], b"x" * 3000),
    ("200 OK", [("Content-Type", "text/plain"), ("Content-Encoding", "gzip")],
     gzip.compress(b"x" * 3000)),
    ("304 Not Modified", [("ETag", '"t"')], b""),
    ("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "3000")], b"x" * 3000),
    ("200 OK", [("Content-Type", "text/plain")], b"x" * 20),
])
@pytest.mark.parametrize("accept_encoding", ["gzip", "identity", None])
def test_an_answer_started_at_once_gets_what_a_streamed_one_gets(status, headers, body,
                                                                 accept_encoding):
    eager, lazy = eager_and_lazy(status, headers, body)
    request = {"headers": {"Accept-Encoding": accept_encoding} if accept_encoding else {}}
    answers = [Client(Compressor(app)).get("/", **request) for app in (eager, lazy)]
    assert answers[0].status == answers[1].status == status
    assert answers[0].headers.to_wsgi_list() == answers[1].headers.to_wsgi_list()
    assert answers[0].get_data() == answers[1].get_data()
    sent = gzip.decompress(body) if dict(headers).get("Content-Encoding") else body
    assert decoded(answers[0]) == sent
