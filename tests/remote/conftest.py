"""A throw-away Virtuoso holding the project's build, loaded with ``osce-kg load``.

One Virtuoso per test session (free ports on 127.0.0.1, database in a temporary directory):
the project's build (``project_build``, the real ``build()``) is pushed with
``osce-kg load --gsp``. Tests marked ``virtuoso`` are skipped, with the reason, when
``virtuoso-t`` is not installed (``make system-deps`` installs it), and fail so in CI.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from availability import needs, unavailable
from remotecli import load_args, load_env, run_cli
from virtuoso import VirtuosoServer, virtuoso_available  # tests/virtuoso.py

from osce_kg.build.pipeline import BuildResult
from osce_kg.settings import Settings
from osce_kg.store.embedded.store import OxigraphStore
from osce_kg.store.remote.store import RemoteStore

PROJECT_DIR = Path(__file__).resolve().parents[2]
NO_VIRTUOSO = "virtuoso-t is not installed (Debian virtuoso-opensource; make system-deps)"


def pytest_collection_modifyitems(items):
    available = virtuoso_available()
    for item in items:
        if item.get_closest_marker("virtuoso"):
            item.add_marker(needs(available, NO_VIRTUOSO))


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    if not virtuoso_available():
        unavailable(NO_VIRTUOSO)
    server = VirtuosoServer(tmp_path_factory.mktemp("virtuoso"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def build_dir(project_build: BuildResult) -> Path:
    """The project's build (the root conftest's ``project_build``)."""
    return project_build.out


@pytest.fixture(scope="session")
def loaded(virtuoso: VirtuosoServer, build_dir: Path) -> Path:
    """The build, loaded into Virtuoso as the current version."""
    result = run_cli(*load_args(virtuoso, build_dir), env=load_env(virtuoso))
    assert result.exit_code == 0, result.output
    assert "is now current" in result.output
    return build_dir


@pytest.fixture(scope="session")
def remote_settings(virtuoso: VirtuosoServer, loaded: Path) -> Settings:
    return Settings(project_dir=PROJECT_DIR, dist_dir=loaded, store=virtuoso.store_url,
                    remote_refresh_s=0.0, remote_retries=1, remote_timeout_s=10.0)


@pytest.fixture(scope="session")
def remote_store(remote_settings: Settings) -> Iterator[RemoteStore]:
    store = RemoteStore(remote_settings)
    yield store
    store.close()


@pytest.fixture(scope="session")
def embedded_store(project_store: OxigraphStore) -> OxigraphStore:
    """The same build in the embedded store, to compare answers with."""
    return project_store
