"""Bound values written into remote queries, and engine quirks read back (no engine needed)."""

from __future__ import annotations

import pytest
from rdflib import BNode, Literal, URIRef, namespace
from rdflib.plugins.sparql import prepareQuery

from osce_kg.errors import BadQuery
from osce_kg.store.remote.engine import term_from_json
from osce_kg.store.remote.text import bind_values

S = URIRef("https://w3id.org/osce/id/state/lithuania")


@pytest.mark.parametrize(("query", "expected_start"), [
    ("SELECT ?s ?p WHERE { ?s ?p ?o }", "SELECT ?s ?p WHERE { VALUES (?s ?lang)"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE { VALUES"),
    ("ASK { ?s ?p '{' }", "ASK { VALUES"),
    ("PREFIX a: <http://x/#> # {\nSELECT * { ?s ?p ?o }", "PREFIX a: <http://x/#> # {\nSELECT * { VALUES"),
])
def test_values_open_the_top_level_group_and_stay_valid(query, expected_start):
    bound = bind_values(query, {"s": S, "lang": Literal("de")})
    assert bound.startswith(expected_start)
    prepareQuery(bound)  # still a valid query


def test_sub_selects_projecting_a_bound_variable_get_it_too():
    bound = bind_values("SELECT ?s ?x { { SELECT ?s ?x { ?x ?p ?s } LIMIT 5 } }", {"s": S})
    assert bound.count("VALUES (?s)") == 2
    prepareQuery(bound)


def test_queries_without_a_group_get_a_trailing_values_clause():
    bound = bind_values("DESCRIBE ?s", {"s": S})
    assert bound.rstrip().endswith(f"VALUES (?s) {{ (<{S}>) }}")
    prepareQuery(bound)


def test_literals_are_escaped_and_unsafe_terms_refused():
    bound = bind_values("SELECT ?x { }", {"x": Literal('a" } DROP ALL { "\n')})
    assert prepareQuery(bound) is not None and "DROP ALL" in bound
    for term in (URIRef("http://x/a>b"), BNode("b1")):
        with pytest.raises(BadQuery):
            bind_values("SELECT ?x { }", {"x": term})
    with pytest.raises(BadQuery):
        bind_values("SELECT ?x { }", {"x y": S})


@pytest.mark.parametrize(("value", "expected"), [
    ({"type": "typed-literal", "datatype": str(namespace.XSD.boolean), "value": "1"},
     Literal("true", datatype=namespace.XSD.boolean)),
    ({"type": "typed-literal", "datatype": str(namespace.XSD.string), "value": "x"}, Literal("x")),
    ({"type": "literal", "xml:lang": "de", "value": "Ungarn"}, Literal("Ungarn", lang="de")),
    ({"type": "uri", "value": str(S)}, S),
])
def test_engine_quirks_are_normalised(value, expected):
    assert term_from_json(value) == expected
