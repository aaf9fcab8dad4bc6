"""Every internal query (osce_kg.queries) is valid SPARQL and has its binding slot."""

from __future__ import annotations

import pytest
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.plugins.sparql.processor import prepareQuery

from osce_kg import queries
from osce_kg.store.base import BINDINGS_SLOT

UPDATES = {"REGISTER_VERSION", "SWITCH_VERSION", "FORGET_VERSION"}
TEXTS = {name: value for name, value in vars(queries).items()
         if name.isupper() and isinstance(value, str) and not name.startswith("_")
         and any(word in value for word in ("SELECT", "ASK", "CONSTRUCT", "INSERT", "DELETE"))}


def test_the_module_holds_the_queries_of_every_layer():
    assert {"OUTGOING_QUERY", "COUNTRIES_QUERY", "CHAIRS_QUERY", "HIT_QUERY", "MANY_QUERY",
            "STATS_CLASS_COUNTS", "CURRENT_VERSION_QUERY", "SWITCH_VERSION"} <= set(TEXTS)


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_each_query_parses_and_has_a_slot(name: str):
    text = TEXTS[name]
    assert BINDINGS_SLOT in text, f"{name} has no {BINDINGS_SLOT} slot"
    if "%d" in text:  # LIMIT and OFFSET, formatted from ints by the caller
        text = text % (10, 0)
    if name in UPDATES:
        parseUpdate(queries._PROLOGUE + text)
    else:
        prepareQuery(text if "PREFIX" in text else queries._PROLOGUE + text)
