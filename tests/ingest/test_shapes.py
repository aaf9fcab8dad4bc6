"""The ingester never builds data that fails the shapes: every fixture page and a fuzz corpus
(the mutations of test_fuzz, drawn with a fixed seed) give releases that conform."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rdflib import Graph

from osce_kg.errors import IngestError
from osce_kg.ingest.names import Gazetteer
from osce_kg.rdf.io import load_graph
from osce_kg.validation import validate_graph

from .conftest import FIXTURES, PAGES, ingest_with_problems
from .test_fuzz import FRAGMENTS

ROOT = Path(__file__).resolve().parents[2]
FUZZ_PAGES = 40
FUZZ_SEED = 12


def mutate(text: str, rng: random.Random) -> str:
    """test_fuzz's mutations (drop, duplicate, insert, cut, swap lines; cut the end)."""
    lines = text.splitlines()
    for _ in range(rng.randint(1, 6)):
        if not lines:
            break
        at = rng.randrange(len(lines))
        action = rng.choice(["drop", "dup", "insert", "cut", "swap"])
        if action == "drop":
            del lines[at]
        elif action == "dup":
            lines.insert(at, lines[at])
        elif action == "insert":
            lines.insert(at, rng.choice(FRAGMENTS))
        elif action == "cut":
            lines[at] = lines[at][:rng.randint(0, len(lines[at]))]
        else:
            other = rng.randrange(len(lines))
            lines[at], lines[other] = lines[other], lines[at]
    if rng.random() < 0.3:
        lines = lines[:rng.randint(0, len(lines))]
    return "\n".join(lines)


def fuzz_corpus() -> list[tuple[str, bytes]]:
    rng = random.Random(FUZZ_SEED)
    sources = sorted(PAGES.iterdir())
    return [(f"fuzz-{n}-{path.name}", mutate(path.read_text(encoding="utf-8"), rng).encode())
            for n, path in ((n, rng.choice(sources)) for n in range(FUZZ_PAGES))]


# a pySHACL run a page (~0.7 s): `make test` runs every page and the fuzz corpus (40 pages),
# test-fast a sample of the fixture pages (a release in text and in HTML, a listing)
FAST_PAGES = {"release-almaty-workshop.txt", "release-warsaw-elections.html", "listing-variants.txt"}
CORPUS = [pytest.param(p.name, p.read_bytes(), id=p.name,
                       marks=() if p.name in FAST_PAGES else pytest.mark.slow)
          for p in sorted(PAGES.iterdir())] + [
    pytest.param(name, data, id=name, marks=pytest.mark.slow) for name, data in fuzz_corpus()]


@pytest.fixture(scope="module")
def schema() -> tuple[Graph, Graph, Graph]:
    """(the test context with the ontology, the ontology, the shapes)."""
    ontology = load_graph([ROOT / "ontology" / "osce.ttl"])
    context = load_graph([FIXTURES / "context.ttl"])
    return context, ontology, load_graph([ROOT / "shapes" / "osce.shapes.ttl"])


def violations_of(releases, schema) -> list[str]:
    """The shapes' complaints about the releases' own subjects (the context is not theirs)."""
    context, ontology, shapes = schema
    data = Graph()
    data += context
    data += ontology
    subjects = set()
    for release in releases:
        for _, graph in release.files():  # the release's own file and its new cities' files
            data += graph
            subjects |= set(graph.subjects())
    report = validate_graph(data, shapes=shapes, ontology=ontology)
    return [f"{v.focus_node} {v.path}: {v.message}" for v in report.violations
            if v.focus_node in subjects]


@pytest.mark.parametrize(("name", "data"), CORPUS)
def test_every_page_gives_conforming_releases_or_a_reason(schema, name, data):
    try:
        releases, problems = ingest_with_problems(data, Gazetteer(schema[0]), name)
    except IngestError as exc:
        assert exc.reason
        return
    assert all(p.reason for p in problems)
    assert violations_of(releases, schema) == []
