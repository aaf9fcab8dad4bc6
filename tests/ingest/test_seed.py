"""The seed page → a release on which competency questions 6, 7, 8, 10 and 13 give their answers.

Run against the hand-made context and, when the curated data exists, against ``data/*.ttl``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from availability import required
from rdflib import Graph, Literal, URIRef

from osce_kg.ingest.names import Gazetteer
from osce_kg.ingest.runner import curated_sources
from osce_kg.namespaces import sparql_prologue
from osce_kg.rdf.io import load_graph

from .conftest import FIXTURES, ingest_file

PROJECT = Path(__file__).resolve().parents[2]
SEED = PROJECT.parent / "shared" / "seed" / "osce-page-2007-10-26-vilnius-trafficking-conference.txt"
SAVED_SEED = PROJECT / "data" / "pages" / SEED.name



@pytest.fixture(scope="module", params=[pytest.param("fixture", id="fixture-context"),
                                        pytest.param("curated", id="curated-data")])
def seed_graph(request) -> Graph:
    if request.param == "curated":
        assert curated_sources(PROJECT), "the project's data/*.ttl are missing"
    context = (load_graph([FIXTURES / "context.ttl"]) if request.param == "fixture"
               else load_graph(curated_sources(PROJECT)))
    page = SEED if SEED.exists() else required(SAVED_SEED, "the seed page (../shared/seed)")
    (release,) = ingest_file(page, Gazetteer(context))
    graph = Graph()
    graph += context
    graph += release.graph
    return graph


def ask(graph: Graph, query: str) -> list[tuple]:
    return [tuple(row) for row in graph.query(sparql_prologue() + query)]


def test_cq6_trafficking_releases_newest_first(seed_graph):
    rows = ask(seed_graph, """
        SELECT ?r ?date ?place WHERE {
          ?r osce:fieldOfWork <https://w3id.org/osce/id/field/combating-trafficking-in-human-beings> ;
             schema:datePublished ?date ; schema:locationCreated/rdfs:label ?place .
        } ORDER BY DESC(?date)""")
    expected = (Literal("2007-10-26", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date")),
                Literal("Vilnius", lang="en"))
    assert expected in [(d, p) for _, d, p in rows]


def test_cq7_who_is_quoted_and_as_what(seed_graph):
    rows = ask(seed_graph, """
        SELECT DISTINCT ?name ?role ?behalf WHERE {
          ?r schema:datePublished "2007-10-26"^^xsd:date ; schema:citation ?q .
          ?q schema:creator ?p ; osce:speakerRole ?role .
          ?p schema:name ?name .
          OPTIONAL { ?q osce:onBehalfOf/osce:year ?behalf }
        }""")
    found = {(str(n), str(r), str(b) if b is not None else None) for n, r, b in rows}
    assert found == {
        ("Eva Biaudet",
         "Special Representative and Co-ordinator for Combating Trafficking in Human Beings", None),
        ("Fidel Lopez", "Spanish Ambassador", "2007"),
        ("Raimondas Sukys", "Lithuanian Interior Minister", None),
    }
    nationality = ask(seed_graph, """
        SELECT ?name ?state WHERE { ?p schema:nationality/rdfs:label ?state ; schema:name ?name
                                    FILTER(lang(?state) = "en") }""")
    assert {(str(n), str(s)) for n, s in nationality} >= {("Fidel Lopez", "Spain"),
                                                           ("Raimondas Sukys", "Lithuania")}


def test_unattributed_paragraph_continues_sukys(seed_graph):
    rows = ask(seed_graph, """
        SELECT ?text WHERE { ?q schema:creator/schema:name "Raimondas Sukys" ; schema:text ?text }""")
    assert any(str(t).startswith("This event expands our regional co-operation") for (t,) in rows)


def test_cq8_issued_in_vilnius_lithuania(seed_graph):
    rows = ask(seed_graph, """
        SELECT ?city ?state WHERE {
          ?r schema:datePublished "2007-10-26"^^xsd:date ;
             schema:locationCreated ?c . ?c rdfs:label ?city ;
             schema:containedInPlace/rdfs:label ?state .
          FILTER(lang(?city) = "en" && lang(?state) = "en") }""")
    assert {(str(c), str(s)) for c, s in rows} == {("Vilnius", "Lithuania")}


def test_cq10_the_event_its_organisers_and_dates(seed_graph):
    rows = ask(seed_graph, """
        SELECT ?start ?end ?city ?count WHERE {
          ?r schema:datePublished "2007-10-26"^^xsd:date ; schema:about ?e .
          ?e a osce:Conference ; schema:startDate ?start ; schema:endDate ?end ;
             schema:location/rdfs:label ?city ; osce:participantCount ?count .
          FILTER(lang(?city) = "en") }""")
    assert [(str(s), str(e), str(c), int(n)) for s, e, c, n in rows] == [
        ("2007-10-25", "2007-10-26", "Vilnius", 150)]
    organisers = ask(seed_graph, """
        SELECT ?o WHERE { ?r schema:datePublished "2007-10-26"^^xsd:date ;
                               schema:about/schema:organizer ?o }""")
    assert {str(o).rsplit("id/", 1)[1] for (o,) in organisers} == {
        "organisation/osce", "state/lithuania", "organisation/unodc"}
    part_of = ask(seed_graph, """
        SELECT ?acronym WHERE { ?r schema:datePublished "2007-10-26"^^xsd:date ;
                                   schema:about/schema:isPartOf/osce:acronym ?acronym }""")
    assert [str(a) for (a,) in part_of] == ["UN.GIFT"]


def test_cq13_chair_in_the_year_of_the_release(seed_graph):
    rows = ask(seed_graph, """
        SELECT ?state WHERE {
          ?r schema:datePublished "2007-10-26"^^xsd:date ; schema:datePublished ?d .
          ?c osce:year ?y ; osce:chairingState/rdfs:label ?state .
          FILTER(str(?y) = substr(str(?d), 1, 4) && lang(?state) = "en") }""")
    assert [str(s) for (s,) in rows] == ["Spain"]


def test_every_linked_thing_is_described(seed_graph):
    rows = ask(seed_graph, """
        SELECT DISTINCT ?o WHERE {
          ?s ?p ?o . FILTER(isIRI(?o) && STRSTARTS(STR(?o), "https://w3id.org/osce/id/"))
          FILTER NOT EXISTS { ?o rdfs:label ?l FILTER(lang(?l) = "en") } }""")
    assert rows == []
