"""The embedded evaluator: answers in every format, row cap, time limit, crashes, concurrency.

The tests that wait out a time limit are marked slow (`make test` runs them)."""

from __future__ import annotations

import csv
import io
import json
import threading
import time

import pyoxigraph as ox
import pytest
from rdflib import Graph

from osce_kg.errors import BadQuery, NotOffered, QueryTimeout
from osce_kg.store.base import QueryRequest
from osce_kg.store.embedded.evaluator import EmbeddedEvaluator

LABELS = "SELECT ?s ?label WHERE { ?s a osce:ParticipatingState ; rdfs:label ?label " \
         "FILTER(lang(?label) = 'en') } ORDER BY ?label"
CARTESIAN = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def evaluator(oxigraph_store):
    evaluator = EmbeddedEvaluator(oxigraph_store, processes=2)
    yield evaluator
    evaluator.close()


def run(evaluator, text, form="select", media_type="application/sparql-results+json",
        timeout_s=10.0, max_rows=100):
    return evaluator.evaluate(QueryRequest(text, form, media_type), timeout_s=timeout_s,
                              max_rows=max_rows)


def test_select_in_the_four_result_formats_says_the_same(evaluator):
    as_json = json.loads(run(evaluator, LABELS).body)
    labels = [b["label"]["value"] for b in as_json["results"]["bindings"]]
    assert len(labels) == 57 and labels[0] == "Albania"
    assert as_json["results"]["bindings"][0]["label"]["xml:lang"] == "en"
    as_csv = list(csv.DictReader(io.StringIO(run(evaluator, LABELS, media_type="text/csv")
                                             .body.decode())))
    assert [r["label"] for r in as_csv] == labels
    tsv = run(evaluator, LABELS, media_type="text/tab-separated-values").body.decode()
    lines = tsv.splitlines()
    assert lines[0] == "?s\t?label" and lines[1].endswith('\t"Albania"@en')
    from rdflib.plugins.sparql.results.xmlresults import XMLResultParser

    parsed = XMLResultParser().parse(io.BytesIO(run(
        evaluator, LABELS, media_type="application/sparql-results+xml").body))
    assert [str(row["label"]) for row in parsed] == labels


def test_construct_is_serialized_in_each_rdf_format(evaluator):
    query = "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a osce:ParticipatingState ; rdfs:label ?l }"
    graphs = {}
    for media_type, fmt in [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                            ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")]:
        answer = run(evaluator, query, "construct", media_type, max_rows=10_000)
        graphs[fmt] = Graph().parse(data=answer.body, format=fmt)
        assert not answer.truncated
    assert len(graphs["nt"]) == 57 * 6
    assert all(g.isomorphic(graphs["nt"]) for g in graphs.values())


def test_rows_beyond_the_cap_are_cut_and_marked(evaluator):
    answer = run(evaluator, LABELS, max_rows=10)
    assert answer.truncated and answer.rows == 10
    assert len(json.loads(answer.body)["results"]["bindings"]) == 10
    graph = run(evaluator, "CONSTRUCT WHERE { ?s ?p ?o }", "construct", "application/n-triples",
                max_rows=7)
    assert graph.truncated and len(graph.body.splitlines()) == 7


def test_ask_answers_a_boolean(evaluator):
    body = run(evaluator, "ASK { <https://w3id.org/osce/id/state/lithuania> ?p ?o }", "ask").body
    assert json.loads(body) == {"head": {}, "boolean": True}


def test_syntax_errors_carry_the_parsers_position(evaluator):
    with pytest.raises(BadQuery) as caught:
        run(evaluator, "SELECT *\nWHERE { ?s ?p }")
    assert caught.value.position == "2:16"


@pytest.mark.slow  # waits for a query's time limit in an evaluator process
def test_a_long_query_is_stopped_at_the_limit_and_the_pool_recovers(evaluator):
    started = time.monotonic()
    with pytest.raises(QueryTimeout) as caught:
        run(evaluator, CARTESIAN, timeout_s=1.0)
    assert time.monotonic() - started < 1.0 + 2.0
    assert caught.value.limit_s == 1.0
    assert "1 s" in str(caught.value)
    assert run(evaluator, LABELS).rows == 57


def test_an_engine_crash_is_an_error_and_the_pool_recovers(evaluator):
    chain = "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 20_000) + " }"
    with pytest.raises(BadQuery, match="engine stopped"):
        run(evaluator, chain)  # the guard would refuse it; the evaluator survives it anyway
    assert run(evaluator, LABELS).rows == 57


@pytest.mark.slow  # waits for a query's time limit in an evaluator process
def test_cheap_queries_answer_while_a_long_one_runs(evaluator):
    outcome = {}

    def slow():
        try:
            run(evaluator, CARTESIAN, timeout_s=2.0)
        except QueryTimeout as exc:
            outcome["slow"] = exc

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.2)
    answered = []
    while thread.is_alive():
        answered.append(run(evaluator, LABELS, timeout_s=1.0).rows)
    thread.join()
    assert isinstance(outcome["slow"], QueryTimeout)
    assert len(answered) >= 5 and set(answered) == {57}


def test_an_unknown_media_type_is_not_acceptable(evaluator):
    with pytest.raises(NotOffered):
        run(evaluator, LABELS, media_type="text/turtle")


def test_the_evaluator_never_writes(evaluator, oxigraph_store):
    before = len(oxigraph_store)
    run(evaluator, "SELECT * { ?s ?p ?o } LIMIT 1")
    assert len(oxigraph_store) == before


def test_default_graph_uri_selects_the_dataset(evaluator):
    store = ox.Store()
    graph = ox.NamedNode("http://example.org/g")
    store.add(ox.Quad(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/p"),
                      ox.Literal("in g"), graph))
    small = EmbeddedEvaluator(store, processes=1)
    try:
        query = "SELECT ?o { ?s ?p ?o }"
        empty = small.evaluate(QueryRequest(query, "select", "text/csv"), timeout_s=5, max_rows=9)
        assert empty.body.decode().splitlines() == ["o"]
        found = small.evaluate(QueryRequest(query, "select", "text/csv", ("http://example.org/g",)),
                               timeout_s=5, max_rows=9)
        assert found.body.decode().splitlines() == ["o", "in g"]
    finally:
        small.close()
