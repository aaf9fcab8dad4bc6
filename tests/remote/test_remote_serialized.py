"""Entity descriptions serialized by each backend (rdflib for the remote one, pyoxigraph for the
embedded one) parse back to the same graph."""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from osce_kg import conneg
from osce_kg.errors import UnknownEntity
from osce_kg.namespaces import entity_iri
from osce_kg.pages import describe

pytestmark = pytest.mark.virtuoso

ENTITIES = [entity_iri("state", "lithuania"), entity_iri("place", "vienna"),
            entity_iri("organisation", "osce")]


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("fmt", conneg.GRAPH_OFFERS, ids=lambda f: f.name)
def test_serialized_descriptions_match_the_embedded_store(remote_store, embedded_store, fmt):
    for iri in ENTITIES:
        remote = Graph().parse(data=describe.serialize_description(remote_store, iri, fmt),
                               format=fmt.rdflib)
        embedded = Graph().parse(data=describe.serialize_description(embedded_store, iri, fmt),
                                 format=fmt.rdflib)
        assert len(remote) > 3
        assert isomorphic(remote, embedded), iri


def test_an_unknown_entity_has_no_serialized_description(remote_store, embedded_store):
    for store in (remote_store, embedded_store):
        with pytest.raises(UnknownEntity):
            describe.serialize_description(store, entity_iri("state", "atlantis"),
                                           conneg.TURTLE)
