"""Fixtures of the SPARQL endpoint tests that start a server process: ``osce-kg serve`` over the
SPARQL build (the store, the app and its client are the root conftest's)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from serverproc import served
from sparqllimits import MAX_ROWS, TIME_LIMIT_S

from osce_kg.build.pipeline import BuildResult


@pytest.fixture(scope="session")
def served_build(tmp_path_factory: pytest.TempPathFactory, sparql_build: BuildResult) -> Path:
    """A copy of the SPARQL build for the server (its result cache stays out of the tests')."""
    return Path(shutil.copytree(sparql_build.out, tmp_path_factory.mktemp("sparql-served") / "build"))


@pytest.fixture(scope="session")
def sparql_server(served_build: Path) -> Iterator[str]:
    """Base URL of ``osce-kg serve`` (gunicorn, 2 workers × 3 threads, 2 s time limit)."""
    env = {"OSCE_KG_QUERY_TIMEOUT_S": str(TIME_LIMIT_S),
           "OSCE_KG_MAX_RESULT_ROWS": str(MAX_ROWS)}
    with served(served_build, log_path=served_build.parent / "server.log", ready_path="/sparql",
                options=("--workers", "2", "--threads", "3"), env=env) as base:
        yield base
