"""The remote backend answers like the embedded one, on the same build (Virtuoso)."""

from __future__ import annotations

import json

import pytest
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic

from osce_kg.errors import BadQuery
from osce_kg.namespaces import ID_BASE, entity_iri, split_entity_iri
from osce_kg.pages import census, describe

pytestmark = pytest.mark.virtuoso

KINDS_QUERY = "SELECT DISTINCT ?s WHERE { ?s a ?class } ORDER BY ?s"


@pytest.fixture(scope="module")
def sample_entities(embedded_store) -> list[URIRef]:
    """The first entity of each kind (state, place, structure, …) in the build."""
    firsts: dict[str, URIRef] = {}
    for row in embedded_store.select(KINDS_QUERY):
        parts = split_entity_iri(str(row["s"])) if str(row["s"]).startswith(ID_BASE) else None
        if parts and parts[0] not in firsts:
            firsts[parts[0]] = row["s"]
    assert len(firsts) >= 5, firsts
    return sorted(firsts.values())


def view_summary(view: describe.EntityView) -> dict:
    """An entity page without blank-node identities (each store names its own)."""
    def values(group):
        return sorted((v.text, v.lang or "", str(v.datatype or "")) for v in group.values)
    return {
        "label": (view.label, view.label_lang),
        "types": sorted(v.text for v in view.types),
        "groups": [(str(g.prop), g.label, values(g)) for g in view.groups],
        "incoming": [(str(g.prop), g.total, values(g)) for g in view.incoming],
        "incoming_total": view.incoming_total,
        "same_as": sorted(map(str, view.same_as)),
        "coordinates": sorted(view.coordinates),
    }


def test_build_id_and_size_are_the_loaded_builds(remote_store, embedded_store, loaded):
    info = json.loads((loaded / "build.json").read_text())
    assert remote_store.build_id == info["build_id"] == embedded_store.build_id
    assert remote_store.triple_count() == info["triples"]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_entity_pages_match_the_embedded_store(remote_store, embedded_store, sample_entities,
                                               lang):
    for iri in sample_entities:
        remote = describe.describe(remote_store, iri, lang, limit=5)
        embedded = describe.describe(embedded_store, iri, lang, limit=5)
        assert view_summary(remote) == view_summary(embedded), iri


def test_entity_data_graphs_are_isomorphic(remote_store, embedded_store, sample_entities):
    for iri in sample_entities:
        remote = describe.description_graph(remote_store, iri)
        assert len(remote) > 0
        assert isomorphic(remote, describe.description_graph(embedded_store, iri)), iri


def test_class_counts_match(remote_store, embedded_store):
    assert census.class_counts(remote_store) == census.class_counts(embedded_store)


def test_unknown_entity_is_not_found_and_ask_is_false(remote_store):
    missing = entity_iri("state", "atlantis")
    assert describe.exists(remote_store, missing) is False
    assert describe.exists(remote_store, entity_iri("state", "lithuania")) is True


def test_bound_literal_is_escaped_not_spliced(remote_store):
    hostile = Literal('x" } ; DROP ALL ; SELECT * { "', lang="en")
    rows = remote_store.select("SELECT ?x WHERE { #@bindings\n }", {"x": hostile})
    assert rows == [{"x": hostile}]


@pytest.mark.parametrize("term", [URIRef("http://ex/a> } DROP ALL { <b"),
                                  Literal("x", datatype=URIRef("http://ex/t> . } DROP ALL")),
                                  URIRef("http://ex/with space")])
def test_unsafe_bindings_are_refused_before_any_request(remote_store, term):
    with pytest.raises(BadQuery):
        remote_store.select("SELECT ?x WHERE { #@bindings\n }", {"x": term})
