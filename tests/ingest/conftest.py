"""Fixtures of the ingest tests: a hand-made context graph and the invented pages."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from rdflib import Graph

from osce_kg.ingest.building import build_release
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
    page = read_page(data, source)
    sha = hashlib.sha256(data).hexdigest()
    return [build_release(entry, gazetteer, source=source, source_sha256=sha, url=page.url)
            for entry in page.entries]


def ingest_file(path: Path, gazetteer: Gazetteer) -> list:
    return ingest_bytes(path.read_bytes(), gazetteer, str(path))
