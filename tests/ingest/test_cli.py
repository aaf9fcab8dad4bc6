"""``osce-kg ingest``: files, directories, globs; byte-stable output; bad pages; drift."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from projects import project_data, write_project
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS

from osce_kg.build import build
from osce_kg.cli import cli
from osce_kg.namespaces import SCHEMA
from osce_kg.settings import Settings

from .conftest import FIXTURES, PAGES


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project directory whose curated data is the hand-made context (no shapes)."""
    (tmp_path / "data" / "releases").mkdir(parents=True)
    (tmp_path / "data" / "pages").mkdir()
    shutil.copy(FIXTURES / "context.ttl", tmp_path / "data" / "context.ttl")
    return tmp_path


def run(project: Path, *args: str):
    return CliRunner().invoke(cli, ["--project-dir", str(project), "ingest", *args])


def pages_dir(tmp_path: Path, *names: str) -> Path:
    """``tmp_path/in`` holding the fixture pages ``names``: a directory to ingest."""
    pages = tmp_path / "in"
    pages.mkdir()
    for name in names:
        shutil.copy(PAGES / name, pages / name)
    return pages


def test_ingest_directory_writes_one_file_per_release_and_is_byte_stable(project, tmp_path):
    pages = pages_dir(tmp_path, "release-almaty-workshop.txt", "listing-newsroom-2016.txt")
    first = run(project, str(pages))
    assert first.exit_code == 0, first.output
    written = sorted((project / "data" / "releases").glob("*.ttl"))
    assert len(written) == 5
    assert sorted(p.name for p in (project / "data" / "pages").iterdir()) == [
        "listing-newsroom-2016.txt", "release-almaty-workshop.txt"]
    before = {p.name: p.read_bytes() for p in written}
    second = run(project, str(pages))
    assert second.exit_code == 0
    statuses = [line.split()[0] for line in second.output.splitlines()
                if not line.startswith(" ")][:2]
    assert statuses == ["skipped", "skipped"]
    assert {p.name: p.read_bytes() for p in sorted(
        (project / "data" / "releases").glob("*.ttl"))} == before


def test_persons_and_places_are_reused_across_releases(project, tmp_path):
    pages = tmp_path / "in"
    pages.mkdir()
    shutil.copy(PAGES / "release-warsaw-elections.txt", pages / "a.txt")
    text = (PAGES / "release-warsaw-elections.txt").read_text(encoding="utf-8")
    other = text.replace("ODIHR trains long-term", "ODIHR again trains long-term").replace(
        "Ewa Nowacka-Dąbrowska,", "EWA NOWACKA-DABROWSKA,").replace("WARSAW\n", "Warsaw\n")
    (pages / "b.txt").write_text(other, encoding="utf-8")
    assert run(project, str(pages / "*.txt")).exit_code == 0
    merged = Graph()
    for path in (project / "data" / "releases").glob("*.ttl"):
        merged.parse(path)
    persons = {s for s in merged.subjects() if "/id/person/" in str(s)}
    assert [str(p).rsplit("/", 1)[1] for p in persons] == ["ewa-nowacka-dabrowska"]
    from osce_kg.namespaces import SCHEMA
    assert {str(n) for n in merged.objects(None, SCHEMA.name)} >= {"Ewa Nowacka-Dąbrowska"}
    assert "EWA NOWACKA-DABROWSKA" not in {str(n) for n in merged.objects(None, SCHEMA.name)}


def test_dry_run_prints_turtle_and_writes_nothing(project):
    result = CliRunner().invoke(cli, ["--project-dir", str(project), "ingest", "--dry-run",
                                      str(PAGES / "release-bern-statement.txt")])
    assert result.exit_code == 0
    graph = Graph().parse(data=result.stdout, format="turtle")
    from rdflib.namespace import RDFS
    labels = {str(o) for o in graph.objects(None, RDFS.label)}
    assert {"Switzerland", "Conflict prevention and resolution", "Didier Burkhalter"} <= labels
    assert list((project / "data" / "releases").iterdir()) == []


def test_bad_pages_fail_alone(project, tmp_path):
    pages = tmp_path / "in"
    pages.mkdir()
    (pages / "empty.txt").write_bytes(b"")
    (pages / "binary.bin").write_bytes(bytes(range(256)) * 8)
    (pages / "other.txt").write_text("Press release\nA park\n- Date:\n- 1 May 2010\nIt opened.\n")
    shutil.copy(PAGES / "release-bern-statement.txt", pages / "good.txt")
    result = run(project, str(pages), str(tmp_path / "missing-*.txt"))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(line.startswith("error") and "empty.txt" in line and "empty page" in line
               for line in lines)
    assert any(line.startswith("error") and "binary.bin" in line and "binary" in line
               for line in lines)
    assert any(line.startswith("error") and "other.txt" in line and "not an OSCE page" in line
               for line in lines)
    assert any(line.startswith("ok") and "good.txt" in line for line in lines)
    releases = project / "data" / "releases"
    assert sorted(p.relative_to(releases).as_posix() for p in releases.rglob("*.ttl")) == [
        "2014-04-02-chairperson-in-office-welcomes-agreement-on-ceasefire.ttl",
        "places/bern.ttl"]  # the context has no Bern: GeoNames places it


def test_written_file_is_the_built_graph(project):
    assert run(project, str(PAGES / "release-vienna-media.txt")).exit_code == 0
    (path,) = (project / "data" / "releases").glob("*.ttl")
    from osce_kg.ingest.names import Gazetteer
    from osce_kg.rdf.io import load_graph

    from .conftest import ingest_file
    (built,) = ingest_file(PAGES / "release-vienna-media.txt",
                           Gazetteer(load_graph([FIXTURES / "context.ttl"])))
    written = Graph().parse(path)
    from rdflib.namespace import DCTERMS
    for g in (written, built.graph):
        g.remove((None, DCTERMS.identifier, None))
    assert isomorphic(written, built.graph)


