"""The SPARQL protocol matrix on the remote backend: method × encoding × query form × format,
each answer parsed and compared with the embedded store's answer to the same request."""

from __future__ import annotations

import csv
import io
import json
from xml.etree import ElementTree

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from test_web_remote import embedded_client, remote_client  # noqa: F401 (fixtures)

pytestmark = pytest.mark.virtuoso

SELECT = ("SELECT ?state ?code WHERE { ?state <https://w3id.org/osce/ontology#iso3166Alpha2> ?code }"
          " ORDER BY ?code")
ASK = "ASK { <https://w3id.org/osce/id/state/lithuania> ?p ?o }"
CONSTRUCT = ("CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?s { <https://w3id.org/osce/id/state/lithuania> }"
             " ?s ?p ?o }")
DESCRIBE = "DESCRIBE <https://w3id.org/osce/id/structure/odihr>"

ENCODINGS = ["get", "post-form", "post-query"]
RESULT_FORMATS = {"application/sparql-results+json": "json", "application/sparql-results+xml": "xml",
                  "text/csv": "csv", "text/tab-separated-values": "tsv"}
GRAPH_FORMATS = {"text/turtle": "turtle", "application/n-triples": "nt",
                 "application/ld+json": "json-ld", "application/rdf+xml": "xml"}
SPARQL_RESULTS = "{http://www.w3.org/2005/sparql-results#}"


def ask_endpoint(client, encoding: str, query: str, accept: str):
    headers = {"Accept": accept}
    if encoding == "get":
        return client.get("/sparql", query_string={"query": query}, headers=headers)
    if encoding == "post-form":
        return client.post("/sparql", data={"query": query}, headers=headers)
    return client.post("/sparql", data=query.encode(),
                       headers={**headers, "Content-Type": "application/sparql-query"})


def rows(body: bytes, kind: str) -> list[tuple[str, ...]]:
    """The solutions of a SELECT answer as sorted tuples of values, whatever the format."""
    text = body.decode("utf-8")
    if kind == "json":
        data = json.loads(text)
        names = data["head"]["vars"]
        return sorted(tuple(b[n]["value"] for n in names) for b in data["results"]["bindings"])
    if kind == "xml":
        root = ElementTree.fromstring(body)
        return sorted(tuple(binding[0].text for binding in result)
                      for result in root.iter(SPARQL_RESULTS + "result"))
    if kind == "csv":
        return sorted(tuple(r) for r in list(csv.reader(io.StringIO(text)))[1:])
    lines = text.splitlines()[1:]  # TSV terms are in SPARQL syntax: <iri>, "literal"
    return sorted(tuple(cell.strip('<>"') for cell in line.split("\t")) for line in lines)


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("accept", RESULT_FORMATS)
def test_select(embedded_client, remote_client, encoding, accept):  # noqa: F811
    remote = ask_endpoint(remote_client, encoding, SELECT, accept)
    embedded = ask_endpoint(embedded_client, encoding, SELECT, accept)
    assert remote.status_code == embedded.status_code == 200, remote.data[:300]
    assert remote.mimetype == accept
    kind = RESULT_FORMATS[accept]
    assert len(rows(remote.data, kind)) >= 57
    assert rows(remote.data, kind) == rows(embedded.data, kind)


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("accept", ["application/sparql-results+json",
                                    "application/sparql-results+xml"])
def test_ask(remote_client, encoding, accept):  # noqa: F811
    response = ask_endpoint(remote_client, encoding, ASK, accept)
    assert response.status_code == 200 and response.mimetype == accept
    if accept.endswith("json"):
        assert json.loads(response.data)["boolean"] is True
    else:
        assert ElementTree.fromstring(response.data).find(SPARQL_RESULTS + "boolean").text == "true"


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("accept", GRAPH_FORMATS)
@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE], ids=["construct", "describe"])
def test_graphs(embedded_client, remote_client, encoding, accept, query):  # noqa: F811
    remote = ask_endpoint(remote_client, encoding, query, accept)
    embedded = ask_endpoint(embedded_client, encoding, query, accept)
    assert remote.status_code == embedded.status_code == 200, remote.data[:300]
    assert remote.mimetype == accept
    fmt = GRAPH_FORMATS[accept]
    remote_graph = Graph().parse(data=remote.data, format=fmt)
    embedded_graph = Graph().parse(data=embedded.data, format=fmt)
    assert len(remote_graph) > 0
    if query is CONSTRUCT:
        assert isomorphic(remote_graph, embedded_graph)
    else:  # engines may describe more than the subject's own triples (Virtuoso: CBD)
        subject = next(iter(embedded_graph.subjects()))
        assert set(embedded_graph.triples((subject, None, None))) <= set(remote_graph)
