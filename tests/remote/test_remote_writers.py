"""The remote backend writes SELECT answers with the embedded store's writers: same bytes for
the same rows in every format; a literal with line breaks or tabs stays on its TSV line."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest
from rdflib import Literal
from rdflib.query import Result

from osce_kg.rdf.results import RESULT_MEDIA_TYPES, TSV_RESULTS, write_solutions
from osce_kg.store.remote.engine import JSON_RESULTS, Reply
from osce_kg.store.remote.evaluator import parse_results, serialize_results

EX = "http://example.org/"
MULTI_LINE = "first line\nsecond line\twith a tab\r\nthird"
QUERY = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s"


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    for number, value in enumerate([ox.Literal(MULTI_LINE), ox.Literal("Vilnius", language="lt"),
                                    ox.Literal("1991-09-10", datatype=ox.NamedNode(
                                        "http://www.w3.org/2001/XMLSchema#date")),
                                    ox.NamedNode(EX + "o")]):
        store.add(ox.Quad(ox.NamedNode(f"{EX}s{number}"), ox.NamedNode(EX + "p"), value))
    return store


def engine_reply(store: ox.Store) -> Reply:
    """What an engine sends for QUERY in SPARQL JSON (the remote store's usual request)."""
    return Reply(store.query(QUERY).serialize(format=ox.QueryResultsFormat.JSON), JSON_RESULTS, {})


@pytest.mark.parametrize("media_type", RESULT_MEDIA_TYPES)
def test_both_backends_write_the_same_bytes(store, media_type):
    embedded = write_solutions(["s", "o"], list(store.query(QUERY)), media_type)
    remote = serialize_results(parse_results(engine_reply(store)), media_type)
    assert remote == embedded


def test_a_multi_line_literal_keeps_its_tsv_row(store):
    body = serialize_results(parse_results(engine_reply(store)), TSV_RESULTS)
    assert len(body.decode().splitlines()) == 1 + 4
    rows = list(Result.parse(io.BytesIO(body), format="tsv"))
    assert Literal(MULTI_LINE) in [row[1] for row in rows]
