"""rdflib's SPARQLStore with each ``returnFormat`` and each method: its parsed results compared
with the server's own (a CONSTRUCT asked with a result-set Accept gets Turtle, not 406)."""

from __future__ import annotations

import pytest
from answers import assert_same_graph, own_graph, own_rows, queries_in, rows_of
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from osce_kg.namespaces import PREFIXES, sparql_prologue

pytestmark = [pytest.mark.slow, pytest.mark.clients]

QUERIES = queries_in("ru")


@pytest.mark.parametrize("method", ["GET", "POST", "POST_FORM"])
@pytest.mark.parametrize("return_format", ["json", "xml", "csv", "tsv"])
@pytest.mark.parametrize("form", list(QUERIES))
def test_each_return_format_and_method(server, form, return_format, method):
    graph = Graph(SPARQLStore(server + "/sparql", returnFormat=return_format, method=method))
    result = graph.query(QUERIES[form], initNs=PREFIXES)
    query = sparql_prologue() + QUERIES[form]
    if form in ("construct", "describe"):
        assert_same_graph(own_graph(server, query), result.graph)
    else:
        assert rows_of(result, lossy=return_format == "csv") == \
            own_rows(server, query, lossy=return_format == "csv")
