"""Fixtures of the third-party client tests: a real build of the project's data, ``osce-kg
serve`` over it (gunicorn, as deployed), Jena and Comunica ready to run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from comunica import Comunica
from jena import Jena
from serverproc import ServerURL, served

from osce_kg.build import build
from osce_kg.settings import Settings

PROJECT_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def client_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``osce-kg build`` of the project's own data (validated as the real build is)."""
    out = tmp_path_factory.mktemp("clients") / "dist"
    build(Settings(project_dir=PROJECT_DIR), out=out)
    return out


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
