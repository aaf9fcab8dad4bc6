"""SPARQLWrapper in every return format, GET and POST, with its format parameters
(``format=…&output=…&results=…`` beside Accept, its default) and with content negotiation only;
each converted answer compared with the server's own."""

from __future__ import annotations

import io
import json
from xml.dom.minidom import Document

import pytest
from answers import (
    assert_same_graph,
    media_type_of,
    own_graph,
    own_rows,
    parse_graph,
    parse_rows,
    queries_in,
    rows_of,
)
from rdflib import Graph
from rdflib.query import Result
from SPARQLWrapper import (
    CSV,
    GET,
    JSON,
    JSONLD,
    N3,
    POST,
    RDF,
    RDFXML,
    TSV,
    TURTLE,
    XML,
    SPARQLWrapper,
)

from osce_kg.namespaces import sparql_prologue

pytestmark = [pytest.mark.slow, pytest.mark.clients,
              # SPARQLWrapper warns when a return format does not suit the query form; it then
              # asks for */* and the server's default comes back, which is what is checked
              pytest.mark.filterwarnings("ignore::RuntimeWarning")]

QUERIES = queries_in("en")
FORMATS = [JSON, XML, CSV, TSV, N3, TURTLE, RDF, RDFXML, JSONLD]


def comparable_answer(converted, content_type: str):
    """What SPARQLWrapper's ``convert()`` gave, as rows (or ASK's boolean) or a graph."""
    media_type = media_type_of(content_type)
    if isinstance(converted, Graph):
        return converted
    if isinstance(converted, dict):
        return rows_of(Result.parse(io.StringIO(json.dumps(converted)), format="json"))
    if isinstance(converted, Document):
        return parse_rows(converted.toxml("utf-8"), media_type)
    if media_type in ("text/csv", "text/tab-separated-values", "application/sparql-results+json",
                      "application/sparql-results+xml"):
        return parse_rows(converted, media_type)
    return parse_graph(converted, media_type)


@pytest.mark.parametrize("only_conneg", [False, True], ids=["params", "conneg"])
@pytest.mark.parametrize("method", [GET, POST])
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("form", list(QUERIES))
def test_every_return_format_both_methods_both_modes(server, form, fmt, method, only_conneg):
    query = sparql_prologue() + QUERIES[form]
    client = SPARQLWrapper(server + "/sparql", returnFormat=fmt)
    client.setMethod(method)
    client.setOnlyConneg(only_conneg)
    client.setQuery(query)
    result = client.query()
    content_type = result.info()["content-type"]
    answer = comparable_answer(result.convert(), content_type)
    if form in ("construct", "describe"):
        assert isinstance(answer, Graph), content_type
        assert_same_graph(own_graph(server, query), answer)
    else:
        lossy = media_type_of(content_type) == "text/csv"
        assert answer == own_rows(server, query, lossy=lossy), content_type
