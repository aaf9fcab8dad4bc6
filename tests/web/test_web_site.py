"""Home, search, ontology and shapes docs, dumps and VoID, errors, and the common headers."""

from __future__ import annotations

import gzip
import hashlib
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from apps import app_for
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, VOID
from webassert import assert_error_response, assert_isomorphic, html

from osce_kg.build.void import read_void
from osce_kg.namespaces import DATASET_IRI, OSCE
from osce_kg.web.state import AppState


def state_of(app) -> AppState:
    return app.extensions["osce_kg"]


def test_home_counts_classes_and_links_everything(client):
    soup = html(client.get("/"))
    counts = {tr.td.a.get_text(): int(tr.select_one(".num").get_text().replace(",", ""))
              for tr in soup.select("table.counts tbody tr")}
    assert counts["Participating State"] == 5
    links = {a["href"] for a in soup.select("a")}
    assert {"/sparql", "/ontology", "/shapes", "/dumps/", "/.well-known/void",
            "/class/ParticipatingState"} <= links
    examples = [a["href"] for a in soup.select(".examples a")]
    # each opens the editor with its question on top (a comment) and no PREFIX lines
    queries = [parse_qs(urlsplit(h).query)["query"][0] for h in examples]
    assert examples and all(h.startswith("/sparql?query=") for h in examples)
    assert all(q.startswith("# ") and "PREFIX" not in q for q in queries)
    assert soup.select_one('form[action="/search"] input[name="q"]') is not None


@pytest.mark.parametrize(("text", "first"), [
    ("lithuania", "/page/state/lithuania"),
    ("LITAUEN", "/page/state/lithuania"),        # German label, any case
    ("литва", "/page/state/lithuania"),           # Russian label
    ("osterreich", "/page/state/austria"),        # diacritics folded: Österreich
    ("azubalis", "/page/person/audronius-azubalis"),
    ("odihr", "/page/structure/odihr"),           # acronym
    ("mission lithuania", "/page/field-operation/mission-to-lithuania"),
])
def test_search_json_over_all_languages(client, text, first):
    response = client.get("/search", query_string={"q": text, "format": "json"})
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["query"] == text
    assert body["results"][0]["page"] == first
    assert set(body["results"][0]) == {"iri", "label", "matched", "lang", "kind", "page",
                                       "description"}


def test_search_json_by_accept_and_html(client):
    by_accept = client.get("/search?q=vienna", headers={"Accept": "application/json"})
    assert by_accept.get_json()["results"][0]["label"] == "Vienna"
    soup = html(client.get("/search?q=wien"))
    assert soup.select_one("ol.hits a")["href"] == "/page/place/vienna"
    assert soup.select_one('input[name="q"]')["value"] == "wien"


def test_search_echo_is_escaped(client):
    response = client.get("/search", query_string={"q": "<script>alert(1)</script>"})
    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)
    assert html(response).select_one("p.empty").get_text().count("<script>") == 1


def test_search_nothing_and_too_long(client):
    assert client.get("/search?q=&format=json").get_json()["results"] == []
    assert_error_response(client.get("/search", query_string={"q": "x" * 300},
                                     headers={"Accept": "application/json"}), 400, "json",
                          message_part="longer")


def test_ontology_page_has_an_anchor_per_term(client, dist_dir):
    graph = Graph().parse(dist_dir / "ontology.ttl")
    terms = {s for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
             for s in graph.subjects(RDF.type, t)}
    soup = html(client.get("/ontology"))
    anchors = {section["id"] for section in soup.select("section.term")}
    assert anchors == {str(t).split("#")[1] for t in terms}
    host = soup.select_one("#hostCountry")
    assert "domain" in host.get_text() and host.select_one('a[href="/ontology#FieldOperation"]')
    state = soup.select_one("#ParticipatingState")
    assert "<b>of</b>" in state.get_text()                    # a comment is text, not markup
    assert state.select_one('a[href="/class/ParticipatingState"]').get_text() == "5"


