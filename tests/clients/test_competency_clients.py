"""The 14 competency questions answered the same by the server, by Jena's ARQ asking it, and by
Comunica asking it."""

from __future__ import annotations

import pytest
from answers import own_rows, parse_rows

from osce_kg.namespaces import sparql_prologue
from osce_kg.query.guard import example_queries

pytestmark = [pytest.mark.slow, pytest.mark.clients]

JSON = "application/sparql-results+json"
EXAMPLES = example_queries()


def test_there_are_fourteen():
    assert len(EXAMPLES) == 14


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_jena_comunica_and_the_server_agree(jena, comunica, server, tmp_path, example):
    query = sparql_prologue() + example.text
    expected = own_rows(server, query)
    assert expected, f"{example.name} has no answer to compare"
    source = tmp_path / f"{example.name}.rq"
    source.write_text(query, encoding="utf-8")
    by_jena = parse_rows(jena.remote_query(server + "/sparql", source, "json").encode(), JSON)
    by_comunica = parse_rows(comunica.query([f"sparql@{server}/sparql"], query, JSON), JSON)
    assert by_jena == expected
    assert by_comunica == expected
