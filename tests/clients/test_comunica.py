"""Comunica against the server: as a SPARQL endpoint source (every query form), and on /id/ as a
Linked Data source, the w3id.org IRIs mapped onto the server, JSON-LD with its published
context included; each answer compared with the server's own."""

from __future__ import annotations

import pytest
from answers import assert_same_graph, own_graph, own_rows, parse_graph, parse_rows, queries_in
from w3idproxy import w3id_proxy

from osce_kg.namespaces import sparql_prologue

pytestmark = [pytest.mark.slow, pytest.mark.clients]

QUERIES = queries_in("fr")
JSON = "application/sparql-results+json"
ENTITIES = ["state/lithuania", "place/vienna", "structure/odihr", "organisation/osce"]


@pytest.mark.parametrize("form", list(QUERIES))
def test_the_endpoint_as_a_source(comunica, server, form):
    query = sparql_prologue() + QUERIES[form]
    if form in ("construct", "describe"):
        answer = comunica.query([f"sparql@{server}/sparql"], query, "application/n-triples")
        assert_same_graph(own_graph(server, query), parse_graph(answer, "application/n-triples"))
    else:
        assert parse_rows(comunica.query([f"sparql@{server}/sparql"], query, JSON), JSON) == \
            own_rows(server, query)


@pytest.mark.parametrize("entity", ENTITIES)
def test_id_iris_as_linked_data_sources(comunica, server, entity):
    iri = f"https://w3id.org/osce/id/{entity}"
    query = f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}"
    with w3id_proxy(server) as proxy:
        answer = comunica.query([iri], query, JSON, proxy=proxy)
    assert parse_rows(answer, JSON) == own_rows(server, query)


@pytest.mark.parametrize("entity", ENTITIES)
def test_entity_json_ld_with_its_published_context(comunica, server, entity):
    iri = f"https://w3id.org/osce/id/{entity}"
    query = f"CONSTRUCT {{ <{iri}> ?p ?o }} WHERE {{ <{iri}> ?p ?o }}"
    answer = comunica.query([f"{server}/data/{entity}.jsonld"], query, "application/n-triples")
    assert_same_graph(own_graph(server, query), parse_graph(answer, "application/n-triples"))
