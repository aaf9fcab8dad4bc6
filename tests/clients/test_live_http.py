"""HTTP as any client meets it on the real server (gunicorn): compressed answers, GET queries up
to the documented length, 414 past the URL limit in the negotiated error shape, the access
log, and a base URL that follows the port."""

from __future__ import annotations

import gzip
import re

import brotli
import pytest
import requests
from answers import assert_same_graph, own_graph
from rdflib import Graph, URIRef
from rdflib.namespace import VOID
from serverproc import served

from osce_kg.namespaces import DATASET_IRI, sparql_prologue
from osce_kg.settings import Settings

pytestmark = [pytest.mark.slow, pytest.mark.clients]

CONSTRUCT = sparql_prologue() + ("CONSTRUCT { ?s ?p ?o } WHERE { ?s a osce:ParticipatingState ;"
                                 " ?p ?o }")
LIMITS = Settings()
# "<ip> - - [date] "GET /path HTTP/1.1" 200 1234 "-" "agent" 12ms"
ACCESS_LINE = re.compile(r'^\S+ \S+ \S+ \[[^\]]+\] "GET (\S+) HTTP/1\.1" (\d{3}) (\d+|-) '
                         r'"[^"]*" "([^"]*)" (\d+)ms$')


@pytest.mark.parametrize(("coding", "decode"), [("gzip", gzip.decompress),
                                                ("br", brotli.decompress)])
def test_a_big_answer_comes_compressed(server, coding, decode):
    answer = requests.get(server + "/sparql", params={"query": CONSTRUCT}, stream=True,
                          headers={"Accept": "application/n-triples",
                                   "Accept-Encoding": coding}, timeout=60)
    raw = answer.raw.read(decode_content=False)
    assert answer.headers["Content-Encoding"] == coding
    assert "Accept-Encoding" in answer.headers["Vary"]
    plain = decode(raw)
    assert len(raw) < len(plain) / 3
    assert_same_graph(own_graph(server, CONSTRUCT), Graph().parse(data=plain, format="nt"))


def test_a_get_query_of_the_documented_length_passes_gunicorn(server):
    query = "ASK { ?s ?p ?o }\n#" + "x" * (LIMITS.max_query_chars - 100)
    answer = requests.get(server + "/sparql", params={"query": query}, timeout=60,
                          headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 200, answer.text[:300]
    assert answer.json()["boolean"] is True


def test_a_longer_url_is_414_in_the_error_shape_naming_post(server):
    query = "ASK { ?s ?p ?o }\n#" + "x" * LIMITS.max_url_bytes
    answer = requests.get(server + "/sparql", params={"query": query}, timeout=60,
                          headers={"Accept": "application/json"})
    assert answer.status_code == 414
    body = answer.json()
    assert body["status"] == 414 and "POST" in body["message"]


def test_every_request_is_in_the_access_log_with_its_duration(server, client_build):
    path = "/page/state/lithuania"
    requests.get(server + path, headers={"User-Agent": "access-log-probe"}, timeout=30)
    log = (client_build.parent / "server.log").read_text(encoding="utf-8")
    lines = [m for m in map(ACCESS_LINE.match, log.splitlines()) if m]
    assert any(m.group(1) == path and m.group(2) == "200" and m.group(4) == "access-log-probe"
               for m in lines), log[-2000:]


def test_without_a_base_url_the_server_advertises_where_it_listens(client_build):
    with served(client_build, log_path=client_build.parent / "unset-base.log",
                options=("--workers", "1"), env={"OSCE_KG_BASE_URL": ""}) as base:
        void = Graph().parse(data=requests.get(base + "/.well-known/void", timeout=30).content,
                             format="turtle")
    assert set(void.objects(DATASET_IRI, VOID.sparqlEndpoint)) == {URIRef(base + "/sparql")}
