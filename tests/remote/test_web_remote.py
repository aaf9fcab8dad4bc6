"""The web app on the remote backend serves what it serves on the embedded store, and answers
503 with the reason while the engine is down, recovering when it is back (Virtuoso)."""

from __future__ import annotations

import json

import pytest
from apps import app_for
from bs4 import BeautifulSoup
from rdflib.compare import isomorphic
from rdfparse import parse_answer

from osce_kg.errors import StoreUnavailable
from osce_kg.settings import Settings

pytestmark = pytest.mark.virtuoso

RDF_ROUTES = [("/data/state/lithuania.ttl", "turtle"), ("/data/state/lithuania.jsonld", "json-ld"),
              ("/data/place/vienna.nt", "nt"), ("/data/structure/odihr.rdf", "xml")]
HTML_ROUTES = ["/", "/page/state/lithuania", "/page/state/lithuania?lang=de", "/page/place/vienna",
               "/class/ParticipatingState", "/search?q=lith", "/dumps/",
               # a page of each kind, the tables, the pictures: every internal query once
               "/page/field-operation/mission-to-skopje?lang=fr", "/page/chairpersonship/2025",
               "/page/structure/odihr?lang=ru",
               "/page/release/2007-10-26-osce-conference-in-vilnius-calls-for-zero-tolerance-more",
               "/search?q=Vilnus",
               "/class/Chairpersonship?q=1999", "/class/FieldOperation?sort=-start", "/map",
               "/timeline?lang=es", "/page/field/combating-trafficking-in-human-beings"]


@pytest.fixture(scope="module")
def embedded_client(embedded_store, build_dir, project_dir):
    settings = Settings(project_dir=project_dir, dist_dir=build_dir)
    with app_for(settings, embedded_store) as app:
        yield app.test_client()


@pytest.fixture(scope="module")
def remote_client(remote_settings):
    with app_for(remote_settings) as app:  # the store factory opens a RemoteStore
        assert type(app.extensions["osce_kg"].store).__name__ == "RemoteStore"
        yield app.test_client()


def page_outline(html: bytes) -> dict:
    """What a reader sees of a page: title, headings, link targets and table text."""
    soup = BeautifulSoup(html, "html.parser")
    for volatile in soup.select("script, style"):
        volatile.decompose()
    return {"title": soup.title.get_text(strip=True) if soup.title else None,
            "headings": [h.get_text(" ", strip=True) for h in soup.select("h1, h2, h3")],
            "links": sorted({a["href"] for a in soup.select("a[href]")}),
            "cells": [td.get_text(" ", strip=True) for td in soup.select("td, dd, li")]}


@pytest.mark.parametrize("path", HTML_ROUTES)
def test_pages_match_the_embedded_store(embedded_client, remote_client, path):
    remote = remote_client.get(path, headers={"Accept": "text/html"})
    embedded = embedded_client.get(path, headers={"Accept": "text/html"})
    assert (remote.status_code, remote.content_type) == (embedded.status_code,
                                                         embedded.content_type)
    assert remote.status_code == 200
    assert page_outline(remote.data) == page_outline(embedded.data)


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize(("path", "fmt"), RDF_ROUTES)
def test_entity_data_matches_the_embedded_store(embedded_client, remote_client, path, fmt):
    remote, embedded = remote_client.get(path), embedded_client.get(path)
    assert remote.status_code == embedded.status_code == 200
    assert remote.headers["Content-Type"] == embedded.headers["Content-Type"]
    assert remote.headers.get("ETag") == embedded.headers.get("ETag")  # same build id
    assert isomorphic(parse_answer(remote_client, remote.data, fmt),
                      parse_answer(embedded_client, embedded.data, fmt))


def test_id_redirects_and_search_json(embedded_client, remote_client):
    remote = remote_client.get("/id/state/lithuania", headers={"Accept": "text/turtle"})
    assert remote.status_code == 303
    assert remote.headers["Location"] == embedded_client.get(
        "/id/state/lithuania", headers={"Accept": "text/turtle"}).headers["Location"]
    assert "/data/state/lithuania" in remote.headers["Location"]
    found = remote_client.get("/search?q=lith", headers={"Accept": "application/json"})
    assert found.status_code == 200
    assert found.get_json() == embedded_client.get(
        "/search?q=lith", headers={"Accept": "application/json"}).get_json()


def test_engine_down_is_503_with_the_reason_then_recovers(virtuoso, remote_settings,
                                                          remote_store):
    with app_for(remote_settings) as app:
        engine_down_then_up(app.test_client(), virtuoso, remote_store)


def engine_down_then_up(client, virtuoso, remote_store) -> None:
    assert client.get("/page/state/lithuania").status_code == 200
    virtuoso.stop()
    try:
        with pytest.raises(StoreUnavailable, match="cannot reach the engine"):
            remote_store.select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
        page = client.get("/page/state/lithuania", headers={"Accept": "text/html"})
        assert page.status_code == 503
        assert "cannot reach the engine" in page.get_data(as_text=True)
        data = client.get("/data/state/lithuania", headers={"Accept": "application/json"})
        assert data.status_code == 503
        body = json.loads(data.data)
        assert body["status"] == 503 and "cannot reach the engine" in body["message"]
    finally:
        virtuoso.start()
    assert client.get("/page/state/lithuania").status_code == 200
    assert remote_store.triple_count() > 0


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "text/csv"])
def test_sparql_endpoint_forwards_to_the_engine(embedded_client, remote_client, accept):
    query = ("SELECT ?code WHERE { ?s <https://w3id.org/osce/ontology#iso3166Alpha2> ?code } "
             "ORDER BY ?code")
    remote = remote_client.get("/sparql", query_string={"query": query},
                               headers={"Accept": accept})
    embedded = embedded_client.get("/sparql", query_string={"query": query},
                                   headers={"Accept": accept})
    assert remote.status_code == embedded.status_code == 200
    assert remote.content_type == embedded.content_type
    if accept == "text/csv":
        assert remote.data.decode().split() == embedded.data.decode().split()
    else:
        codes = [b["code"]["value"] for b in json.loads(remote.data)["results"]["bindings"]]
        assert codes == [b["code"]["value"]
                         for b in json.loads(embedded.data)["results"]["bindings"]]
        assert len(codes) >= 57


def test_sparql_endpoint_refuses_updates_on_the_remote_backend(remote_client):
    response = remote_client.post("/sparql", data="DROP ALL",
                                  headers={"Content-Type": "application/sparql-update"})
    assert 400 <= response.status_code < 500
