"""Fixtures of the web tests: settings, a small store, the app and its client, a browser.

The store is the real embedded backend (``OxigraphStore``) holding ``data/graph.ttl``, a graph
with one thing of each kind; ``dist`` is a small build directory written for the dumps tests.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph

from osce_kg.settings import Settings
from osce_kg.store import OxigraphStore
from osce_kg.web import create_app

DATA = Path(__file__).resolve().parent / "data"
GRAPH_FILE = DATA / "graph.ttl"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def test_graph() -> Graph:
    graph = Graph()
    graph.parse(GRAPH_FILE, format="turtle")
    return graph


def write_dist(dist: Path, graph: Graph, *, build_id: str = "test-build") -> Path:
    """A build directory like ``osce-kg build`` writes (dumps, void, ontology, build.json)."""
    dist.mkdir(parents=True, exist_ok=True)
    (dist / "osce-kg.ttl").write_bytes(graph.serialize(format="turtle", encoding="utf-8"))
    ntriples = graph.serialize(format="nt", encoding="utf-8")
    (dist / "osce-kg.nt.gz").write_bytes(gzip.compress(ntriples, mtime=0))
    (dist / "void.ttl").write_text(
        "@prefix void: <http://rdfs.org/ns/void#> .\n"
        f"<https://w3id.org/osce/dataset> a void:Dataset ; void:triples {len(graph)} .\n",
        encoding="utf-8")
    shutil.copy(DATA / "ontology.ttl", dist / "ontology.ttl")
    shutil.copy(DATA / "shapes.ttl", dist / "shapes.ttl")
    files = {p.name: {"bytes": p.stat().st_size,
                      "sha256": hashlib.sha256(p.read_bytes()).hexdigest()}
             for p in sorted(dist.iterdir()) if p.is_file()}
    (dist / "build.json").write_text(json.dumps({
        "build_id": build_id, "triples": len(graph), "built_at": "2026-11-28T12:00:00+00:00",
        "files": files}), encoding="utf-8")
    return dist


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


# --- a real browser (Debian chromium through Playwright); shared with the SPARQL editor tests
@pytest.fixture(scope="session")
def browser():
    """A headless chromium, or a skip when /usr/bin/chromium is not installed."""
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium (make system-deps)")
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


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]



# --- a real server process: `osce-kg serve --store DIR --host H --port P`
@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory, test_graph: Graph) -> Iterator[str]:
    """Base URL of ``osce-kg serve`` (gunicorn, 2 workers) over a build of the test graph."""
    import subprocess
    import sys
    import time

    import requests

    build = write_dist(tmp_path_factory.mktemp("served") / "build", test_graph,
                       build_id="served-build")
    port = free_port()
    command = [str(Path(sys.executable).with_name("osce-kg")), "serve", "--store", str(build),
               "--host", "127.0.0.1", "--port", str(port), "--workers", "2", "--threads", "2"]
    log = (build.parent / "server.log").open("w+")
    proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            if proc.poll() is not None:
                log.seek(0)
                pytest.fail(f"osce-kg serve exited with {proc.returncode}:\n{log.read()}")
            try:
                if requests.get(base + "/", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("osce-kg serve did not answer within 60 s")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def pytest_collection_modifyitems(items):
    # rdflib's own JSON-LD parser warns about its internals; not ours to fix
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.filterwarnings(
                "ignore:ConjunctiveGraph is deprecated:DeprecationWarning"))
