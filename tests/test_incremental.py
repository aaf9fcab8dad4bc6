"""Releases at scale, small: the page generator, and builds from the cache of the last build.

The project's real data plus 30 generated releases, built on the big-input path (pyoxigraph,
shapes compiled to SPARQL) where the cache applies. Every incremental build is compared with
a build of the same sources without the cache: the dumps must be the same bytes.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

import pytest
from buildfixtures import project_settings

import osce_kg.build.pipeline as pipeline
from osce_kg.build.cache import cache_dir
from osce_kg.build.pipeline import build
from osce_kg.errors import ValidationFailed
from osce_kg.ingest.runner import ingest_paths

PAGES = 30
DUMPS = ("osce-kg.nt.gz", "osce-kg.ttl")


def _generator():
    path = Path(__file__).resolve().parents[1] / "bench" / "releases.py"
    spec = importlib.util.spec_from_file_location("bench_releases", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


releases = _generator()


@pytest.fixture(autouse=True)
def big_path(monkeypatch):
    """The cache serves the big-input path: take it at this size too."""
    monkeypatch.setattr(pipeline, "BIG_INPUT_BYTES", 0)
    monkeypatch.setattr(pipeline, "SPARQL_VALIDATION_TRIPLES", 0)


@pytest.fixture(scope="module")
def ingested(project_dir, tmp_path_factory) -> Path:
    """The project's ontology, shapes and data, plus 30 generated releases (ingested once)."""
    root = tmp_path_factory.mktemp("scale")
    for name in ("ontology", "shapes", "data"):
        shutil.copytree(project_dir / name, root / name)
    pages = releases.write_pages(root / "pages", PAGES, seed=7)
    run = ingest_paths([str(p) for p in pages], root, validate=False)
    assert not run.failed, run.summary()
    return root


@pytest.fixture
def project(ingested, tmp_path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(ingested, root)
    return root


def release_files(project: Path) -> list[Path]:
    return sorted((project / "data" / "releases").glob("*.ttl"))


def assert_same_as_full_build(project: Path, incremental: Path, tmp_path: Path) -> None:
    """The build in ``incremental`` has the dumps of a build without the cache."""
    full = build(project_settings(project), out=tmp_path / "full", cache=False)
    for name in DUMPS:
        assert (incremental / name).read_bytes() == (full.out / name).read_bytes(), name


def build_logged(project: Path) -> tuple[Path, list[str]]:
    lines: list[str] = []
    result = build(project_settings(project), progress=lines.append)
    return result.out, lines


@pytest.mark.parametrize("n, start", [(5, 0), (3, 2), (4, 100)])
def test_the_generator_gives_the_same_pages_at_every_run_and_size(tmp_path, n, start):
    one = releases.write_pages(tmp_path / "one", n, seed=3, start=start)
    two = releases.write_pages(tmp_path / "two", 120, seed=3)
    by_name = {p.name: p.read_bytes() for p in two}
    for path in one:
        assert path.read_bytes() == by_name[path.name]
    other = releases.write_pages(tmp_path / "other", n, seed=4, start=start)
    assert [p.read_bytes() for p in other] != [p.read_bytes() for p in one]


def test_the_generator_varies_places_dates_people_and_fields(tmp_path):
    texts = [p.read_text(encoding="utf-8") for p in releases.write_pages(tmp_path, 60, seed=1)]
    assert len({t.split("- Place:")[1].split("\n")[1] for t in texts if "- Place:" in t}) > 10
    assert sum(".html" in str(p) for p in tmp_path.iterdir()) > 0
    assert len({releases.release_page(1, i)[1] for i in range(60)}) == 60


def test_a_second_build_reads_nothing_again_and_equals_a_full_build(project, tmp_path):
    build(project_settings(project))
    out, lines = build_logged(project)
    loading = next(line for line in lines if "loading sources" in line)
    assert " 0 parsed, " in loading
    assert any("no change since the last validated build" in line for line in lines)
    assert_same_as_full_build(project, out, tmp_path)


def test_new_releases_are_parsed_alone_and_the_build_equals_a_full_build(project, tmp_path):
    build(project_settings(project))
    pages = releases.write_pages(tmp_path / "new", 5, seed=7, start=PAGES)
    run = ingest_paths([str(p) for p in pages], project, validate=False)
    assert not run.failed, run.summary()
    out, lines = build_logged(project)
    loading = next(line for line in lines if "loading sources" in line)
    assert " 5 parsed, " in loading
    validating = next(line for line in lines if "validating" in line)
    assert re.search(r"triples changed, [0-9,]+ focus nodes they can affect", validating)
    assert_same_as_full_build(project, out, tmp_path)


def test_a_changed_and_a_removed_file_are_picked_up(project, tmp_path):
    build(project_settings(project))
    files = release_files(project)
    changed = files[3]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace('schema:articleBody "', 'schema:articleBody "Changed: ', 1),
                       encoding="utf-8")
    files[5].unlink()
    out, _ = build_logged(project)
    import gzip
    dump = gzip.decompress((out / "osce-kg.nt.gz").read_bytes())
    assert b"\"Changed: " in dump
    assert_same_as_full_build(project, out, tmp_path)


BROKEN_CITY = """@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
<https://w3id.org/osce/id/place/nowhere-town> a schema:City ;
    rdfs:label "Nowhere Town"@en .
"""


def test_a_file_that_breaks_the_shapes_is_refused_by_an_incremental_build(project):
    first = build(project_settings(project))
    broken = project / "data" / "releases" / "zz-broken.ttl"
    broken.write_text(BROKEN_CITY, encoding="utf-8")
    with pytest.raises(ValidationFailed) as refused:
        build(project_settings(project))
    assert {str(r.focus_node) for r in refused.value.report.violations} == {
        "https://w3id.org/osce/id/place/nowhere-town"}
    assert (first.out / "build.json").is_file()
    broken.unlink()
    assert build(project_settings(project)).build_id == first.build_id


def refusal(project: Path, **options) -> set[tuple[str, str, str]]:
    with pytest.raises(ValidationFailed) as refused:
        build(project_settings(project), **options)
    return {(str(r.focus_node), str(r.path), r.message) for r in refused.value.report.violations}


def test_a_change_in_one_file_fails_the_unchanged_files_that_link_to_it(project, tmp_path):
    """Cross-file references: releases link to a city of data/places.ttl, which loses its
    English label: the links from the unchanged release files dangle, and are found."""
    build(project_settings(project))
    places = re.findall(r"/id/place/([a-z-]+)>", "".join(
        p.read_text(encoding="utf-8") for p in release_files(project)))
    city = max(sorted(set(places)), key=places.count)
    curated = project / "data" / "places.ttl"
    text, n = re.subn(rf'(<https://w3id.org/osce/id/place/{city}> a schema:City ;\n'
                      rf'    rdfs:label "[^"]*")@en', r"\1@de", curated.read_text(encoding="utf-8"))
    assert n == 1
    curated.write_text(text, encoding="utf-8")
    found = refusal(project)
    assert any("/release/" in focus and city in message for focus, _, message in found)
    assert found == refusal(project, out=tmp_path / "full", cache=False)


def test_the_cache_lives_beside_the_output_and_can_be_deleted(project, tmp_path):
    first = build(project_settings(project))
    assert (cache_dir(first.out) / "state.json").is_file()
    shutil.rmtree(cache_dir(first.out))
    again = build(project_settings(project))
    assert again.build_id == first.build_id
