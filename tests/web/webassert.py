"""Assertions shared by the web tests: one error shape, parsed bodies, isomorphic graphs."""

from __future__ import annotations

import json
from http import HTTPStatus

from bs4 import BeautifulSoup
from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic

ERROR_KINDS = {"json": "application/json", "text": "text/plain", "html": "text/html"}


def assert_error_response(response, status: int, kind: str, *, message_part: str = "") -> dict:
    """``response`` is the project's error shape for ``status`` in ``kind`` (json/text/html).

    Returns the parsed JSON body (or ``{}``) for further checks.
    """
    phrase = HTTPStatus(status).phrase
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == ERROR_KINDS[kind]
    assert "Accept" in response.headers.get("Vary", "")
    text = response.get_data(as_text=True)
    assert "Traceback" not in text
    if kind == "json":
        body = json.loads(text)
        assert set(body) == {"status", "error", "message", "details"}
        assert body["status"] == status and body["error"] == phrase
        assert isinstance(body["details"], dict)
        assert message_part in body["message"]
        return body
    if kind == "text":
        assert text.startswith(f"{status} {phrase}: ")
        assert message_part in text
        return {}
    soup = BeautifulSoup(text, "html.parser")
    assert soup.h1 is not None and soup.h1.get_text(strip=True) == phrase
    assert message_part in soup.select_one(".message").get_text()
    return {}


def html(response) -> BeautifulSoup:
    assert response.mimetype == "text/html"
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def assert_isomorphic(expected: Graph, actual: Graph) -> None:
    """Same triples up to blank-node names; on failure, show what differs."""
    if to_isomorphic(expected) == to_isomorphic(actual):
        return
    _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    raise AssertionError(
        "graphs differ\nonly expected:\n" + only_expected.serialize(format="nt")
        + "\nonly actual:\n" + only_actual.serialize(format="nt"))
