"""Shared fixtures. Area-specific fixtures live next to their tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from availability import check_needs, unavailable

from osce_kg.settings import Settings

PROJECT_DIR = Path(__file__).resolve().parents[1]
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
