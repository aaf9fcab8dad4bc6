"""Competency questions 1–5, 9, 11, 12 and 14 (``../shared/cq/``) asked of the curated data.

The graph is every ``data/*.ttl`` plus the ontology, loaded into an in-memory Oxigraph store;
each answer is checked exactly.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from osce_kg.curate.static import ACTIVE_FIELD_OPERATIONS, FIELDS_OF_WORK, SECRETARIAT_UNITS
from osce_kg.namespaces import sparql_prologue


@pytest.fixture(scope="module")
def store(project_store) -> ox.Store:
    """The project's build (ontology and data), as pyoxigraph holds it."""
    return project_store.oxigraph


def ask(store: ox.Store, query: str) -> list[dict[str, str]]:
    """Rows of a SELECT as {variable: lexical value}."""
    solutions = store.query(sparql_prologue() + query)
    names = [v.value for v in solutions.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]


def test_q1_fifty_seven_participating_states(store):
    rows = ask(store, """
        SELECT (COUNT(DISTINCT ?state) AS ?n) WHERE { ?state a osce:ParticipatingState }""")
    assert rows == [{"n": "57"}]


def test_q2_mediterranean_partners(store):
    rows = ask(store, """
        SELECT ?name WHERE {
          ?partner osce:partnerGroup <https://w3id.org/osce/id/partner-group/mediterranean> ;
                   rdfs:label ?name .
          FILTER(lang(?name) = "en")
        } ORDER BY ?name""")
    assert [r["name"] for r in rows] == ["Algeria", "Egypt", "Israel", "Jordan", "Morocco",
                                         "Tunisia"]


def test_q3_chair_in_2025_is_finland(store):
    rows = ask(store, """
        SELECT ?name WHERE {
          ?chairpersonship osce:year "2025"^^xsd:gYear ; osce:chairingState ?state .
          ?state rdfs:label ?name . FILTER(lang(?name) = "en")
        }""")
    assert rows == [{"name": "Finland"}]


def test_q4_active_field_operations_and_their_hosts(store):
    rows = ask(store, """
        SELECT ?operation ?host WHERE {
          ?op a osce:FieldOperation ; rdfs:label ?operation ; osce:hostCountry ?h .
          ?h rdfs:label ?host .
          FILTER NOT EXISTS { ?op schema:dissolutionDate ?closed }
          FILTER(lang(?operation) = "en" && lang(?host) = "en")
        } ORDER BY ?operation""")
    hosts = {r["operation"]: r["host"] for r in rows}
    assert len(rows) == 12
    assert sorted(hosts) == sorted(f"OSCE {name}" for name in ACTIVE_FIELD_OPERATIONS)
    assert hosts == {
        "OSCE Centre in Ashgabat": "Turkmenistan",
        "OSCE Mission in Kosovo": "Kosovo",
        "OSCE Mission to Bosnia and Herzegovina": "Bosnia and Herzegovina",
        "OSCE Mission to Moldova": "Moldova",
        "OSCE Mission to Montenegro": "Montenegro",
        "OSCE Mission to Serbia": "Serbia",
        "OSCE Mission to Skopje": "North Macedonia",
        "OSCE Presence in Albania": "Albania",
        "OSCE Programme Office in Astana": "Kazakhstan",
        "OSCE Programme Office in Bishkek": "Kyrgyzstan",
        "OSCE Programme Office in Dushanbe": "Tajikistan",
        "OSCE Project Co-ordinator in Uzbekistan": "Uzbekistan",
    }


def test_q5_the_23_fields_of_work(store):
    rows = ask(store, """
        SELECT ?name WHERE {
          ?field skos:inScheme <https://w3id.org/osce/id/scheme/fields-of-work> ;
                 skos:prefLabel ?name .
          FILTER(lang(?name) = "en")
        }""")
    assert sorted(r["name"] for r in rows) == sorted(FIELDS_OF_WORK)
    assert len(rows) == 23 and "Youth" in FIELDS_OF_WORK and "Projects" not in FIELDS_OF_WORK
    names = ask(store, """
        SELECT ?field (COUNT(DISTINCT lang(?name)) AS ?n) WHERE {
          ?field skos:inScheme <https://w3id.org/osce/id/scheme/fields-of-work> ;
                 skos:prefLabel ?name .
        } GROUP BY ?field""")
    assert len(names) == 23 and {int(r["n"]) for r in names} == {6}  # the six page languages


