"""Fixtures of the third-party client tests: a real build of the project's data, ``osce-kg
serve`` over it (gunicorn, as deployed), Jena and Comunica ready to run."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from comunica import Comunica
from jena import Jena
from serverproc import ServerURL, served

from osce_kg.build.pipeline import BuildResult


@pytest.fixture(scope="session")
def client_build(tmp_path_factory: pytest.TempPathFactory, project_build: BuildResult) -> Path:
    """A copy of the project's build (the root conftest's, validated as the real build is), so
    that the server's result cache stays out of the other tests' build."""
    return Path(shutil.copytree(project_build.out, tmp_path_factory.mktemp("clients") / "dist"))


@pytest.fixture(scope="session")
def server(client_build: Path) -> Iterator[ServerURL]:
    with served(client_build, log_path=client_build.parent / "server.log",
                options=("--workers", "2", "--threads", "4")) as base:
        yield base


@pytest.fixture(scope="session")
def jena(tmp_path_factory: pytest.TempPathFactory) -> Jena:
    return Jena.installed(tmp_path_factory.mktemp("jena"))


@pytest.fixture(scope="session")
def comunica() -> Comunica:
    return Comunica.installed()