@pytest.mark.parametrize(("path", "headers", "parser", "media_type"), [
    ("/ontology", {"Accept": "text/turtle"}, "turtle", "text/turtle"),
    ("/ontology.ttl", {}, "turtle", "text/turtle"),
    ("/ontology.jsonld", {}, "json-ld", "application/ld+json"),
    ("/ontology", {"Accept": "application/rdf+xml"}, "xml", "application/rdf+xml"),
    ("/shapes", {"Accept": "application/n-triples"}, "nt", "application/n-triples"),
    ("/shapes.ttl", {}, "turtle", "text/turtle"),
])
def test_ontology_and_shapes_as_rdf(client, dist_dir, path, headers, parser, media_type):
    response = client.get(path, headers=headers)
    assert response.mimetype == media_type
    source = dist_dir / ("ontology.ttl" if path.startswith("/ontology") else "shapes.ttl")
    assert_isomorphic(Graph().parse(source), Graph().parse(data=response.data, format=parser))


def test_shapes_page(client):
    soup = html(client.get("/shapes"))
    shape = soup.select_one("#ParticipatingStateShape")
    assert shape.select_one('a[href="/ontology#ParticipatingState"]') is not None
    assert "participatingSince is one xsd:date." in shape.get_text()


def test_dumps_listing_matches_the_files(client, dist_dir):
    listing = client.get("/dumps/", headers={"Accept": "application/json"}).get_json()
    names = {f["name"] for f in listing["files"]}
    assert {"osce-kg.ttl", "osce-kg.nt.gz", "void.ttl"} <= names
    for entry in listing["files"]:  # what is listed is what is sent
        data = client.get(entry["url"], buffered=True).data
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        if entry["name"] != "void.ttl":
            assert data == (dist_dir / entry["name"]).read_bytes()
    assert "creativecommons.org" in listing["licence"]
    soup = html(client.get("/dumps/"))
    assert len(soup.select("table.files tbody tr")) == len(listing["files"])


