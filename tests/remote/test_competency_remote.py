"""The competency questions (``../shared/cq/``) asked through the remote backend: each answer
equals the embedded store's on the same build, and the settled facts are checked exactly."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.virtuoso

# the seed page's release, found by its date and field rather than by its slug
RELEASE = ("?rel schema:datePublished \"2007-10-26\"^^xsd:date ; osce:fieldOfWork "
           "<https://w3id.org/osce/id/field/combating-trafficking-in-human-beings> .")
QUESTIONS = {
    "q01": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a osce:ParticipatingState }",
    "q02": """SELECT ?l WHERE { ?p osce:partnerGroup <https://w3id.org/osce/id/partner-group/mediterranean> ;
                 rdfs:label ?l FILTER(lang(?l) = "en") }""",
    "q03": """SELECT ?l WHERE { ?c osce:year "2025"^^xsd:gYear ; osce:chairingState/rdfs:label ?l
                 FILTER(lang(?l) = "en") }""",
    "q04": """SELECT ?op ?host WHERE { ?op a osce:FieldOperation ; osce:hostCountry ?host .
                 FILTER NOT EXISTS { ?op schema:dissolutionDate ?d } }""",
    "q05": """SELECT ?f ?l WHERE { ?f skos:inScheme <https://w3id.org/osce/id/scheme/fields-of-work> ;
                 rdfs:label ?l }""",
    "q06": """SELECT ?r ?date WHERE { ?r osce:fieldOfWork
                 <https://w3id.org/osce/id/field/combating-trafficking-in-human-beings> ;
                 schema:datePublished ?date } ORDER BY DESC(?date)""",
    "q07": f"""SELECT ?name ?role WHERE {{ {RELEASE} ?rel schema:citation ?q . ?q schema:creator ?p .
                 ?p schema:name ?name . OPTIONAL {{ ?q osce:speakerRole ?role }} }}""",
    "q08": f"""SELECT ?city ?state WHERE {{ {RELEASE} ?rel schema:locationCreated ?city .
                 ?city schema:containedInPlace ?state }}""",
    "q09": """SELECT ?u WHERE {
                 ?u org:subOrganizationOf+ <https://w3id.org/osce/id/structure/secretariat> }""",
    "q10": f"""SELECT ?e ?org ?start WHERE {{ {RELEASE} ?rel schema:about ?e .
                 OPTIONAL {{ ?e schema:organizer ?org }} OPTIONAL {{ ?e schema:startDate ?start }} }}""",
    "q11": """SELECT ?l WHERE { <https://w3id.org/osce/id/state/hungary> rdfs:label ?l
                 FILTER(lang(?l) = "de") }""",
    "q12": "SELECT ?wd WHERE { <https://w3id.org/osce/id/state/lithuania> owl:sameAs ?wd }",
    "q13": f"""SELECT ?l WHERE {{ {RELEASE} ?rel schema:datePublished ?d .
                 ?c osce:year ?y ; osce:chairingState/rdfs:label ?l .
                 FILTER(STR(?y) = SUBSTR(STR(?d), 1, 4) && lang(?l) = "en") }}""",
    "q14": """SELECT ?s WHERE { ?s a osce:ParticipatingState ; osce:participatingSince ?d .
                 FILTER(STR(?d) >= "2000-01-01") }""",
}
SETTLED = {
    "q01": {("57",)},
    "q02": {(n,) for n in ("Algeria", "Egypt", "Israel", "Jordan", "Morocco", "Tunisia")},
    "q03": {("Finland",)},
    "q08": {("https://w3id.org/osce/id/place/vilnius", "https://w3id.org/osce/id/state/lithuania")},
    "q11": {("Ungarn",)},
    "q12": {("http://www.wikidata.org/entity/Q37",)},
    "q13": {("Spain",)},
}


def answers(store, query: str) -> set[tuple[str, ...]]:
    rows = store.select(query)
    return {tuple(str(value) for _, value in sorted(row.items())) for row in rows}


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_competency_question_through_the_remote_store(remote_store, embedded_store, name):
    remote = answers(remote_store, QUESTIONS[name])
    assert remote == answers(embedded_store, QUESTIONS[name])
    if name in SETTLED:
        assert remote == SETTLED[name]
