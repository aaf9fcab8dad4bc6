"""Bound values written into remote queries, and engine quirks read back (no engine needed)."""

from __future__ import annotations

import pytest
from rdflib import BNode, Literal, URIRef, namespace
from rdflib.plugins.sparql import prepareQuery

from osce_kg.errors import BadQuery
from osce_kg.store.remote.engine import term_from_json
from osce_kg.store.remote.text import bind_values

S = URIRef("https://w3id.org/osce/id/state/lithuania")


@pytest.mark.parametrize("query", [
    "SELECT ?s ?p WHERE { #@bindings\n ?s ?p ?o }",
    "CONSTRUCT { ?s ?p ?o } WHERE { #@bindings\n ?s ?p ?o }",
    "ASK { #@bindings\n ?s ?p '{' }",
    "SELECT ?s ?x { #@bindings\n { SELECT ?s ?x { #@bindings\n ?x ?p ?s } LIMIT 5 } }",
])
def test_every_slot_gets_the_values_and_the_query_stays_valid(query):
    bound = bind_values(query, {"s": S, "lang": Literal("de")})
    assert "#@bindings" not in bound
    assert bound.count(f'VALUES (?s ?lang) {{ (<{S}> "de") }}') == query.count("#@bindings\n")
    prepareQuery(bound)  # still a valid query


def test_a_query_without_a_slot_is_refused_not_rewritten():
    with pytest.raises(BadQuery, match="slot"):
        bind_values("SELECT ?s WHERE { ?s ?p ?o }", {"s": S})
    assert bind_values("SELECT ?s WHERE { ?s ?p ?o }", {}) == "SELECT ?s WHERE { ?s ?p ?o }"


def test_dollar_variables_take_the_value_where_they_stand():
    query = ("SELECT ?s ?lang WHERE { #@bindings\n ?s ?p ?o "
             "OPTIONAL { ?o ?q ?l OPTIONAL { ?l ?r ?m FILTER(langMatches(lang(?m), $lang)) } } }")
    bound = bind_values(query, {"s": S, "lang": Literal("de")})
    assert 'FILTER(langMatches(lang(?m), "de"))' in bound and "$lang" not in bound
    assert bound.count('"de"') == 2  # the VALUES block and the nested filter
    prepareQuery(bound)


def test_updates_get_bind_clauses_in_their_slot():
    bound = bind_values("INSERT { GRAPH ?c { ?c ?p ?o } } WHERE { #@bindings\n }",
                        {"c": S}, style="bind")
    assert f"BIND(<{S}> AS ?c)" in bound


def test_literals_are_escaped_and_unsafe_terms_refused():
    bound = bind_values("SELECT ?x { #@bindings\n }", {"x": Literal('a" } DROP ALL { "\n')})
    assert prepareQuery(bound) is not None and "DROP ALL" in bound
    for term in (URIRef("http://x/a>b"), BNode("b1")):
        with pytest.raises(BadQuery):
            bind_values("SELECT ?x { #@bindings\n }", {"x": term})
    with pytest.raises(BadQuery):
        bind_values("SELECT ?x { #@bindings\n }", {"x y": S})


@pytest.mark.parametrize(("value", "expected"), [
    ({"type": "typed-literal", "datatype": str(namespace.XSD.boolean), "value": "1"},
     Literal("true", datatype=namespace.XSD.boolean)),
    ({"type": "typed-literal", "datatype": str(namespace.XSD.string), "value": "x"}, Literal("x")),
    ({"type": "literal", "xml:lang": "de", "value": "Ungarn"}, Literal("Ungarn", lang="de")),
    ({"type": "uri", "value": str(S)}, S),
])
def test_engine_quirks_are_normalised(value, expected):
    assert term_from_json(value) == expected
