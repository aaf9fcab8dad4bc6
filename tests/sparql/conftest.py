"""Fixtures of the SPARQL endpoint tests: the curated graph in an embedded store, the app with
short limits, and the server as a real process (``osce-kg serve``) over a build of it."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
import pytest
from serverproc import served
from sparqllimits import MAX_ROWS, TIME_LIMIT_S

from osce_kg.build.pipeline import file_info
from osce_kg.build.stats import count_ntriples
from osce_kg.build.void import describe_dataset
from osce_kg.settings import Settings
from osce_kg.store.embedded.store import OxigraphStore
from osce_kg.web import create_app

PROJECT_DIR = Path(__file__).resolve().parents[2]
# a literal that must never run as script anywhere it is shown
SCRIPT_TRIPLE = ox.Quad(ox.NamedNode("https://w3id.org/osce/id/place/vilnius"),
                        ox.NamedNode("http://www.w3.org/2004/02/skos/core#editorialNote"),
                        ox.Literal("<script>alert(1)</script>", language="en"))


def load_graph_store() -> ox.Store:
    store = ox.Store()
    for path in sorted((PROJECT_DIR / "data").rglob("*.ttl")):
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    store.add(SCRIPT_TRIPLE)
    return store


@pytest.fixture(scope="session")
def oxigraph_store() -> ox.Store:
    return load_graph_store()


@pytest.fixture(scope="session")
def sparql_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(project_dir=PROJECT_DIR, dist_dir=tmp_path_factory.mktemp("sparql-dist"),
                    query_timeout_s=TIME_LIMIT_S, max_result_rows=MAX_ROWS, threads=3,
                    base_url="http://osce.test")


@pytest.fixture(scope="session")
def sparql_app(sparql_settings: Settings, oxigraph_store: ox.Store):
    app = create_app(sparql_settings, store=OxigraphStore(oxigraph_store, build_id="sparql-test"))
    app.config["TESTING"] = True
    yield app
    app.extensions["osce_kg_sparql"].evaluator.close()


@pytest.fixture
def sparql_client(sparql_app):
    return sparql_app.test_client()


def write_build(build: Path, store: ox.Store, *, build_id: str) -> Path:
    """What ``osce-kg build`` writes, as far as serving needs: the dump, its VoID/DCAT
    description (``osce_kg.build.void``), build.json."""
    build.mkdir(parents=True, exist_ok=True)
    ntriples = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    (build / "osce-kg.nt.gz").write_bytes(gzip.compress(ntriples, mtime=0))
    void = describe_dataset(count_ntriples(ntriples),
                            {"osce-kg.nt.gz": file_info(build / "osce-kg.nt.gz")},
                            built_at=datetime(2026, 11, 28, 12, tzinfo=UTC), ours=True)
    (build / "void.ttl").write_bytes(void.serialize(format="turtle", encoding="utf-8"))
    (build / "build.json").write_text(json.dumps(
        {"build_id": build_id, "triples": len(store), "built_at": "2026-11-28T12:00:00+00:00"}),
        encoding="utf-8")
    return build


@pytest.fixture(scope="session")
def served_build(tmp_path_factory: pytest.TempPathFactory, oxigraph_store: ox.Store) -> Path:
    return write_build(tmp_path_factory.mktemp("sparql-served") / "build", oxigraph_store,
                       build_id="sparql-served")


@pytest.fixture(scope="session")
def sparql_server(served_build: Path) -> Iterator[str]:
    """Base URL of ``osce-kg serve`` (gunicorn, 2 workers × 3 threads, 2 s time limit)."""
    env = {"OSCE_KG_QUERY_TIMEOUT_S": str(TIME_LIMIT_S),
           "OSCE_KG_MAX_RESULT_ROWS": str(MAX_ROWS)}
    with served(served_build, log_path=served_build.parent / "server.log", ready_path="/sparql",
                options=("--workers", "2", "--threads", "3"), env=env) as base:
        yield base

