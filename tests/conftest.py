"""Shared fixtures: the session's real builds (``tests/projects.py``), the stores opened on
them, settings, apps and clients — the one place for those. Area-specific fixtures (server
processes, Virtuoso, third-party clients) live next to their tests; helpers shared across test
directories are modules of their own (projects, availability, importgraph, serverproc, …).

Every fixture that opens something closes it: stores and the apps' query evaluators.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from apps import app_for
from availability import check_needs, unavailable
from projects import (
    ONTOLOGY,
    PROJECT_DIR,
    SCRIPT_TURTLE,
    SHAPE_FIXTURES,
    SHAPES,
    build_project,
    project_data,
    web_project,
)
from rdflib import Graph
from sparqllimits import MAX_ROWS, TIME_LIMIT_S

from osce_kg.build import build
from osce_kg.build.pipeline import BuildResult
from osce_kg.rdf.io import load_graph
from osce_kg.settings import Settings
from osce_kg.store.embedded.store import OxigraphStore
from osce_kg.validation.shacl import ValidationReport, validate_graph

ARTIFACTS = PROJECT_DIR / "test-artifacts"  # screenshots (git-ignored)
CHROMIUM = Path("/usr/bin/chromium")  # Debian's chromium (make system-deps); never a download
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]


def pytest_report_header(config):
    import pyoxigraph
    import pyshacl
    import rdflib

    return [f"rdflib {rdflib.__version__}, pyshacl {pyshacl.__version__}, "
            f"pyoxigraph {pyoxigraph.__version__}"]


# fixtures that start a process or a browser -> the marker that keeps them out of `make test-fast`
MARKED_FIXTURES = {"live_server": "slow", "pages_server": "slow", "sparql_server": "slow",
                   "server": "slow", "browser": "browser", "virtuoso": "virtuoso"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that starts a server, a browser or Virtuoso must carry its marker, else
    `make test-fast` would run it."""
    unmarked = sorted(f"{item.nodeid} (uses {name}, needs @pytest.mark.{marker})"
                      for item in items for name, marker in MARKED_FIXTURES.items()
                      if name in getattr(item, "fixturenames", ())
                      and item.get_closest_marker(marker) is None)
    if unmarked:
        raise pytest.UsageError("unmarked tests:\n" + "\n".join(unmarked))


def pytest_runtest_setup(item: pytest.Item) -> None:
    check_needs(item)  # tools a test needs: skipped when missing, failed in CI (availability.py)


@pytest.fixture(scope="session")
def project_dir() -> Path:
    return PROJECT_DIR


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings pointing at the real sources, writing into a temporary dist."""
    return Settings(project_dir=PROJECT_DIR, dist_dir=tmp_path / "dist")


# --- the project's shapes and ontology, and pySHACL's report on each shapes fixture
@pytest.fixture(scope="session")
def shapes_graph() -> Graph:
    return load_graph([SHAPES])


@pytest.fixture(scope="session")
def ontology_graph() -> Graph:
    return load_graph([ONTOLOGY])


@pytest.fixture(scope="session")
def shapes_fixture(shapes_graph: Graph, ontology_graph: Graph
                   ) -> Callable[[str], tuple[Graph, ValidationReport]]:
    """A file of tests/fixtures/shapes/ by name: its graph and pySHACL's report on it (as the
    build validates), each read and validated once a session. The shapes tests and the compiled
    validator's differential test read the same reports (pySHACL takes ~0.3 s a file)."""
    done: dict[str, tuple[Graph, ValidationReport]] = {}

    def graph_and_report(name: str) -> tuple[Graph, ValidationReport]:
        if name not in done:
            data = Graph().parse(SHAPE_FIXTURES / name, format="turtle")
            done[name] = data, validate_graph(data, shapes=shapes_graph, ontology=ontology_graph)
        return done[name]

    return graph_and_report


# --- the project's own build: ontology, shapes and data/, validated as `osce-kg build` does
@pytest.fixture(scope="session")
def project_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build(Settings(project_dir=PROJECT_DIR), out=tmp_path_factory.mktemp("project") / "dist")


@pytest.fixture(scope="session")
def project_store(project_build: BuildResult) -> Iterator[OxigraphStore]:
    store = OxigraphStore.open(project_build.out)
    yield store
    store.close()


