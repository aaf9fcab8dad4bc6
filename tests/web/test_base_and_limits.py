"""The public base follows where the server listens unless OSCE_KG_BASE_URL says otherwise; the
URL limit: a long GET is 414 in the negotiated error shape, naming POST."""

from __future__ import annotations

import dataclasses

import pytest
from apps import app_for
from rdflib import Graph, URIRef
from rdflib.namespace import VOID
from webassert import assert_error_response

from osce_kg.namespaces import DATASET_IRI, SD
from osce_kg.settings import Settings


@pytest.mark.parametrize(("environ", "expected"), [
    ({}, "http://127.0.0.1:8080"),
    ({"OSCE_KG_PORT": "8093"}, "http://127.0.0.1:8093"),
    ({"OSCE_KG_HOST": "0.0.0.0", "OSCE_KG_PORT": "9000"}, "http://127.0.0.1:9000"),
    ({"OSCE_KG_HOST": "kg.example.org"}, "http://kg.example.org:8080"),
    ({"OSCE_KG_HOST": "::1", "OSCE_KG_PORT": "81"}, "http://[::1]:81"),
    ({"OSCE_KG_PORT": "8093", "OSCE_KG_BASE_URL": "https://kg.example.org/"},
     "https://kg.example.org"),
])
def test_public_base(environ, expected):
    assert Settings.from_env(environ).public_base == expected


def test_the_port_is_the_base_of_pages_void_and_service_description(web_settings, store):
    with app_for(dataclasses.replace(web_settings, base_url=None, port=8093), store) as app:
        client = app.test_client()
        void = Graph().parse(data=client.get("/.well-known/void").data, format="turtle")
        service = Graph().parse(data=client.get("/sparql", headers={"Accept": "text/turtle"}).data,
                                format="turtle")
    endpoint = URIRef("http://127.0.0.1:8093/sparql")
    assert set(void.objects(DATASET_IRI, VOID.sparqlEndpoint)) == {endpoint}
    assert set(service.objects(None, SD.endpoint)) == {endpoint}


@pytest.mark.parametrize("kind", ["json", "text", "html"])
def test_a_url_longer_than_the_limit_is_414_naming_post(client, web_settings, kind):
    accept = {"json": "application/json", "text": "text/plain", "html": "text/html"}[kind]
    query = "ASK { ?s ?p ?o } #" + "x" * web_settings.max_url_bytes
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
    assert_error_response(response, 414, kind, message_part="POST")


def test_a_get_query_of_the_documented_length_is_answered(client, web_settings):
    query = "ASK { ?s ?p ?o } #" + "%" * (web_settings.max_query_chars - 20)
    assert len(query) < web_settings.max_query_chars
    response = client.get("/sparql", query_string={"query": query},
                          headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.data[:300]
    assert response.get_json()["boolean"] is True
