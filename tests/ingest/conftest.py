"""Fixtures of the ingest tests: a hand-made context graph and the invented pages."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from rdflib import Graph

from osce_kg.errors import IngestError
from osce_kg.ingest.building import build_releases
from osce_kg.ingest.names import Gazetteer
from osce_kg.ingest.reading import read_page
from osce_kg.rdf.io import load_graph

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PAGES = FIXTURES / "pages"


@pytest.fixture(scope="session")
def context_graph() -> Graph:
    return load_graph([FIXTURES / "context.ttl"])


@pytest.fixture
def gazetteer(context_graph: Graph) -> Gazetteer:
    return Gazetteer(context_graph)


def ingest_bytes(data: bytes, gazetteer: Gazetteer, source: str = "page") -> list:
    """The releases a page gives (items left out are dropped; see :func:`ingest_with_problems`)."""
    return ingest_with_problems(data, gazetteer, source)[0]


def ingest_with_problems(data: bytes, gazetteer: Gazetteer, source: str = "page"):
    """(releases, items left out) of a page, as the runner builds them."""
    page = read_page(data, source)
    sha = hashlib.sha256(data).hexdigest()
    releases, problems = build_releases(page, gazetteer, source=source, source_sha256=sha)
    if not releases:  # as the runner: a page with no release left is an error
        raise IngestError("; ".join(p.reason for p in problems), source=source)
    return releases, problems


def ingest_file(path: Path, gazetteer: Gazetteer) -> list:
    return ingest_bytes(path.read_bytes(), gazetteer, str(path))
