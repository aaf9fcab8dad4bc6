"""The SPARQL 1.1 Protocol through the Flask test client: a table of method × encoding × query
form × format, each answer parsed back and compared with what the store itself says."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import quote

import pytest
from apps import app_for
from bs4 import BeautifulSoup
from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from rdflib.plugins.sparql.results.xmlresults import XMLResultParser

from osce_kg.namespaces import SD
from osce_kg.store.embedded.store import OxigraphStore

SELECT = ("SELECT ?name WHERE { ?p osce:partnerGroup "
          "<https://w3id.org/osce/id/partner-group/mediterranean> ; rdfs:label ?name "
          "FILTER(lang(?name) = 'en') }")
MEDITERRANEAN = {"Algeria", "Egypt", "Israel", "Jordan", "Morocco", "Tunisia"}
ASK = "ASK { <https://w3id.org/osce/id/state/lithuania> owl:sameAs wd:Q37 }"
CONSTRUCT = ("CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s osce:partnerGroup ?g ; rdfs:label ?l }")
DESCRIBE = "DESCRIBE <https://w3id.org/osce/id/state/lithuania>"

RESULT_FORMATS = {  # format= value: (media type, parser of the names)
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_FORMATS = {  # format= value: (media type, rdflib parser)
    "ttl": ("text/turtle", "turtle"),
    "nt": ("application/n-triples", "nt"),
    "jsonld": ("application/ld+json", "json-ld"),
    "rdf": ("application/rdf+xml", "xml"),
}
ENCODINGS = ("get", "post-form", "post-query")


def send(client, encoding, query, *, accept=None, params=None):
    headers = {"Accept": accept} if accept else {}
    params = dict(params or {})
    if encoding == "get":
        return client.get("/sparql", query_string={"query": query, **params}, headers=headers)
    if encoding == "post-form":
        return client.post("/sparql", data={"query": query, **params}, headers=headers)
    return client.post("/sparql", data=query.encode(), content_type="application/sparql-query",
                       query_string=params, headers=headers)


def names_in(body: bytes, media_type: str) -> set[str]:
    if media_type.endswith("json"):
        return {b["name"]["value"] for b in json.loads(body)["results"]["bindings"]}
    if media_type.endswith("xml"):
        return {str(row["name"]) for row in XMLResultParser().parse(io.BytesIO(body))}
    if media_type == "text/csv":
        return {row["name"] for row in csv.DictReader(io.StringIO(body.decode()))}
    lines = body.decode().splitlines()
    assert lines[0] == "?name"
    return {line.split('"')[1] for line in lines[1:]}


def expected_graph(store, query) -> Graph:
    return OxigraphStore(store, build_id="x").construct(query)


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("fmt", list(RESULT_FORMATS))
@pytest.mark.parametrize("by", ["accept", "format"])
def test_select(sparql_client, encoding, fmt, by):
    media_type = RESULT_FORMATS[fmt]
    kwargs = {"accept": media_type} if by == "accept" else {"params": {"format": fmt}}
    response = send(sparql_client, encoding, SELECT, **kwargs)
    assert response.status_code == 200, response.data
    assert response.mimetype == media_type
    assert "Accept" in response.headers["Vary"]
    assert names_in(response.data, media_type) == MEDITERRANEAN


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_ask(sparql_client, encoding, fmt):
    response = send(sparql_client, encoding, ASK, params={"format": fmt})
    assert response.status_code == 200
    if fmt == "json":
        assert response.json == {"head": {}, "boolean": True}
    else:
        assert XMLResultParser().parse(io.BytesIO(response.data)).askAnswer is True


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("fmt", list(GRAPH_FORMATS))
@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE], ids=["construct", "describe"])
def test_graphs(sparql_client, oxigraph_store, encoding, fmt, query):
    media_type, parser = GRAPH_FORMATS[fmt]
    response = send(sparql_client, encoding, query, accept=f"{media_type}, */*;q=0.1")
    assert response.status_code == 200, response.data
    assert response.mimetype == media_type
    got = Graph().parse(data=response.data, format=parser)
    assert got.isomorphic(expected_graph(oxigraph_store, query))
    assert len(got) > 10


def test_accept_q_values_choose_the_format(sparql_client):
    response = send(sparql_client, "get", SELECT,
                    accept="text/csv;q=0.5, application/sparql-results+xml;q=0.9, */*;q=0.1")
    assert response.mimetype == "application/sparql-results+xml"
    assert send(sparql_client, "get", SELECT, accept="*/*").mimetype == \
        "application/sparql-results+json"


@pytest.mark.parametrize("query, accept", [(SELECT, "image/png"), (CONSTRUCT, "image/png"),
                                           (SELECT, "text/html;q=0, application/pdf")])
def test_accept_naming_no_sparql_format_is_406_listing_the_forms_formats(sparql_client, query,
                                                                        accept):
    response = send(sparql_client, "get", query, accept=accept)
    assert response.status_code == 406
    text = response.get_data(as_text=True)
    offered = RESULT_FORMATS.values() if query == SELECT else \
        [media for media, _ in GRAPH_FORMATS.values()]
    assert all(media in text for media in offered), text


# (query, Accept, format=/output=/results= values, expected media type): docs/protocol.md
FALLBACKS = [
    (SELECT, "text/turtle", {}, "application/sparql-results+json"),
    (ASK, "application/rdf+xml", {}, "application/sparql-results+json"),
    (CONSTRUCT, "application/sparql-results+json", {}, "text/turtle"),
    (DESCRIBE, "application/sparql-results+xml, text/csv;q=0.5", {}, "text/turtle"),
    (SELECT, None, {"format": "pdf"}, "application/sparql-results+json"),
    (SELECT, "text/csv", {"format": "pdf"}, "text/csv"),
    (CONSTRUCT, "application/n-triples", {"format": "csv"}, "application/n-triples"),
    (CONSTRUCT, None, {"format": "n3", "output": "n3", "results": "n3"}, "text/turtle"),
    (CONSTRUCT, None, {"output": "json"}, "application/ld+json"),
    (CONSTRUCT, None, {"results": "xml"}, "application/rdf+xml"),
    (SELECT, None, {"results": "xml"}, "application/sparql-results+xml"),
    (SELECT, None, {"output": "tsv"}, "text/tab-separated-values"),
    (SELECT, "text/csv", {"format": "application/sparql-results+xml"},
     "application/sparql-results+xml"),
    (DESCRIBE, None, {"format": "rdfxml"}, "application/rdf+xml"),
    (DESCRIBE, None, {"format": "ntriples"}, "application/n-triples"),
    (DESCRIBE, None, {"format": "turtle"}, "text/turtle"),
]


@pytest.mark.parametrize("query, accept, params, expected", FALLBACKS)
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_format_names_and_the_other_forms_types_fall_back(sparql_client, oxigraph_store,
                                                          encoding, query, accept, params,
                                                          expected):
    response = send(sparql_client, encoding, query, accept=accept, params=params)
    assert response.status_code == 200, response.data
    assert response.mimetype == expected
    if query in (CONSTRUCT, DESCRIBE):
        parser = {media: name for media, name in GRAPH_FORMATS.values()}[expected]
        got = Graph().parse(data=response.data, format=parser)
        assert got.isomorphic(expected_graph(oxigraph_store, query))
    elif query == SELECT:
        assert names_in(response.data, expected) == MEDITERRANEAN


def test_syntax_error_is_400_with_the_position_in_json(sparql_client):
    response = send(sparql_client, "post-query", "SELECT *\nWHERE { ?s ?p }",
                    accept="application/json")
    assert response.status_code == 400
    assert response.json["details"]["position"] == "2:16"
    assert "line 2, column 16" in response.json["message"]


def test_two_queries_are_400(sparql_client):
    response = sparql_client.get(f"/sparql?query={quote(SELECT)}&query={quote(ASK)}")
    assert response.status_code == 400
    assert "exactly one query" in response.get_data(as_text=True)


def test_etag_and_304_on_get(sparql_client):
    first = send(sparql_client, "get", SELECT)
    assert first.headers["ETag"]
    again = sparql_client.get("/sparql", query_string={"query": SELECT},
                              headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    other = sparql_client.get("/sparql", query_string={"query": SELECT},
                              headers={"If-None-Match": first.headers["ETag"], "Accept": "text/csv"})
    assert other.status_code == 200 and other.mimetype == "text/csv"


def test_truncated_answers_say_so_and_point_to_paging(sparql_client):
    response = send(sparql_client, "get", "SELECT * { ?s ?p ?o }")
    assert response.headers["OSCE-KG-Truncated"] == "true"
    assert 'rel="help"' in response.headers["Link"]
    assert len(response.json["results"]["bindings"]) == 500
    assert "ETag" not in response.headers
    complete = send(sparql_client, "get", "SELECT * { ?s ?p ?o } LIMIT 499")
    assert "OSCE-KG-Truncated" not in complete.headers


def test_default_graph_uri_is_the_dataset(sparql_client):
    response = send(sparql_client, "get", SELECT, params={"default-graph-uri": "http://nowhere.test/g"})
    assert response.status_code == 200 and response.json["results"]["bindings"] == []


def test_cors_for_get_post_and_preflight(sparql_client):
    preflight = sparql_client.options("/sparql", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 204
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    for encoding in ENCODINGS:
        response = send(sparql_client, encoding, SELECT)
        assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_service_description_for_rdf_clients(sparql_client):
    response = sparql_client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.mimetype == "text/turtle"
    graph = Graph().parse(data=response.data, format="turtle")
    service = graph.value(predicate=RDF.type, object=SD.Service)
    assert graph.value(service, SD.endpoint) == URIRef("http://osce.test/sparql")
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert len(list(graph.objects(service, SD.resultFormat))) == 8
    dataset = graph.value(service, SD.defaultDataset)
    default_graph = graph.value(dataset, SD.defaultGraph)
    assert int(graph.value(default_graph, URIRef("http://rdfs.org/ns/void#triples"))) > 3000


def test_editor_page_for_browsers(sparql_client):
    response = sparql_client.get("/sparql", headers={"Accept": "text/html,*/*;q=0.8"})
    assert response.mimetype == "text/html"
    soup = BeautifulSoup(response.data, "html.parser")
    config = json.loads(soup.find("script", id="sparql-config").string)
    assert config["endpoint"] == "/sparql"
    assert len(config["examples"]) == 14
    # the question on top as a comment, then the query: no PREFIX lines (they are predeclared)
    assert config["examples"][0].startswith("# How many participating States are there?\n")
    assert all("PREFIX" not in text for text in config["examples"])
    assert [o.get_text() for o in soup.select("#sparql-examples option")][1] == \
        "How many participating States are there?"
    assert soup.find(id="paging")


def test_a_browser_following_a_query_link_gets_the_editor_with_it(sparql_client):
    response = sparql_client.get("/sparql", query_string={"query": ASK},
                                 headers={"Accept": "text/html,application/xml;q=0.9,*/*;q=0.8"})
    assert response.mimetype == "text/html"
    config = json.loads(BeautifulSoup(response.data, "html.parser")
                        .find("script", id="sparql-config").string)
    assert config["query"] == ASK


def test_the_cache_can_be_turned_off(sparql_settings, oxigraph_store, tmp_path):
    with app_for(sparql_settings.replace(cache=False, dist_dir=tmp_path),
                 OxigraphStore(oxigraph_store, build_id="no-cache")) as app:
        response = send(app.test_client(), "get", SELECT)
        assert names_in(response.data, response.mimetype) == MEDITERRANEAN
        assert not (tmp_path / "cache").exists()
