"""User queries forwarded to Virtuoso: formats, row cap, time limit, read-only (RemoteEvaluator)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.query import Result

from osce_kg.errors import BadQuery, QueryTimeout
from osce_kg.namespaces import sparql_prologue
from osce_kg.query.service import QueryService
from osce_kg.store import open_evaluator
from osce_kg.store.base import QueryRequest

pytestmark = pytest.mark.virtuoso

STATES = sparql_prologue() + """
SELECT ?state ?code ?name WHERE {
  ?state a osce:ParticipatingState ; osce:iso3166Alpha2 ?code ; rdfs:label ?name .
  FILTER(lang(?name) = "de")
} ORDER BY ?code"""
STATE_GRAPH = sparql_prologue() + """
CONSTRUCT { ?s ?p ?o } WHERE { ?s a osce:ParticipatingState ; ?p ?o . FILTER(isLiteral(?o)) }"""
SLOW = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . "
        "FILTER(CONTAINS(CONCAT(STR(?c), STR(?f)), \"zz\")) }")


@pytest.fixture(scope="module")
def evaluator(remote_store):
    evaluator = open_evaluator(remote_store)
    yield evaluator
    evaluator.close()


def ask_embedded(store, query):
    return {tuple(str(row[k]) for k in ("state", "code", "name")) for row in store.select(query)}


@pytest.mark.parametrize("media_type", ["application/sparql-results+json",
                                        "application/sparql-results+xml",
                                        "text/csv", "text/tab-separated-values"])
def test_select_in_every_results_format(evaluator, embedded_store, media_type):
    answer = evaluator.evaluate(QueryRequest(STATES, "select", media_type), timeout_s=10,
                                max_rows=1000)
    assert answer.media_type == media_type and not answer.truncated
    expected = ask_embedded(embedded_store, STATES)
    assert answer.rows == len(expected) == 57
    if media_type == "text/csv":
        rows = list(csv.DictReader(io.StringIO(answer.body.decode())))
        got = {(r["state"], r["code"], r["name"]) for r in rows}
    else:
        result = Result.parse(io.BytesIO(answer.body), content_type=media_type)
        got = {tuple(str(row[v]) for v in ("state", "code", "name")) for row in result}
    assert got == expected


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("media_type", ["text/turtle", "application/n-triples",
                                        "application/ld+json", "application/rdf+xml"])
def test_construct_in_every_graph_format(evaluator, embedded_store, media_type):
    answer = evaluator.evaluate(QueryRequest(STATE_GRAPH, "construct", media_type),
                                timeout_s=10, max_rows=100_000)
    got = Graph().parse(data=answer.body, format={
        "text/turtle": "turtle", "application/n-triples": "nt",
        "application/ld+json": "json-ld", "application/rdf+xml": "xml"}[media_type])
    assert len(got) > 57 * 5
    assert isomorphic(got, embedded_store.construct(STATE_GRAPH))


def test_ask(evaluator):
    answer = evaluator.evaluate(
        QueryRequest("ASK { <https://w3id.org/osce/id/state/lithuania> ?p ?o }", "ask",
                     "application/sparql-results+json"), timeout_s=10, max_rows=10)
    assert json.loads(answer.body)["boolean"] is True


def test_row_cap_cuts_and_marks_truncated(evaluator):
    answer = evaluator.evaluate(QueryRequest(STATES, "select", "application/sparql-results+json"),
                                timeout_s=10, max_rows=10)
    assert answer.truncated and answer.rows == 10
    assert len(json.loads(answer.body)["results"]["bindings"]) == 10


def test_time_limit_stops_the_query(evaluator):
    with pytest.raises(QueryTimeout) as caught:
        evaluator.evaluate(QueryRequest(SLOW, "select", "application/sparql-results+json"),
                           timeout_s=1, max_rows=10)
    assert caught.value.limit_s == 1


@pytest.mark.parametrize("text", [
    "INSERT DATA { <http://ex/a> <http://ex/b> <http://ex/c> }",
    "DROP ALL",
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
])
def test_updates_and_service_are_refused_and_change_nothing(remote_store, text):
    service = QueryService(remote_store, remote_store.settings, cache_root=None)
    before = remote_store.triple_count()
    with pytest.raises(BadQuery):
        info = service.check(text)
        service.answer(QueryRequest(info.text, info.form, "application/sparql-results+json"))
    remote_store._counts.clear()
    assert remote_store.triple_count() == before
