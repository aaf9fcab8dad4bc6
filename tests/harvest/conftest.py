"""Fixtures of the harvester's tests: the local site, a writable copy of the project, runs."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.namespace import DCTERMS

from osce_kg.cli import cli

from .localsite import LocalSite, Logged, Release, serve

HERE = Path(__file__).resolve().parent
PROFILE = HERE / "profile.toml"
PROJECT_DIR = HERE.parents[1]
CONTACT = "https://example.org/osce-kg-tests"


@dataclass
class Run:
    """One ``osce-kg harvest`` invocation: exit code, output lines, the requests it made."""

    exit_code: int
    stdout: str
    stderr: str
    requests: list[Logged]

    def lines_starting(self, word: str) -> dict[str, str]:
        """``word URL: reason`` lines as {path: reason}."""
        out = {}
        for line in self.stdout.splitlines():
            if line.startswith(word + " "):
                url, _, reason = line[len(word) + 1:].partition(": ")
                out["/" + url.split("/", 3)[3]] = reason
        return out


def start_site(**options) -> tuple[LocalSite, object]:
    site = LocalSite(**options)
    return site, serve(site)


@pytest.fixture
def site():
    """A fresh local site without the 429 page (a second's Retry-After), for quick tests."""
    from .localsite import RELEASES

    site, server = start_site(releases=tuple(r for r in RELEASES if r.behaviour != "busy"))
    yield site
    server.shutdown()


def copy_project(target: Path) -> Path:
    """A writable copy of the project's sources (ontology, shapes, data)."""
    for name in ("ontology", "shapes", "data"):
        shutil.copytree(PROJECT_DIR / name, target / name)
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def harvest(site: LocalSite, project: Path, archive: Path, *args: str) -> Run:
    """``osce-kg --project-dir PROJECT harvest --site SITE --profile PROFILE --archive ARCHIVE
    --delay 0 ARGS`` in this process; the requests are those the site logged meanwhile."""
    start = len(site.requests_since())
    result = CliRunner(env={"OSCE_KG_HARVEST_CONTACT": CONTACT}).invoke(
        cli, ["--project-dir", str(project), "harvest", "--site", site.base, "--profile",
              str(PROFILE), "--archive", str(archive), "--delay", "0", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr, site.requests_since(start))


def titles(directory: Path) -> list[str]:
    """The dcterms:title of every release Turtle file in ``directory`` (sorted)."""
    graph = Graph()
    for path in sorted(directory.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return sorted(str(t) for t in graph.objects(None, DCTERMS.title))


def assert_holds_releases(directory: Path, releases: tuple[Release, ...]) -> None:
    assert titles(directory) == sorted(r.title for r in releases)


def paths(requests: list[Logged], status: int | None = None) -> list[str]:
    return [r.path for r in requests if status is None or r.status == status]