# --- the web tests' small project (tests/web/data: one thing of each kind, its own ontology)
@pytest.fixture(scope="session")
def web_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return web_project(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="session")
def dist_dir(web_build: BuildResult) -> Path:
    return web_build.out


@pytest.fixture(scope="session")
def test_graph(web_build: BuildResult) -> Graph:
    """The graph the web build holds (its data and its ontology)."""
    return Graph().parse(web_build.out / "osce-kg.ttl", format="turtle")


@pytest.fixture(scope="session")
def web_settings(web_build: BuildResult) -> Settings:
    return Settings(project_dir=PROJECT_DIR, dist_dir=web_build.out, page_size=3,
                    base_url="http://osce.test")


@pytest.fixture(scope="session")
def store(web_build: BuildResult) -> Iterator[OxigraphStore]:
    st = OxigraphStore.open(web_build.out)
    yield st
    st.close()


@pytest.fixture(scope="session")
def app(web_settings: Settings, store: OxigraphStore):
    with app_for(web_settings, store) as flask_app:
        yield flask_app


@pytest.fixture
def client(app):
    return app.test_client()


# --- the reader pages' tests: the web project and pages.ttl (an active field operation, notes)
@pytest.fixture(scope="session")
def pages_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return web_project(tmp_path_factory.mktemp("pages"), "pages.ttl")


@pytest.fixture(scope="session")
def pages_graph(pages_build: BuildResult) -> Graph:
    return Graph().parse(pages_build.out / "osce-kg.ttl", format="turtle")


@pytest.fixture(scope="session")
def pages_app(web_settings: Settings, pages_build: BuildResult):
    pages_store = OxigraphStore.open(pages_build.out)
    with app_for(web_settings, pages_store) as flask_app:
        yield flask_app
    pages_store.close()


@pytest.fixture
def pages_client(pages_app):
    return pages_app.test_client()


# --- the SPARQL endpoint's tests: the project's data and a <script> literal, short limits
@pytest.fixture(scope="session")
def sparql_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The project's ontology, shapes and data with one literal that must never run as script
    (not validated: the real data's conformance is test_validation's business)."""
    return build_project(tmp_path_factory.mktemp("sparql"), project_data(),
                         extra={"script.ttl": SCRIPT_TURTLE}, validate=False)


@pytest.fixture(scope="session")
def sparql_store(sparql_build: BuildResult) -> Iterator[OxigraphStore]:
    st = OxigraphStore.open(sparql_build.out)
    yield st
    st.close()


@pytest.fixture(scope="session")
def oxigraph_store(sparql_store: OxigraphStore):
    """The pyoxigraph store under :func:`sparql_store` (for the evaluators and fingerprints)."""
    return sparql_store.oxigraph


@pytest.fixture(scope="session")
def sparql_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(project_dir=PROJECT_DIR, dist_dir=tmp_path_factory.mktemp("sparql-dist"),
                    query_timeout_s=TIME_LIMIT_S, max_result_rows=MAX_ROWS, threads=3,
                    base_url="http://osce.test")


@pytest.fixture(scope="session")
def sparql_app(sparql_settings: Settings, sparql_store: OxigraphStore):
    with app_for(sparql_settings, sparql_store) as flask_app:
        yield flask_app


@pytest.fixture
def sparql_client(sparql_app):
    return sparql_app.test_client()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# --- a real browser (Debian chromium through Playwright): one per session, as the sync API allows
@pytest.fixture(scope="session")
def browser():
    """A headless chromium; without /usr/bin/chromium a skip (a failure in CI)."""
    if not CHROMIUM.exists():
        unavailable("Debian chromium is not installed at /usr/bin/chromium (make system-deps)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def browser_page(browser):
    """A fresh page that records console errors in ``page.console_errors`` and serves
    map tiles locally (no network in tests)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: page.console_errors.append(msg.text)
            if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    page.route("https://*.tile.openstreetmap.org/**", _blank_tile)
    page.route("https://tile.openstreetmap.org/**", _blank_tile)
    yield page
    context.close()


_PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082")


def _blank_tile(route) -> None:
    route.fulfill(status=200, content_type="image/png", body=_PNG_1PX)
