"""Entities: 303 from /id/, /page/ HTML, /data/ RDF in each format, /class/ paging."""

from __future__ import annotations

import json

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from rdfparse import parse_answer
from webassert import assert_error_response, assert_isomorphic, html

from osce_kg.namespaces import ID_BASE, split_entity_iri

ENTITIES = [
    "organisation/osce", "state/lithuania", "state/japan", "partner-group/asian",
    "structure/odihr", "field-operation/mission-to-lithuania", "chairpersonship/2011",
    "field/combating-trafficking-in-human-beings", "series/ministerial-council",
    "event/2011-12-06-vilnius-ministerial-council", "release/2011-12-07-vilnius-closes",
    "person/audronius-azubalis", "place/vilnius", "post/secretary-general",
    "scheme/fields-of-work", "tenure/secretary-general-1",
    "quotation/2011-12-07-vilnius-closes-1", "page/2011-12-07-vilnius-closes",
]
RDF_ACCEPTS = [("text/turtle", "ttl", "turtle"), ("application/n-triples", "nt", "nt"),
               ("application/ld+json", "jsonld", "json-ld"),
               ("application/rdf+xml", "rdf", "xml")]
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_every_kind_of_the_contract_is_covered(test_graph):
    kinds = {split_entity_iri(str(s))[0] for s in test_graph.subjects()
             if str(s).startswith(ID_BASE)}
    assert kinds == {e.split("/")[0] for e in ENTITIES}


@pytest.mark.parametrize("entity", ENTITIES)
@pytest.mark.parametrize(("accept", "target"), [
    (BROWSER, "/page/{e}"), ("text/html", "/page/{e}"), (None, "/page/{e}"),
    ("text/turtle", "/data/{e}.ttl"), ("application/ld+json", "/data/{e}.jsonld"),
    ("application/n-triples", "/data/{e}.nt"), ("application/rdf+xml", "/data/{e}.rdf"),
    ("text/turtle;q=0.9, text/html;q=0.1", "/data/{e}.ttl"),
])
def test_id_redirects_with_303_by_accept(client, entity, accept, target):
    response = client.get(f"/id/{entity}", headers={"Accept": accept} if accept else {})
    assert response.status_code == 303
    assert response.headers["Location"] == target.format(e=entity)
    assert "Accept" in response.headers["Vary"]
    followed = client.get(response.headers["Location"], headers={"Accept": accept or "*/*"})
    assert followed.status_code == 200


def expected_description(graph: Graph, iri: URIRef) -> Graph:
    out = Graph()
    for p, o in graph.predicate_objects(iri):
        out.add((iri, p, o))
        if isinstance(o, BNode):
            for p2, o2 in graph.predicate_objects(o):
                out.add((o, p2, o2))
        elif isinstance(o, URIRef):
            for p2 in (RDFS.label, RDF.type):
                for o2 in graph.objects(o, p2):
                    out.add((o, p2, o2))
    return out


@pytest.mark.parametrize("entity", ["state/lithuania", "place/vilnius",
                                    "release/2011-12-07-vilnius-closes", "chairpersonship/2011"])
@pytest.mark.parametrize(("media_type", "suffix", "parser"), RDF_ACCEPTS)
def test_data_in_each_format_parses_back_to_the_description(client, test_graph, entity,
                                                            media_type, suffix, parser):
    expected = expected_description(test_graph, URIRef(ID_BASE + entity))
    by_suffix = client.get(f"/data/{entity}.{suffix}")
    by_accept = client.get(f"/data/{entity}", headers={"Accept": media_type})
    for response in (by_suffix, by_accept):
        assert response.status_code == 200
        assert response.mimetype == media_type
        assert_isomorphic(expected, parse_answer(client, response.data, parser))
    assert "Accept" in by_accept.headers["Vary"]


def test_entity_json_ld_is_compacted_with_the_published_context(client):
    doc = client.get("/data/state/lithuania.jsonld").get_json(force=True)
    assert doc["@context"] == "http://osce.test/context.jsonld"
    context = client.get("/context.jsonld")
    assert context.mimetype == "application/ld+json"
    prefixes = context.get_json(force=True)["@context"]
    assert prefixes["osce"] == "https://w3id.org/osce/ontology#"
    nodes = doc.get("@graph", [doc])
    lithuania = next(n for n in nodes if n["@id"].endswith("state/lithuania"))
    assert lithuania["@type"] == "osce:ParticipatingState"
    assert {"en": "Lithuania"}.items() <= {label["@language"]: label["@value"]
                                           for label in lithuania["rdfs:label"]}.items()


def test_data_without_accept_is_turtle(client):
    response = client.get("/data/state/lithuania")
    assert response.mimetype == "text/turtle"
    assert response.headers["Content-Type"] == "text/turtle; charset=utf-8"


