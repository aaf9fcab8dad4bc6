"""HTTP as any client meets it on the real server (gunicorn): compressed answers, GET queries up
to the documented length, 414 past the URL limit in the negotiated error shape, the access
log, and a base URL that follows the port."""

from __future__ import annotations

import gzip
import re
import time

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


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("fmt", ["turtle", "nt", "json-ld", "xml"])
@pytest.mark.parametrize("entity", ["state/lithuania", "structure/odihr"])
def test_rdflib_reads_each_entity_document(server, entity, fmt):
    """rdflib asks /id/ with its own Accept for each format, follows the 303, and fetches
    the JSON-LD context itself."""
    own = Graph().parse(data=requests.get(f"{server}/data/{entity}.nt", timeout=30).content,
                        format="nt")
    assert_same_graph(own, Graph().parse(f"{server}/id/{entity}", format=fmt))


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


def logged(log_path, path: str, agent: str) -> bool:
    """Whether the access log has the line of a 200 GET of ``path`` by ``agent``."""
    lines = log_path.read_text(encoding="utf-8").splitlines()
    return any(m.group(1) == path and m.group(2) == "200" and m.group(4) == agent
               for m in map(ACCESS_LINE.match, lines) if m)


def test_every_request_is_in_the_access_log_with_its_duration(server, client_build):
    path, agent = "/page/state/lithuania", "access-log-probe"
    requests.get(server + path, headers={"User-Agent": agent}, timeout=30)
    log_path = client_build.parent / "server.log"
    deadline = time.monotonic() + 20  # the line is written after the answer is sent
    while not logged(log_path, path, agent) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert logged(log_path, path, agent), log_path.read_text(encoding="utf-8")[-2000:]


def test_without_a_base_url_the_server_advertises_where_it_listens(client_build):
    with served(client_build, log_path=client_build.parent / "unset-base.log",
                options=("--workers", "1"), env={"OSCE_KG_BASE_URL": ""}) as base:
        void = Graph().parse(data=requests.get(base + "/.well-known/void", timeout=30).content,
                             format="turtle")
    assert set(void.objects(DATASET_IRI, VOID.sparqlEndpoint)) == {URIRef(base + "/sparql")}