def nav_page(tmp_path: Path, nav: str) -> Path:
    path = tmp_path / "nav.txt"
    body = (PAGES / "release-bern-statement.txt").read_text(encoding="utf-8")
    path.write_text(nav + body, encoding="utf-8")
    return path


def test_check_nav_agrees_with_the_graph(project, tmp_path):
    nav = (FIXTURES / "nav.txt").read_text(encoding="utf-8")
    result = run(project, "--check-nav", str(nav_page(tmp_path, nav)))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok ")


def test_check_nav_reports_an_added_state_and_a_removed_field_operation(project, tmp_path):
    nav = (FIXTURES / "nav.txt").read_text(encoding="utf-8")
    drifted = nav.replace("- Lithuania\n", "- Lithuania\n- Norway\n").replace(
        "- Mission to Moldova\n", "")
    result = run(project, "--check-nav", str(nav_page(tmp_path, drifted)))
    assert result.exit_code == 1
    lines = [line.strip() for line in result.output.splitlines()]
    assert "missing in the graph: Participating States: Norway" in lines
    assert "not in the menu any more: Field operations: OSCE Mission to Moldova" in lines
    assert len([line for line in lines if line.startswith(("missing", "not in"))]) == 2


def test_check_nav_chairpersonship_suffix_mismatch(project, tmp_path):
    nav = (FIXTURES / "nav.txt").read_text(encoding="utf-8").replace(
        "- Finland – OSCE Chairpersonship 2025\n", "- Finland\n").replace(
        "- Spain\n", "- Spain – OSCE Chairpersonship 2025\n")
    result = run(project, "--check-nav", str(nav_page(tmp_path, nav)))
    assert result.exit_code == 1
    assert "Chairpersonship 2025: menu says 'Spain – OSCE Chairpersonship 2025', the graph " \
           "says Finland" in result.output


def test_a_page_and_its_html_twin_give_one_release(project, tmp_path):
    pages = pages_dir(tmp_path, "release-almaty-workshop.txt", "release-almaty-workshop.html")
    result = run(project, str(pages))
    assert result.exit_code == 0, result.output
    statuses = [line.split()[0] for line in result.output.splitlines()
                if line.startswith(("ok ", "skipped ", "error "))]
    assert sorted(statuses) == ["ok", "skipped"]
    skipped = next(line for line in result.output.splitlines() if line.startswith("skipped "))
    assert "same release as" in skipped
    assert "release-almaty-workshop.txt" in skipped and "release-almaty-workshop.html" in skipped
    written = list((project / "data" / "releases").glob("*.ttl"))
    assert len(written) == 1
    graph = Graph().parse(written[0])
    pages_described = set(graph.subjects(None, SCHEMA.WebPage))
    assert len(pages_described) == 1
    assert len(list(graph.objects(pages_described.pop(), DCTERMS.identifier))) == 1


def aachen_page(title: str, day: int) -> str:
    """A release from Aachen: a city the project's data does not hold (GeoNames does)."""
    return (f"Press release\n{title}\n- Date:\n- {day} May 2021\n- Source:\n- OSCE Secretariat\n"
            f"AACHEN, {day} May 2021 (OSCE) -- The OSCE Secretariat today {title.lower()}.\n")


@pytest.mark.parametrize("runs", [("a.txt", "b.txt"), ("*.txt",)], ids=["two runs", "one run"])
@pytest.mark.parametrize("at_scale", [  # pySHACL validates the project's data: 6 s a case
    pytest.param(False, id="pySHACL", marks=pytest.mark.slow), pytest.param(True, id="shapes as SPARQL")])
def test_a_new_city_named_by_two_releases_is_described_with_its_coordinates_once(
        tmp_path, monkeypatch, runs, at_scale):
    if at_scale:  # the validation of big ingests: on a store, with the releases already written
        monkeypatch.setattr("osce_kg.build.pipeline.SPARQL_VALIDATION_TRIPLES", 0)
    root = write_project(tmp_path / "project", project_data())
    pages = tmp_path / "in"
    pages.mkdir()
    (pages / "a.txt").write_text(aachen_page("Opens a youth forum", 3), encoding="utf-8")
    (pages / "b.txt").write_text(aachen_page("Closes a youth forum", 5), encoding="utf-8")
    for name in runs:  # in two runs, the second finds the city the first made
        result = run(root, str(pages / name))
        assert result.exit_code == 0, result.output
        assert "does not conform" not in result.output
    releases = root / "data" / "releases"
    aachen = URIRef("https://w3id.org/osce/id/place/aachen")
    files = {p.relative_to(releases).as_posix(): Graph().parse(p)
             for p in sorted(releases.rglob("*.ttl"))}
    assert "places/aachen.ttl" in files
    with_geo = [name for name, g in files.items() if (aachen, SCHEMA.geo, None) in g]
    assert with_geo == ["places/aachen.ttl"]
    naming = [name for name, g in files.items() if (None, SCHEMA.locationCreated, aachen) in g]
    assert len(naming) == 2
    assert (aachen, DCTERMS.source, URIRef("https://www.geonames.org/3247449")) in \
        files["places/aachen.ttl"]
    built = build(Settings(project_dir=root), out=root / "dist")  # conforms, or raises
    assert built.validated
    before = {p: p.read_bytes() for p in releases.rglob("*.ttl")}
    again = run(root, str(pages / "a.txt"))
    assert again.output.split()[0] == "skipped", again.output
    assert {p: p.read_bytes() for p in releases.rglob("*.ttl")} == before
