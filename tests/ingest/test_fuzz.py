"""The extractor never crashes: mutated pages and random input give a release or an IngestError."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from osce_kg.errors import IngestError
from osce_kg.ingest.names import Gazetteer
from osce_kg.rdf.io import load_graph, serialize_turtle

from .conftest import FIXTURES, PAGES, ingest_bytes

SOURCES = [(PAGES / name).read_text(encoding="utf-8") for name in (
    "release-almaty-workshop.txt", "release-bern-statement.txt", "listing-newsroom-2016.txt",
    "release-warsaw-elections.html", "listing-newsroom-weekly.html")]
GAZETTEER = Gazetteer(load_graph([FIXTURES / "context.ttl"]))
FRAGMENTS = ["- Date:", "Publishing date: 1 May 2010", "\"", "“", "VIENNA, 5 March -", "<p>",
             "</html>", "- ", "-", "said", "OSCE Chairmanship", "(closed)", "two-day conference",
             "organized by the", "—", "\x00", "Press release", "Where we are: ,,"]


@st.composite
def mutated_pages(draw) -> bytes:
    lines = draw(st.sampled_from(SOURCES)).splitlines()
    for _ in range(draw(st.integers(0, 6))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "dup", "insert", "cut", "swap"]))
        if action == "drop":
            del lines[at]
        elif action == "dup":
            lines.insert(at, lines[at])
        elif action == "insert":
            lines.insert(at, draw(st.sampled_from(FRAGMENTS) | st.text(max_size=40)))
        elif action == "cut":
            lines[at] = lines[at][:draw(st.integers(0, max(0, len(lines[at]))))]
        else:
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
    if draw(st.booleans()):
        lines = lines[:draw(st.integers(0, len(lines)))]
    return "\n".join(lines).encode("utf-8", errors="replace")


def _survives(data: bytes) -> None:
    try:
        releases = ingest_bytes(data, GAZETTEER, source="fuzz")
    except IngestError as exc:
        assert exc.reason
        return
    for release in releases:
        assert serialize_turtle(release.graph)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_pages())
def test_mutated_pages_never_crash(data):
    _survives(data)


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.binary(max_size=400), st.text(max_size=400).map(str.encode),
                 st.text(alphabet="- :\n\"“”<>/pOSCEDate0123456789", max_size=300).map(str.encode)))
def test_random_input_never_crashes(data):
    _survives(data)


@pytest.mark.parametrize("data", [b"OSCE", b"<html>OSCE</html>", b"OSCE\n- Date:\n-",
                                  b"Publishing date: 1 May 2010\nOSCE"])
def test_degenerate_pages(data):
    _survives(data)