def test_page_shows_label_types_properties_and_links(client):
    soup = html(client.get("/page/state/lithuania"))
    assert soup.h1.get_text(strip=True) == "Lithuania"
    assert soup.select_one(".iri code").get_text() == ID_BASE + "state/lithuania"
    assert [a["href"] for a in soup.select(".types a")] == ["/class/ParticipatingState"]
    rows = {tr.th.get_text(" ", strip=True): tr.td for tr in soup.select("section.properties tr")}
    assert rows["Participating since"].get_text(" ", strip=True) == "10 September 1991"
    assert "xsd:" not in soup.select_one("section.properties").get_text()
    assert soup.select_one(".same-as a")["href"] == "http://www.wikidata.org/entity/Q37"
    alternates = {link["type"]: link["href"] for link in soup.select('link[rel="alternate"]')}
    assert alternates == {"text/turtle": "/data/state/lithuania.ttl",
                          "application/n-triples": "/data/state/lithuania.nt",
                          "application/ld+json": "/data/state/lithuania.jsonld",
                          "application/rdf+xml": "/data/state/lithuania.rdf"}


def test_data_view_shows_terms_datatypes_and_language_tags(client):
    soup = html(client.get("/page/state/lithuania?view=data"))
    rows = {tr.th.select_one("a").get_text(strip=True): tr.td for tr in
            soup.select("section.data-view tr")}
    assert rows["participating since"].get_text(" ", strip=True) == "1991-09-10 xsd:date"
    assert "Litauen @de" in rows["name"].get_text(" ", strip=True)
    assert rows["same as"].a["href"] == "http://www.wikidata.org/entity/Q37"
    qnames = [q.get_text() for q in soup.select("section.data-view th .qname")]
    assert {"rdfs:label", "rdf:type", "osce:participatingSince", "owl:sameAs"} <= set(qnames)


def test_page_link_header_lists_each_rdf_format(client):
    link = client.get("/page/state/lithuania").headers["Link"]
    for suffix in ("ttl", "nt", "jsonld", "rdf"):
        assert f"</data/state/lithuania.{suffix}>; rel=\"alternate\"" in link


@pytest.mark.parametrize(("query", "headers", "label"), [
    ("?lang=de", {}, "Litauen"),
    ("", {"Accept-Language": "ru, en;q=0.5"}, "Литва"),
    ("", {"Accept-Language": "fr-CH, fr;q=0.9"}, "Lituanie"),
    ("?lang=fi", {}, "Lithuania"),          # no Finnish label: English
    ("?lang=fr", {"Accept-Language": "de"}, "Lituanie"),
])
def test_page_label_follows_language(client, query, headers, label):
    response = client.get("/page/state/lithuania" + query, headers=headers)
    assert html(response).h1.contents[0].strip() == label
    assert "Accept-Language" in response.headers["Vary"]


def test_page_incoming_links_with_inverse_phrasing(client):
    phrases = {}
    for offset in (0, 3, 6):
        soup = html(client.get(f"/page/state/lithuania?offset={offset}"))
        phrases.update({tr.th.contents[0].strip(): [a["href"] for a in tr.select("td a")]
                        for tr in soup.select("section.incoming tr")})
    assert phrases["Contains"] == ["/page/place/vilnius"]
    assert phrases["Chairing State in"] == ["/page/chairpersonship/2011"]
    assert phrases["Host country of"] == ["/page/field-operation/mission-to-lithuania"]


def test_incoming_links_are_paged(client):
    # page_size is 3 in the test settings; Lithuania has more incoming links than that
    first = html(client.get("/page/state/lithuania"))
    total = int(first.select_one("section.incoming h2 .count").get_text())
    assert total > 3
    seen = [a["href"] for a in first.select("section.incoming td a")]
    next_link = first.select_one('.pager a[rel="next"]')["href"]
    second = html(client.get(next_link))
    seen += [a["href"] for a in second.select("section.incoming td a")]
    assert len(seen) == len(set(seen)) == min(total, 6)


def test_page_embeds_json_ld_of_the_description(client, test_graph):
    soup = html(client.get("/page/state/lithuania"))
    block = soup.select_one('script[type="application/ld+json"]').string
    embedded = Graph().parse(data=block, format="json-ld")
    iri = URIRef(ID_BASE + "state/lithuania")
    expected = Graph()
    for p, o in test_graph.predicate_objects(iri):
        expected.add((iri, p, o))
    assert_isomorphic(expected, embedded)


def test_map_and_coordinates_on_a_place(client):
    soup = html(client.get("/page/place/vilnius"))
    points = json.loads(soup.select_one("#map")["data-where"])["points"]
    assert [(p["lat"], p["long"]) for p in points] == [(54.6892, 25.2798)]
    assert "54.6892, 25.2798" in soup.select_one(".coordinates-text").get_text()


