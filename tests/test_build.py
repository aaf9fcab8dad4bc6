"""The build: files, byte stability, parse-back isomorphism, atomicity, refusal, VoID counts."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from buildfixtures import BROKEN, LITHUANIA, make_project, project_settings, tree_bytes
from rdflib import BNode, Graph, Literal, URIRef
from rdflib import namespace as ns
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, VOID

import osce_kg.build.pipeline as building
from osce_kg.build.pipeline import build
from osce_kg.build.sources import project_sources
from osce_kg.build.stats import count_graph, count_ntriples
from osce_kg.build.void import SPDX, read_void
from osce_kg.errors import InputError, InvalidIris, SourceError, ValidationFailed
from osce_kg.namespaces import DATASET_IRI, ID_BASE
from osce_kg.rdf.io import load_graph
from osce_kg.rdf.terms import to_rdflib
from osce_kg.store.embedded.store import OxigraphStore

EXPECTED_FILES = {"build.json", "osce-kg.ttl", "osce-kg.nt.gz", "void.ttl", "ontology.ttl",
                  "shapes.ttl"}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("project"))


@pytest.fixture(scope="module")
def built(project, tmp_path_factory):
    lines: list[str] = []
    out = tmp_path_factory.mktemp("builds") / "dist"
    result = build(project_settings(project), out=out, progress=lines.append)
    return result, lines


def source_graph(project: Path) -> Graph:
    """The merged sources, read independently of the build (rdflib, file by file)."""
    graph = Graph()
    for path in project_sources(project_settings(project)).graph_files:
        graph.parse(path, format="turtle")
    return graph


def oxigraph_graph(data: bytes, fmt: ox.RdfFormat) -> Graph:
    """Bytes parsed by pyoxigraph, converted to an rdflib graph."""
    graph = Graph()
    for quad in ox.parse(data, format=fmt):
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graph


def test_build_writes_every_file_and_describes_them_in_build_json(built):
    result, _ = built
    out = result.out
    assert {p.name for p in out.iterdir()} == EXPECTED_FILES | {"store"}
    assert (out / "store").is_dir() and any((out / "store").iterdir())
    info = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert info["build_id"] == result.build_id
    assert info["triples"] == result.triples
    assert info["validated"] is True
    assert set(info["files"]) == EXPECTED_FILES - {"build.json"}
    for name, entry in info["files"].items():
        data = (out / name).read_bytes()
        assert entry == {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    ntriples = gzip.decompress((out / "osce-kg.nt.gz").read_bytes())
    assert result.build_id == hashlib.sha256(ntriples).hexdigest()
    lines = ntriples.splitlines()
    assert lines == sorted(set(lines)) and len(lines) == result.triples


def test_build_reports_numbered_steps_with_timings(built):
    _, lines = built
    assert len(lines) == building.STEPS
    for number, line in enumerate(lines, start=1):
        assert re.match(rf"^\[{number}/{building.STEPS}\] [a-z ]+ … \d+\.\d s( \(.+\))?$", line)
    assert lines[0].startswith("[1/5] loading sources") and "triples" in lines[0]
    assert "conforms" in lines[1]


def test_dumps_parse_back_with_the_other_parser_into_the_source_graph(built, project):
    result, _ = built
    expected = source_graph(project)
    # osce-kg.ttl is written by rdflib: read it with pyoxigraph
    turtle = oxigraph_graph((result.out / "osce-kg.ttl").read_bytes(), ox.RdfFormat.TURTLE)
    assert isomorphic(turtle, expected)
    # osce-kg.nt.gz is written by pyoxigraph: read it with rdflib
    ntriples = Graph().parse(data=gzip.decompress((result.out / "osce-kg.nt.gz").read_bytes()),
                             format="nt")
    assert isomorphic(ntriples, expected)


def test_the_store_holds_the_same_graph(built, project):
    result, _ = built
    store = OxigraphStore.open(result.out, mode="disk")
    graph = store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    store.close()
    assert isomorphic(graph, source_graph(project))


def test_two_builds_of_the_same_sources_are_byte_identical(built, project, tmp_path):
    first, _ = built
    second = build(project_settings(project), out=tmp_path / "again")
    for name in ("osce-kg.ttl", "osce-kg.nt.gz", "ontology.ttl", "shapes.ttl"):
        assert (first.out / name).read_bytes() == (second.out / name).read_bytes(), name
    assert first.build_id == second.build_id


def test_the_big_input_path_gives_the_same_graph_and_is_byte_stable(project, tmp_path,
                                                                      monkeypatch):
    monkeypatch.setattr(building, "BIG_INPUT_BYTES", 0)
    files = project_sources(project_settings(project)).graph_files
    one = build(project_settings(project), sources=list(files), out=tmp_path / "one",
                validate=False)
    two = build(project_settings(project), sources=list(files), out=tmp_path / "two",
                validate=False)
    assert (one.out / "osce-kg.ttl").read_bytes() == (two.out / "osce-kg.ttl").read_bytes()
    assert (one.out / "osce-kg.nt.gz").read_bytes() == (two.out / "osce-kg.nt.gz").read_bytes()
    assert one.build_id == two.build_id
    expected = source_graph(project)
    # here pyoxigraph wrote the Turtle: read it with rdflib
    assert isomorphic(Graph().parse(one.out / "osce-kg.ttl", format="turtle"), expected)
    assert isomorphic(oxigraph_graph(gzip.decompress((one.out / "osce-kg.nt.gz").read_bytes()),
                                     ox.RdfFormat.N_TRIPLES), expected)
    info = json.loads((one.out / "build.json").read_text(encoding="utf-8"))
    assert info["validated"] is False


def test_blank_nodes_of_different_files_stay_apart(project, tmp_path, monkeypatch):
    monkeypatch.setattr(building, "BIG_INPUT_BYTES", 0)
    a, b = tmp_path / "a.nt", tmp_path / "b.nt"
    a.write_text('<http://example.org/a> <http://example.org/p> _:x .\n'
                 '_:x <http://example.org/q> "a" .\n', encoding="utf-8")
    b.write_text('<http://example.org/b> <http://example.org/p> _:x .\n'
                 '_:x <http://example.org/q> "b" .\n', encoding="utf-8")
    result = build(project_settings(project), sources=[a, b], out=tmp_path / "out",
                   validate=False)
    graph = Graph().parse(data=gzip.decompress((result.out / "osce-kg.nt.gz").read_bytes()),
                          format="nt")
    assert len({o for o in graph.objects() if isinstance(o, BNode)}) == 2
    expected = Graph().parse(a, format="nt")
    expected.parse(b, format="nt")
    assert isomorphic(graph, expected)


def test_foreign_data_is_built_without_our_ontology_or_licence(project, tmp_path):
    data = tmp_path / "data.nt"
    data.write_text('<http://example.org/s> <http://example.org/p> "o" .\n', encoding="utf-8")
    result = build(project_settings(project), sources=[data], out=tmp_path / "out",
                   validate=False)
    assert result.triples == 1
    void = read_void(result.out / "void.ttl", "http://127.0.0.1:9/")
    assert void.value(DATASET_IRI, VOID.triples) == Literal(1)
    assert void.value(DATASET_IRI, URIRef("http://purl.org/dc/terms/license")) is None
    assert (result.out / "ontology.ttl").is_file()  # the site still documents our terms


def test_an_interrupted_build_leaves_the_previous_build_intact(built, project, tmp_path,
                                                                monkeypatch):
    out = tmp_path / "dist"
    build(project_settings(project), out=out)
    before = tree_bytes(out)

    def broken_writer(ntriples, path):
        path.write_bytes(ntriples[:10])  # half a file, then the failure
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(building, "write_ntriples_gz", broken_writer)
    (project / "data" / "extra.ttl").write_text(
        '<https://w3id.org/osce/id/state/iceland> a <https://w3id.org/osce/ontology#'
        'ParticipatingState> ; <http://www.w3.org/2000/01/rdf-schema#label> "Iceland"@en .\n',
        encoding="utf-8")
    try:
        with pytest.raises(OSError, match="simulated"):
            build(project_settings(project), out=out)
    finally:
        (project / "data" / "extra.ttl").unlink()
    assert tree_bytes(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist"]  # no temporary left over


def test_a_failure_while_swapping_in_restores_the_previous_build(project, tmp_path,
                                                                  monkeypatch):
    out = tmp_path / "dist"
    build(project_settings(project), out=out)
    before = tree_bytes(out)
    real_rename = building.os.rename
    failures = []

    def rename(src, dst):
        if Path(dst) == out and not failures:  # the new build's rename fails, once
            failures.append(src)
            raise OSError("rename failed (simulated)")
        return real_rename(src, dst)

    monkeypatch.setattr(building.os, "rename", rename)
    with pytest.raises(OSError, match="simulated"):
        build(project_settings(project), out=out)
    monkeypatch.undo()
    assert failures and tree_bytes(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist"]


def test_invalid_data_is_refused_and_nothing_is_written(tmp_path):
    project = make_project(tmp_path / "project", invalid=True)
    out = tmp_path / "dist"
    with pytest.raises(ValidationFailed) as caught:
        build(project_settings(project), out=out)
    report = caught.value.report
    assert any(r.focus_node == URIRef(ID_BASE + "state/nowhere") for r in report.results)
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]


def test_invalid_data_leaves_an_existing_build_untouched(tmp_path):
    project = make_project(tmp_path / "project")
    out = tmp_path / "dist"
    build(project_settings(project), out=out)
    before = tree_bytes(out)
    make_project(project, invalid=True)
    with pytest.raises(ValidationFailed):
        build(project_settings(project), out=out)
    assert tree_bytes(out) == before


def test_an_iri_jena_refuses_is_refused_naming_its_triple(tmp_path):
    project = make_project(tmp_path / "project")
    (project / "data" / "userinfo.ttl").write_text(
        "<https://w3id.org/osce/id/state/lithuania> <http://purl.org/dc/terms/source> "
        "<http://someone@osce.org/es/secretariat> .\n", encoding="utf-8")
    with pytest.raises(InvalidIris) as caught:
        build(project_settings(project), out=tmp_path / "dist")
    assert caught.value.iris == ["http://someone@osce.org/es/secretariat"]
    assert "<https://w3id.org/osce/id/state/lithuania> <http://purl.org/dc/terms/source> " \
           "<http://someone@osce.org/es/secretariat> ." in str(caught.value)
    assert not (tmp_path / "dist").exists()


def test_unparsable_source_names_file_and_position(tmp_path):
    project = make_project(tmp_path / "project")
    (project / "data" / "broken.ttl").write_text(BROKEN, encoding="utf-8")
    with pytest.raises(SourceError, match=r"broken\.ttl: .*line 4"):
        build(project_settings(project), out=tmp_path / "dist")
    assert not (tmp_path / "dist").exists()


def test_an_out_dir_that_is_not_a_build_is_never_replaced(project, tmp_path):
    out = tmp_path / "precious"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(InputError, match="not a build directory"):
        build(project_settings(project), out=out)
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_void_counts_equal_counts_computed_independently(built, project):
    result, _ = built
    graph = source_graph(project)
    void = read_void(result.out / "void.ttl", "http://127.0.0.1:8080")
    ds = DATASET_IRI
    assert (ds, RDF.type, VOID.Dataset) in void and (ds, RDF.type, ns.DCAT.Dataset) in void
    assert void.value(ds, VOID.triples).toPython() == len(graph)
    entities = {s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(ID_BASE)}
    assert void.value(ds, VOID.entities).toPython() == len(entities)
    assert void.value(ds, VOID.distinctSubjects).toPython() == len(set(graph.subjects()))
    assert void.value(ds, VOID.distinctObjects).toPython() == len(set(graph.objects()))
    classes = {}
    for part in void.objects(ds, VOID.classPartition):
        classes[void.value(part, VOID["class"])] = void.value(part, VOID.entities).toPython()
    expected_classes = {}
    for _, cls in graph.subject_objects(RDF.type):
        expected_classes[cls] = len(set(graph.subjects(RDF.type, cls)))
    assert classes == expected_classes
    properties = {void.value(part, VOID.property): void.value(part, VOID.triples).toPython()
                  for part in void.objects(ds, VOID.propertyPartition)}
    assert properties == {p: len(list(graph.triples((None, p, None))))
                          for p in set(graph.predicates())}
    assert void.value(ds, VOID.sparqlEndpoint) == URIRef("http://127.0.0.1:8080/sparql")
    assert void.value(ds, URIRef("http://purl.org/dc/terms/license")) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/")
    modified = void.value(ds, URIRef("http://purl.org/dc/terms/modified"))
    assert modified.datatype == ns.XSD.dateTime


def test_void_distributions_carry_size_media_type_and_checksum(built):
    result, _ = built
    void = read_void(result.out / "void.ttl", "http://example.org/base/")
    dumps = set(void.objects(DATASET_IRI, VOID.dataDump))
    assert dumps == {URIRef("http://example.org/base/dumps/osce-kg.ttl"),
                     URIRef("http://example.org/base/dumps/osce-kg.nt.gz")}
    for dist in void.objects(DATASET_IRI, ns.DCAT.distribution):
        url = void.value(dist, ns.DCAT.downloadURL)
        data = (result.out / url.rsplit("/", 1)[-1]).read_bytes()
        assert void.value(dist, ns.DCAT.byteSize).toPython() == len(data)
        checksum = void.value(dist, SPDX.checksum)
        assert void.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert str(void.value(checksum, SPDX.checksumValue)).lower() == \
            hashlib.sha256(data).hexdigest()
        assert void.value(dist, ns.DCAT.mediaType) is not None


def test_counts_from_lines_equal_counts_from_the_store(built):
    result, _ = built
    ntriples = gzip.decompress((result.out / "osce-kg.nt.gz").read_bytes())
    store = OxigraphStore.open(result.out, mode="memory")
    assert count_ntriples(ntriples) == count_graph(store)
    store.close()


def test_the_real_project_data_builds(project_dir, project_build):
    sources = project_sources(project_settings(project_dir))
    assert sources.data, "the project's data/*.ttl are missing"
    result = project_build  # the session's build of the project (root conftest)
    assert result.triples > 1000
    graph = load_graph([result.out / "osce-kg.ttl"])
    assert len(graph) == result.triples
    store = OxigraphStore.open(result.out)
    assert store.ask("ASK { #@bindings\n ?s rdfs:label ?l }", {"s": URIRef(ID_BASE + "state/lithuania"),
                                                  "l": Literal("Lithuania", lang="en")})
    store.close()


def test_lithuania_has_coordinates_in_the_fixture(built):
    result, _ = built
    store = OxigraphStore.open(result.out)
    rows = store.select("SELECT ?s ?lat WHERE { #@bindings\n ?s schema:geo/schema:latitude ?lat }",
                        {"s": URIRef(LITHUANIA)})
    store.close()
    assert [row["lat"] for row in rows] == [Literal("54.6872", datatype=ns.XSD.decimal)]


def test_a_big_graph_is_validated_by_the_compiled_shapes(project, tmp_path, monkeypatch):
    """Above the threshold the build validates on the store (no refusal, no pySHACL)."""
    monkeypatch.setattr(building, "SPARQL_VALIDATION_TRIPLES", 5)
    monkeypatch.setattr(building, "validate_graph", None)  # pySHACL must not be called
    lines: list[str] = []
    result = build(project_settings(project), out=tmp_path / "dist", progress=lines.append)
    assert result.validated and result.report.conforms
    assert any("validating" in line and "shapes compiled to SPARQL" in line for line in lines)
    assert (tmp_path / "dist" / "build.json").is_file()


def test_a_big_invalid_graph_is_refused_with_the_same_results_as_pyshacl(tmp_path, monkeypatch):
    project = make_project(tmp_path / "project", invalid=True)
    with pytest.raises(ValidationFailed) as small:
        build(project_settings(project), out=tmp_path / "dist")
    monkeypatch.setattr(building, "SPARQL_VALIDATION_TRIPLES", 5)
    with pytest.raises(ValidationFailed) as big:
        build(project_settings(project), out=tmp_path / "dist")
    assert not (tmp_path / "dist").exists()

    def found(report):
        return {(r.focus_node, r.path, r.message) for r in report.results}

    assert found(big.value.report) == found(small.value.report)
    assert any(r.focus_node == URIRef(ID_BASE + "state/nowhere")
               for r in big.value.report.results)
