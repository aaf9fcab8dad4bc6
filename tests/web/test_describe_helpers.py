"""Helpers of the entity pages: qualified names and the store's term conversion."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib import namespace as ns

from osce_kg.lru import Lru
from osce_kg.namespaces import PREFIXES
from osce_kg.pages import describe as describe_module
from osce_kg.pages.entity import prefixed
from osce_kg.store.embedded.store import OxigraphStore


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
    rows = store.select("SELECT ?s ?o WHERE { #@bindings\n ?s ?p ?o }", {"s": s})
    got = {(type(r["o"]), r["o"], getattr(r["o"], "datatype", None),
            getattr(r["o"], "language", None)) for r in rows}
    assert len(rows) == 6 and all(r["s"] == s and type(r["s"]) is URIRef for r in rows)
    assert {(t, d, lang) for t, _, d, lang in got} == {
        (URIRef, None, None), (Literal, None, None), (Literal, ns.XSD.integer, None),
        (Literal, None, "en"), (BNode, None, None)}
    assert len(got) == 6


class CountingStore:
    """A store that counts the queries it answers (delegating to the real one)."""

    def __init__(self, store: OxigraphStore) -> None:
        self.store = store
        self.selects = 0

    def select(self, query, bindings=None):
        self.selects += 1
        return self.store.select(query, bindings)


LITHUANIA = URIRef("https://w3id.org/osce/id/state/lithuania")


def test_a_hub_s_incoming_links_are_kept_and_reused(store, monkeypatch):
    monkeypatch.setattr(describe_module, "HUB_INCOMING", 2)  # Lithuania: more than 2 links
    counting, hubs = CountingStore(store), Lru(max_items=8)
    first = describe_module.describe(counting, LITHUANIA, limit=3, hubs=hubs)
    queries_first = counting.selects
    again = describe_module.describe(counting, LITHUANIA, limit=3, hubs=hubs)
    assert len(hubs) == 1
    assert again.incoming == first.incoming and again.incoming_total == first.incoming_total
    assert queries_first == 3  # outgoing links, incoming counts, a page of incoming links
    assert counting.selects == queries_first + 1  # only the outgoing query ran again
    other_page = describe_module.describe(counting, LITHUANIA, limit=3, offset=3, hubs=hubs)
    assert len(hubs) == 2 and other_page.incoming != first.incoming


def test_an_entity_with_few_incoming_links_is_not_kept(store):
    hubs = Lru(max_items=8)
    view = describe_module.describe(store, LITHUANIA, hubs=hubs)
    assert 0 < view.incoming_total <= describe_module.HUB_INCOMING
    assert len(hubs) == 0
