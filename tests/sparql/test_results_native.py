"""SELECT answers written by pyoxigraph: the same solutions as the Python writer, counted and cut
exactly at the row cap in every format, and the Python writer past the native writer's budget."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from rdflib.plugins.sparql.results.xmlresults import XMLResultParser

from osce_kg.rdf import results
from osce_kg.rdf.results import (
    CSV_RESULTS,
    JSON_RESULTS,
    RESULT_MEDIA_TYPES,
    TSV_RESULTS,
    XML_RESULTS,
)
from osce_kg.store.embedded.processes import evaluate_job

EX = "http://example.org/"
# values that look like the formats' own separators must not be counted as rows
TRICKY = ["plain", "tab\there", "line\nbreak", 'quote " and , comma', "crlf\r\nend",
          "<result></result>", "},{\"x\":1}", "{\"head\":0}", "?s\t?o", "}},{", "a}},{",
          "}},{\"", "x}},{\":", "}},{\",", "\\", "ends with a backslash\\"]


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    p = ox.NamedNode(EX + "p")
    for i, text in enumerate(TRICKY):
        store.add(ox.Quad(ox.NamedNode(f"{EX}s{i:02d}"), p, ox.Literal(text)))
        store.add(ox.Quad(ox.NamedNode(f"{EX}s{i:02d}"), p, ox.Literal(text, language="en")))
    store.add(ox.Quad(ox.BlankNode("b1"), p, ox.Literal("7", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer"))))
    return store


QUERY = f"SELECT ?s ?o ?none WHERE {{ ?s <{EX}p> ?o OPTIONAL {{ ?s <{EX}q> ?none }} }} " \
        "ORDER BY ?s ?o"
TOTAL = 2 * len(TRICKY) + 1


def solutions(body: bytes, media_type: str) -> list[tuple[str, ...]]:
    """Each solution as the lexical values of ?s and ?o (blank nodes as ``_:``)."""
    if media_type == JSON_RESULTS:
        bindings = json.loads(body)["results"]["bindings"]
        return [tuple(("_:" if b[v]["type"] == "bnode" else "") + b[v]["value"]
                      for v in ("s", "o")) for b in bindings]
    if media_type == XML_RESULTS:
        rows = XMLResultParser().parse(io.BytesIO(body))
        return [tuple(("_:" if str(type(row[v]).__name__) == "BNode" else "") + str(row[v])
                      for v in ("s", "o")) for row in rows]
    if media_type == CSV_RESULTS:
        rows = list(csv.DictReader(io.StringIO(body.decode(), newline="")))
        return [(row["s"], row["o"]) for row in rows]
    parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.TSV)
    return [tuple((f"_:{t.value}" if isinstance(t, ox.BlankNode) else t.value)
                  for t in (row["s"], row["o"])) for row in parsed]


def answer(store, media_type: str, max_rows: int) -> tuple[bytes, bool, int]:
    status, body, truncated, rows = evaluate_job(store, QUERY, media_type, (), (), max_rows)
    assert status == "ok"
    return body, truncated, rows


@pytest.mark.parametrize("media_type", RESULT_MEDIA_TYPES)
def test_the_native_answer_has_the_python_writers_solutions(store, media_type):
    body, truncated, rows = answer(store, media_type, 100)
    names = ["s", "o", "none"]
    python = results.write_solutions(names, list(store.query(QUERY)), media_type)
    assert (truncated, rows) == (False, TOTAL)
    assert solutions(body, media_type) == solutions(python, media_type)
    assert len(solutions(body, media_type)) == TOTAL


@pytest.mark.parametrize("media_type", RESULT_MEDIA_TYPES)
@pytest.mark.parametrize("max_rows", [1, 5, TOTAL - 1, TOTAL, TOTAL + 1])
def test_the_row_cap_is_exact_in_every_format(store, media_type, max_rows):
    full = solutions(answer(store, media_type, 100)[0], media_type)
    body, truncated, rows = answer(store, media_type, max_rows)
    assert truncated is (TOTAL > max_rows)
    assert rows == min(TOTAL, max_rows)
    assert solutions(body, media_type) == full[:max_rows]


@pytest.mark.parametrize("media_type", RESULT_MEDIA_TYPES)
def test_past_the_budget_the_python_writer_answers_exactly(store, media_type, monkeypatch):
    monkeypatch.setattr(results, "NATIVE_MIN_BYTES", 64)
    monkeypatch.setattr(results, "NATIVE_BYTES_PER_ROW", 1)
    assert results.serialize_solutions(store.query(QUERY), media_type, 3) is None
    full = solutions(answer(store, media_type, 100)[0], media_type)
    body, truncated, rows = answer(store, media_type, 3)
    assert (truncated, rows) == (True, 3)
    assert solutions(body, media_type) == full[:3]


@pytest.mark.parametrize("media_type", RESULT_MEDIA_TYPES)
def test_no_solution_and_one_empty_solution_are_counted(store, media_type):
    mixed = "SELECT ?x WHERE { { BIND(1 AS ?x) } UNION { } UNION { BIND(2 AS ?x) } }"
    for query, expected in (("SELECT ?x WHERE { FILTER(false) }", 0), ("SELECT * {}", 1),
                            (mixed, 3)):
        status, _, truncated, rows = evaluate_job(store, query, media_type, (), (), 5)
        assert (status, truncated, rows) == ("ok", False, expected)


def test_a_json_answer_cut_at_the_cap_is_still_one_document(store):
    body, truncated, rows = answer(store, JSON_RESULTS, 4)
    document = json.loads(body)
    assert document["head"] == {"vars": ["s", "o", "none"]}
    assert (truncated, rows, len(document["results"]["bindings"])) == (True, 4, 4)
    assert "none" not in document["results"]["bindings"][0]


def test_tsv_and_xml_answers_cut_at_the_cap_end_well(store):
    tsv, _, _ = answer(store, TSV_RESULTS, 2)
    assert tsv.count(b"\n") == 3 and tsv.endswith(b"\n")
    xml, _, _ = answer(store, XML_RESULTS, 2)
    assert xml.count(b"<result>") == 2 and xml.endswith(b"</results></sparql>")


def test_json_rows_are_counted_without_parsing_yet_exactly(store):
    query = f"SELECT ?o ?s WHERE {{ ?s <{EX}p> ?o }}"
    body = store.query(query).serialize(format=ox.QueryResultsFormat.JSON)
    assert b"{}" not in body and b'}},{"}' in body  # the counting path, with a fake separator
    assert results.count_rows(body, JSON_RESULTS) == len(json.loads(body)["results"]["bindings"])