def test_literal_with_script_is_rendered_as_text(client):
    response = client.get("/page/release/2011-12-07-vilnius-closes")
    text = response.get_data(as_text=True)
    assert "<script>alert" not in text
    soup = html(response)
    assert soup.h1.get_text(strip=True) == "Vilnius meeting <script>alert('x')</script> closes"
    scripts = soup.find_all("script")
    assert all(s.get("src") or s.get("type") == "application/ld+json" for s in scripts)
    embedded = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert "</script>" in json.dumps(embedded)       # the data survives, escaped in the page
    assert "Content-Security-Policy" in response.headers


def test_unknown_entity_html_404_has_search_box_and_similar_labels(client):
    response = client.get("/page/state/lithuanai", headers={"Accept": "text/html"})
    assert_error_response(response, 404, "html", message_part="lithuanai")
    soup = html(response)
    assert soup.select_one('main form[action="/search"] input[name="q"]') is not None
    assert [a["href"] for a in soup.select(".similar a")] == ["/page/state/lithuania"]


@pytest.mark.parametrize("path", ["/id/state/atlantis", "/data/state/atlantis.ttl",
                                  "/page/state/atlantis"])
def test_unknown_entity_is_plain_text_for_rdf_clients(client, path):
    response = client.get(path, headers={"Accept": "text/turtle"})
    assert_error_response(response, 404, "text", message_part="atlantis")


@pytest.mark.parametrize("path", ["/page/state/..%2F..%2Fetc", "/page/state/Lithuania",
                                  "/data/state/lithuania.exe", "/id/STATE/lithuania",
                                  "/page/state/lith%00uania", "/class/_NS", "/class/nope:X"])
def test_bad_identifiers_are_404_not_500(client, path):
    assert_error_response(client.get(path, headers={"Accept": "application/json"}), 404, "json")


def test_head_answers_like_get_without_body(client):
    for path in ("/page/state/lithuania", "/data/state/lithuania.ttl", "/class/ParticipatingState"):
        get, head = client.get(path), client.head(path)
        assert head.status_code == 200 and head.data == b""
        assert head.headers["Content-Type"] == get.headers["Content-Type"]
        assert head.headers["ETag"] == get.headers["ETag"]
    head = client.head("/id/state/lithuania", headers={"Accept": "text/turtle"})
    assert head.status_code == 303 and head.headers["Location"] == "/data/state/lithuania.ttl"


@pytest.mark.parametrize("path", ["/page/state/lithuania", "/data/state/lithuania.ttl",
                                  "/data/state/lithuania.jsonld", "/class/ParticipatingState"])
def test_etag_and_last_modified_give_304(client, path):
    first = client.get(path)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(path, headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200


def test_etag_differs_between_representations(client):
    tags = {client.get("/data/state/lithuania", headers={"Accept": a}).headers["ETag"]
            for a, _, _ in RDF_ACCEPTS}
    assert len(tags) == len(RDF_ACCEPTS)
    assert client.get("/page/state/lithuania?lang=de").headers["ETag"] != \
        client.get("/page/state/lithuania?lang=fr").headers["ETag"]


@pytest.mark.parametrize("name", ["ParticipatingState", "osce:ParticipatingState"])
def test_class_page_is_a_table_of_instances(client, name):
    soup = html(client.get(f"/class/{name}"))
    assert [a.get_text() for a in soup.select("table.data-table td[data-key=name] a")] == [
        "Austria", "Estonia", "Latvia"]
    assert soup.select_one(".table-count .count").get_text() == "5"


def test_class_paging_across_pages(client):
    seen = []
    path = "/class/ParticipatingState"
    while path:
        soup = html(client.get(path))
        seen += [a["href"] for a in soup.select("td[data-key=name] a")]
        nxt = soup.select_one('.pager a[rel="next"]')
        path = nxt["href"] if nxt else None
    assert len(seen) == len(set(seen)) == 5
    assert seen[-2:] == ["/page/state/lithuania", "/page/state/poland"]


def test_bad_offset_is_400(client):
    assert_error_response(client.get("/class/ParticipatingState?offset=-1",
                                     headers={"Accept": "application/json"}), 400, "json",
                          message_part="offset")
    assert_error_response(client.get("/page/state/lithuania?offset=abc",
                                     headers={"Accept": "text/plain"}), 400, "text")


def test_describe_lang_literal_is_not_injectable(client):
    response = client.get('/page/state/lithuania?lang=de") } ; DROP ALL #')
    assert response.status_code == 200
    assert html(response).h1.contents[0].strip() == "Lithuania"


def test_describe_languages_and_values(store):
    from osce_kg.pages.describe import describe

    view = describe(store, URIRef(ID_BASE + "state/lithuania"), "it")
    assert view.label == "Lituania" and view.label_lang == "it"
    assert view.same_as == [URIRef("http://www.wikidata.org/entity/Q37")]
    since = next(g for g in view.groups if g.label == "participating since").values[0]
    assert since.term == Literal("1991-09-10", datatype=since.datatype)
