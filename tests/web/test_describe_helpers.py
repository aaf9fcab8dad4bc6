"""Helpers of the entity pages: qualified names and the store's term conversion."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib import namespace as ns

from osce_kg.describe import prefixed
from osce_kg.namespaces import PREFIXES
from osce_kg.store import OxigraphStore


def longest_namespace(text: str) -> str:
    matches = [(len(ns), p) for p, ns in PREFIXES.items() if text.startswith(ns)]
    if not matches:
        return text
    size, prefix = max(matches, key=lambda m: m[0])
    return f"{prefix}:{text[size:]}"


@pytest.mark.parametrize("text", [
    "https://schema.org/name", "https://schema.org/a/b", "https://w3id.org/osce/id/state/lithuania",
    "https://w3id.org/osce/ontology#ParticipatingState", "https://w3id.org/osce/ontology",
    "http://www.wikidata.org/entity/Q37", "http://www.w3.org/ns/org#", "http://example.org/x#y",
    "urn:isbn:123", "https://w3id.org/osce/id/"])
def test_prefixed_uses_the_longest_known_namespace(text):
    assert prefixed(URIRef(text)) == longest_namespace(text)


def test_select_keeps_each_terms_kind_when_rows_repeat_terms():
    graph = Graph()
    s, p = URIRef("http://example.org/s"), URIRef("http://example.org/p")
    for o in (URIRef("http://example.org/s"), Literal("http://example.org/s"),
              Literal("1", datatype=ns.XSD.integer), Literal("1"), Literal("1", lang="en"),
              BNode("b1")):
        graph.add((s, p, o))
    store = OxigraphStore.from_graph(graph)
    rows = store.select("SELECT ?s ?o WHERE { ?s ?p ?o }", {"s": s})
    got = {(type(r["o"]), r["o"], getattr(r["o"], "datatype", None),
            getattr(r["o"], "language", None)) for r in rows}
    assert len(rows) == 6 and all(r["s"] == s and type(r["s"]) is URIRef for r in rows)
    assert {(t, d, lang) for t, _, d, lang in got} == {
        (URIRef, None, None), (Literal, None, None), (Literal, ns.XSD.integer, None),
        (Literal, None, "en"), (BNode, None, None)}
    assert len(got) == 6
