"""Shared fixtures. Area-specific fixtures live next to their tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from osce_kg.settings import Settings

PROJECT_DIR = Path(__file__).resolve().parents[1]
SHARED_DIR = PROJECT_DIR.parent / "shared"


def pytest_report_header(config):
    import pyoxigraph
    import pyshacl
    import rdflib

    return [f"rdflib {rdflib.__version__}, pyshacl {pyshacl.__version__}, "
            f"pyoxigraph {pyoxigraph.__version__}"]


@pytest.fixture(scope="session")
def project_dir() -> Path:
    return PROJECT_DIR


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return SHARED_DIR


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings pointing at the real sources, writing into a temporary dist."""
    return Settings(project_dir=PROJECT_DIR, dist_dir=tmp_path / "dist")
