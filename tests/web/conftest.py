"""Fixtures of the web tests: settings, a small store, the app and its client, a browser.

The store is the real embedded backend (``OxigraphStore``) holding ``data/graph.ttl``, a graph
with one thing of each kind; ``dist`` is a small build directory written for the dumps tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from serverproc import served
from webdist import write_dist

from osce_kg.settings import Settings
from osce_kg.store.embedded.store import OxigraphStore
from osce_kg.web import create_app

DATA = Path(__file__).resolve().parent / "data"
GRAPH_FILE = DATA / "graph.ttl"
PAGES_FILE = DATA / "pages.ttl"  # more things for the reader pages' tests


@pytest.fixture(scope="session")
def test_graph() -> Graph:
    graph = Graph()
    graph.parse(GRAPH_FILE, format="turtle")
    return graph


@pytest.fixture(scope="session")
def dist_dir(tmp_path_factory: pytest.TempPathFactory, test_graph: Graph) -> Path:
    return write_dist(tmp_path_factory.mktemp("web") / "dist", test_graph)


@pytest.fixture(scope="session")
def web_settings(dist_dir: Path) -> Settings:
    project_dir = Path(__file__).resolve().parents[2]
    return Settings(project_dir=project_dir, dist_dir=dist_dir, page_size=3,
                    base_url="http://osce.test")


@pytest.fixture(scope="session")
def store(test_graph: Graph) -> Iterator[OxigraphStore]:
    st = OxigraphStore.from_graph(test_graph, build_id="test-build")
    yield st
    st.close()


@pytest.fixture(scope="session")
def app(web_settings: Settings, store: OxigraphStore):
    flask_app = create_app(web_settings, store=store)
    flask_app.config["TESTING"] = True
    return flask_app


@pytest.fixture
def client(app):
    return app.test_client()


# --- a real server process: `osce-kg serve --store DIR --host H --port P`
@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory, test_graph: Graph) -> Iterator[str]:
    """Base URL of ``osce-kg serve`` (gunicorn, 2 workers) over a build of the test graph."""
    build = write_dist(tmp_path_factory.mktemp("served") / "build", test_graph,
                       build_id="served-build")
    with served(build, log_path=build.parent / "server.log",
                options=("--workers", "2", "--threads", "2")) as base:
        yield base



# --- the reader pages' tests: the test graph and pages.ttl (an active field operation, notes)
@pytest.fixture(scope="session")
def pages_graph(test_graph: Graph) -> Graph:
    graph = Graph()
    graph += test_graph
    return graph.parse(PAGES_FILE, format="turtle")


@pytest.fixture(scope="session")
def pages_app(web_settings: Settings, pages_graph: Graph):
    pages_store = OxigraphStore.from_graph(pages_graph, build_id="pages-build")
    flask_app = create_app(web_settings, store=pages_store)
    flask_app.config["TESTING"] = True
    yield flask_app
    pages_store.close()


@pytest.fixture
def pages_client(pages_app):
    return pages_app.test_client()


@pytest.fixture(scope="session")
def pages_server(tmp_path_factory: pytest.TempPathFactory, pages_graph: Graph) -> Iterator[str]:
    """Base URL of ``osce-kg serve`` over a build of the reader pages' graph."""
    build = write_dist(tmp_path_factory.mktemp("pages") / "build", pages_graph,
                       build_id="pages-build")
    with served(build, log_path=build.parent / "server.log",
                options=("--workers", "1", "--threads", "2")) as base:
        yield base