@pytest.mark.parametrize("name", ["osce-kg.ttl", "void.ttl"])
def test_dump_download_has_length_type_and_checksum(client, name):
    listed = {f["name"]: f for f in client.get(
        "/dumps/", headers={"Accept": "application/json"}).get_json()["files"]}[name]
    response = client.get(f"/dumps/{name}", buffered=True)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/turtle; charset=utf-8"
    assert int(response.headers["Content-Length"]) == listed["bytes"]
    assert hashlib.sha256(response.data).hexdigest() == listed["sha256"]
    again = client.get(f"/dumps/{name}", buffered=True,
                       headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304
    modified = client.get(f"/dumps/{name}", buffered=True,
                          headers={"If-Modified-Since": response.headers["Last-Modified"]})
    assert modified.status_code == 304


def test_downloaded_void_has_absolute_iris(app, client, dist_dir):
    data = client.get("/dumps/void.ttl", buffered=True).data
    base = state_of(app).settings.public_base
    saved = Graph().parse(data=data, format="turtle", publicID="file:///somewhere/else/")
    assert_isomorphic(read_void(dist_dir / "void.ttl", base), saved)
    iris = {str(t) for triple in saved for t in triple if isinstance(t, URIRef)}
    assert not [iri for iri in iris if iri.startswith("file:")]
    assert set(saved.objects(DATASET_IRI, VOID.sparqlEndpoint)) == {URIRef(base + "/sparql")}


def test_gzip_dump_is_encoded_when_asked_else_a_download(client, dist_dir, test_graph):
    raw = (dist_dir / "osce-kg.nt.gz").read_bytes()
    encoded = client.get("/dumps/osce-kg.nt.gz", buffered=True,
                         headers={"Accept-Encoding": "gzip, br"})
    assert encoded.mimetype == "application/n-triples"
    assert encoded.headers["Content-Encoding"] == "gzip"
    assert encoded.data == raw
    assert_isomorphic(test_graph, Graph().parse(data=gzip.decompress(encoded.data), format="nt"))
    plain = client.get("/dumps/osce-kg.nt.gz", buffered=True,
                       headers={"Accept-Encoding": "identity"})
    assert plain.mimetype == "application/gzip"
    assert "Content-Encoding" not in plain.headers
    assert plain.headers["Content-Disposition"].startswith("attachment")
    assert plain.data == raw and int(plain.headers["Content-Length"]) == len(raw)
    assert encoded.headers["ETag"] != plain.headers["ETag"]


@pytest.mark.parametrize("name", ["build.json", "..%2Fbuild.json", "store", "nope.ttl"])
def test_only_listed_dumps_download(client, name):
    response = client.get(f"/dumps/{name}", buffered=True, headers={"Accept": "text/plain"})
    assert_error_response(response, 404, "text")


@pytest.mark.parametrize(("accept", "parser"), [(None, "turtle"), ("text/turtle", "turtle"),
                                                 ("application/ld+json", "json-ld")])
def test_void_by_accept(app, client, dist_dir, accept, parser):
    response = client.get("/.well-known/void", headers={"Accept": accept} if accept else {})
    assert response.status_code == 200 and "Accept" in response.headers["Vary"]
    base = state_of(app).settings.public_base
    served = Graph().parse(data=response.data, format=parser)
    assert_isomorphic(read_void(dist_dir / "void.ttl", base), served)
    # relative links in void.ttl resolve against the public base, not the file or request path
    assert set(served.objects(DATASET_IRI, VOID.sparqlEndpoint)) == {URIRef(base + "/sparql")}
    dumps = {str(o) for o in served.objects(DATASET_IRI, VOID.dataDump)}
    assert dumps and all(d.startswith(base + "/dumps/") for d in dumps)


# --- errors: one shape, negotiated
@pytest.mark.parametrize(("accept", "kind"), [
    ("application/json", "json"), ("application/sparql-results+json", "json"),
    ("text/plain", "text"), ("text/turtle", "text"), ("text/html", "html"), (None, "text"),
])
def test_404_in_each_shape(client, accept, kind):
    response = client.get("/no/such/route", headers={"Accept": accept} if accept else {})
    assert_error_response(response, 404, kind)


@pytest.mark.parametrize(("accept", "kind"), [("application/json", "json"),
                                               ("text/html", "html"), ("text/plain", "text")])
def test_406_lists_the_offers(client, accept, kind):
    response = client.get("/data/state/lithuania", query_string={"format": "csv"},
                          headers={"Accept": accept})
    body = assert_error_response(response, 406, kind)
    if kind == "json":
        assert body["details"]["offers"] == ["text/turtle", "application/n-triples",
                                             "application/ld+json", "application/rdf+xml"]


def test_406_from_accept_alone(client):
    response = client.get("/data/state/lithuania", headers={"Accept": "image/png"})
    assert_error_response(response, 406, "text")


def test_405_is_in_the_same_shape(client):
    response = client.delete("/page/state/lithuania", headers={"Accept": "application/json"})
    assert_error_response(response, 405, "json")
    assert "GET" in response.headers["Allow"]


def test_unexpected_error_is_a_masked_500(web_settings, store, caplog):
    from flask import Blueprint

    boom = Blueprint("boom", __name__)

    @boom.get("/boom-for-test")
    def explode():
        raise ZeroDivisionError("secret detail")

    with app_for(web_settings, store) as app:
        app.register_blueprint(boom)
        response = app.test_client().get("/boom-for-test", headers={"Accept": "application/json"})
    body = assert_error_response(response, 500, "json")
    assert "secret" not in body["message"]
    assert any("ZeroDivisionError" in (r.exc_text or "") for r in caplog.records)


# --- headers on every answer
@pytest.mark.parametrize("path", ["/", "/page/state/lithuania", "/search?q=x", "/ontology",
                                  "/dumps/", "/class/ParticipatingState"])
def test_html_has_csp_and_cors(client, path):
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "https://tile.openstreetmap.org" in csp
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_cors_on_data_and_preflight(client):
    assert client.get("/data/state/lithuania.ttl").headers["Access-Control-Allow-Origin"] == "*"
    pre = client.options("/data/state/lithuania.ttl", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "GET"})
    assert pre.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in pre.headers["Access-Control-Allow-Methods"]


def test_ontology_terms_resolve_to_anchors(app):
    with app.test_request_context():
        from osce_kg.web.links import class_path, href, resolve_class

        assert href(OSCE.hostCountry) == "/ontology#hostCountry"
        assert class_path(OSCE.ParticipatingState) == "/class/ParticipatingState"
        assert resolve_class("schema:Event") == URIRef("https://schema.org/Event")
        assert resolve_class("ParticipatingState") == OSCE.ParticipatingState
        assert resolve_class("x:y") is None and resolve_class("a b") is None
        assert href(RDFS.label) == str(RDFS.label)


def test_home_json_ld_and_pages_need_no_vendor_files(client, tmp_path):
    # the map's <script> is only linked when `osce-kg assets` installed Leaflet
    soup = html(client.get("/page/place/vilnius"))
    for script in soup.select("script[src]"):
        path = script["src"]
        assert client.get(path, buffered=True).status_code == 200, path
    assert json.loads(soup.select_one('script[type="application/ld+json"]').string)["@id"]