def test_q9_units_below_the_secretariat(store):
    rows = ask(store, """
        SELECT DISTINCT ?name WHERE {
          ?unit org:subOrganizationOf+ <https://w3id.org/osce/id/structure/secretariat> ;
                rdfs:label ?name .
          FILTER(lang(?name) = "en")
        }""")
    assert sorted(r["name"] for r in rows) == sorted(SECRETARIAT_UNITS)
    assert len(rows) == 11


def test_q9_some_units_sit_inside_the_office_of_the_secretary_general(store):
    rows = ask(store, """
        SELECT ?name WHERE {
          ?unit org:subOrganizationOf
                  <https://w3id.org/osce/id/structure/office-of-the-secretary-general> ;
                rdfs:label ?name .
        } ORDER BY ?name""")
    assert [r["name"] for r in rows] == ["Gender Issues Programme", "Opportunities for Youth"]


def test_q11_hungary_in_german(store):
    rows = ask(store, """
        SELECT ?name WHERE {
          ?state a osce:ParticipatingState ; rdfs:label "Hungary"@en, ?name .
          FILTER(lang(?name) = "de")
        }""")
    assert rows == [{"name": "Ungarn"}]


def test_q12_lithuania_in_wikidata(store):
    rows = ask(store, """
        SELECT ?same WHERE { ?state rdfs:label "Lithuania"@en ; owl:sameAs ?same }""")
    assert rows == [{"same": "http://www.wikidata.org/entity/Q37"}]


def test_q14_states_that_joined_after_2000(store):
    # The dates have mixed precision (xsd:date, xsd:gYearMonth): compare their text.
    rows = ask(store, """
        SELECT ?name ?since WHERE {
          ?state osce:participatingSince ?d ; rdfs:label ?name .
          FILTER(lang(?name) = "en" && str(?d) >= "2000-01-01")
          BIND(str(?d) AS ?since)
        } ORDER BY ?since""")
    assert rows == [{"name": "Serbia", "since": "2000-11-10"},
                    {"name": "Montenegro", "since": "2006-06-21"},
                    {"name": "Mongolia", "since": "2012-11-21"}]


def test_chairpersonships_1991_to_2026(store):
    rows = ask(store, """
        SELECT (COUNT(DISTINCT ?c) AS ?n) (MIN(str(?y)) AS ?first) (MAX(str(?y)) AS ?last)
        WHERE { ?c a osce:Chairpersonship ; osce:year ?y }""")
    assert rows == [{"n": "36", "first": "1991", "last": "2026"}]


def test_summits_and_ministerial_councils_in_their_series(store):
    rows = ask(store, """
        SELECT ?series (COUNT(?event) AS ?n) WHERE { ?event schema:superEvent ?series }
        GROUP BY ?series ORDER BY ?series""")
    assert rows == [
        {"series": "https://w3id.org/osce/id/series/ministerial-council", "n": "34"},
        {"series": "https://w3id.org/osce/id/series/summit", "n": "7"},
    ]


def test_secretary_general_has_eight_tenures_in_order(store):
    rows = ask(store, """
        SELECT ?n ?name WHERE {
          ?t osce:post <https://w3id.org/osce/id/post/secretary-general> ; osce:ordinal ?n ;
             osce:holder/schema:name ?name .
        } ORDER BY ?n""")
    assert [r["n"] for r in rows] == [str(i) for i in range(1, 9)]
    assert rows[0]["name"] == "Wilhelm Höynck"
    assert rows[-1]["name"] == "Feridun H. Sinirlioğlu"


def test_the_almaty_centre_is_a_former_name_of_the_astana_office(store):
    rows = ask(store, """
        SELECT ?op WHERE { ?op osce:formerName "OSCE Centre in Almaty"@en }""")
    assert rows == [{"op": "https://w3id.org/osce/id/field-operation/programme-office-in-astana"}]


def test_the_tashkent_chain_of_predecessors(store):
    rows = ask(store, """
        SELECT ?name WHERE {
          <https://w3id.org/osce/id/field-operation/project-co-ordinator-in-uzbekistan>
              osce:predecessor+ ?op .
          ?op rdfs:label ?name
        } ORDER BY ?name""")
    assert [r["name"] for r in rows] == ["OSCE Centre in Tashkent",
                                         "OSCE Liaison Office in Central Asia"]
