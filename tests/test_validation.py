"""SHACL validation: the report object, its lines, RDFS inference over the ontology."""

from __future__ import annotations

from pathlib import Path

import pytest
from availability import required
from buildfixtures import BROKEN, INVALID, LITHUANIA, make_project, project_settings
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH

from osce_kg.build.pipeline import validate_sources
from osce_kg.build.sources import project_sources
from osce_kg.errors import SourceError
from osce_kg.namespaces import OSCE, SHAPES, bind_prefixes
from osce_kg.rdf.io import load_graph
from osce_kg.validation.shacl import ValidationReport, render_path, validate_graph


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("project"))


@pytest.fixture(scope="module")
def shapes(project) -> Graph:
    return load_graph([project / "shapes" / "osce.shapes.ttl"])


@pytest.fixture(scope="module")
def ontology(project) -> Graph:
    return load_graph([project / "ontology" / "osce.ttl"])


def parse(text: str) -> Graph:
    return Graph().parse(data=text, format="turtle")


def test_conforming_data_gives_an_empty_report(project, shapes, ontology, capsys):
    data = load_graph(sorted((project / "data").rglob("*.ttl")))
    report = validate_graph(data, shapes=shapes, ontology=ontology)
    assert isinstance(report, ValidationReport)
    assert report.conforms
    assert report.results == []
    assert "Conforms: True" in report.text
    assert report.summary() == "conforms: 0 violations"
    assert capsys.readouterr() == ("", "")  # library code never prints


def test_violations_name_focus_node_path_message_severity_and_shape(shapes, ontology):
    report = validate_graph(parse(INVALID), shapes=shapes, ontology=ontology)
    assert not report.conforms
    nowhere = URIRef("https://w3id.org/osce/id/state/nowhere")
    found = {(r.focus_node, r.path, r.message, r.severity) for r in report.results}
    assert found == {
        (nowhere, RDFS.label, "a country needs a label", SH.Violation),
        (nowhere, OSCE.iso3166Alpha2, "the ISO alpha-2 code is two capital letters",
         SH.Violation),
    }
    assert {r.source_shape for r in report.results} <= set(
        report.results_graph.objects(None, SH.sourceShape))
    assert len(report.violations) == 2
    assert sorted(report.lines()) == [
        "<https://w3id.org/osce/id/state/nowhere> — osce:iso3166Alpha2 — "
        "the ISO alpha-2 code is two capital letters",
        "<https://w3id.org/osce/id/state/nowhere> — rdfs:label — a country needs a label",
    ]
    assert report.summary() == "does not conform: 2 violations on 1 focus node"


def test_rdfs_inference_over_the_ontology_reaches_superclass_shapes(shapes, ontology):
    # the Country shape targets schema:Country; only the ontology says a State is one
    data = parse(INVALID)
    without = validate_graph(data, shapes=shapes, ontology=Graph())
    with_ontology = validate_graph(data, shapes=shapes, ontology=ontology)
    assert without.conforms
    assert not with_ontology.conforms


def test_value_class_constraint_uses_the_data(shapes, ontology):
    data = parse("""
        @prefix osce: <https://w3id.org/osce/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <https://w3id.org/osce/id/chairpersonship/1999> a osce:Chairpersonship ;
            osce:chairingState <https://w3id.org/osce/id/place/vienna> .
    """)
    report = validate_graph(data, shapes=shapes, ontology=ontology)
    assert [(r.focus_node, r.path, r.message) for r in report.results] == [
        (URIRef("https://w3id.org/osce/id/chairpersonship/1999"), OSCE.chairingState,
         "the chair is a participating State")]


def test_complex_paths_are_rendered_like_sparql_paths():
    graph = Graph()
    names = bind_prefixes(Graph())
    inverse = BNode()
    graph.add((inverse, SH.inversePath, OSCE.hostCountry))
    sequence = BNode()
    Collection(graph, sequence, [RDFS.label, inverse])
    star = BNode()
    graph.add((star, SH.zeroOrMorePath, OSCE.successor))
    assert render_path(OSCE.year, graph, names) == "osce:year"
    assert render_path(inverse, graph, names) == "^osce:hostCountry"
    assert render_path(sequence, graph, names) == "rdfs:label/^osce:hostCountry"
    assert render_path(star, graph, names) == "osce:successor*"
    assert render_path(None, graph, names) == "-"


def test_validate_sources_defaults_to_the_project_data(project):
    report = validate_sources(project_settings(project))
    assert report.conforms


def test_validate_sources_takes_files_and_directories(project, tmp_path):
    bad = tmp_path / "more" / "bad.ttl"
    bad.parent.mkdir()
    bad.write_text(INVALID, encoding="utf-8")
    assert not validate_sources(project_settings(project), [bad]).conforms
    assert not validate_sources(project_settings(project), [bad.parent]).conforms


def test_unparsable_turtle_names_the_file_and_the_line(project, tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        validate_sources(project_settings(project), [broken])
    message = str(caught.value)
    assert str(broken) in message and "line 4" in message
    assert "\n" not in message


def test_missing_file_is_a_clear_error(project, tmp_path):
    with pytest.raises(SourceError, match="missing.ttl: no such file"):
        validate_sources(project_settings(project), [tmp_path / "missing.ttl"])


def test_shape_iris_come_from_the_shapes_namespace(shapes):
    assert (SHAPES.Country, RDF.type, SH.NodeShape) in shapes
    assert Literal("a country needs a label") in set(shapes.objects(None, SH.message))


def test_the_real_project_data_conforms(project_dir, project_build):
    sources = project_sources(project_settings(project_dir))
    assert sources.data, "the project's data/*.ttl are missing"
    required(sources.shapes, "the project's shapes")
    # the session's build of the project validated it (a failure would have raised)
    report = project_build.report
    assert project_build.validated and report is not None
    assert report.conforms, "\n".join(report.lines())


def test_lithuania_fixture_is_described(project):
    graph = load_graph([project / "data" / "states.ttl"])
    assert (URIRef(LITHUANIA), RDFS.label, Literal("Lithuania", lang="en")) in graph


def test_warnings_do_not_break_conformance_but_are_reported(ontology):
    shapes = parse("""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix osce: <https://w3id.org/osce/ontology#> .
        <https://w3id.org/osce/shapes#Alpha3> a sh:NodeShape ;
            sh:targetClass osce:ParticipatingState ;
            sh:property [ sh:path osce:iso3166Alpha3 ; sh:minCount 1 ; sh:severity sh:Warning ;
                          sh:message "an alpha-3 code is expected" ] .
    """)
    report = validate_graph(parse(INVALID), shapes=shapes, ontology=ontology)
    assert report.conforms
    assert report.violations == []
    assert [r.severity for r in report.results] == [SH.Warning]
    assert report.summary() == "conforms: 0 violations (1 warning)"
