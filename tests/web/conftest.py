"""Fixtures of the web tests that start a server process: ``osce-kg serve`` over a real build of
the web project (the app, its store and client are the root conftest's)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from projects import web_project
from serverproc import served


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of ``osce-kg serve`` (gunicorn, 2 workers) over a build of the web project."""
    build = web_project(tmp_path_factory.mktemp("served")).out
    with served(build, log_path=build.parent / "server.log",
                options=("--workers", "2", "--threads", "2")) as base:
        yield base


@pytest.fixture(scope="session")
def pages_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of ``osce-kg serve`` over a build of the reader pages' project."""
    build = web_project(tmp_path_factory.mktemp("pages-served"), "pages.ttl").out
    with served(build, log_path=build.parent / "server.log",
                options=("--workers", "1", "--threads", "2")) as base:
        yield base
