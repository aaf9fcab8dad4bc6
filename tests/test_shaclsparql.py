"""The shapes compiled to SPARQL give the same results as pySHACL (differential), plus units.

Both validators run on every fixture of tests/fixtures/shapes/ and on the project's data; a
result is compared as (focus node, path, source shape, message). Blank nodes are compared by
what links to them (the store relabels them), paths by their SPARQL-like text.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from projects import PROJECT_DIR, SHAPE_FIXTURES
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from osce_kg.build.pipeline import SPARQL_VALIDATION_TRIPLES
from osce_kg.build.sources import project_sources
from osce_kg.errors import UnsupportedShape
from osce_kg.namespaces import ID, OSCE, SCHEMA, SHAPES, bind_prefixes
from osce_kg.rdf.io import load_graph
from osce_kg.settings import Settings
from osce_kg.validation.shacl import ValidationReport, render_path
from osce_kg.validation.sparql import compile_shapes, entail_rdfs, run_checks, validate_store

# pySHACL's report on each is about 0.4 s: make test-fast runs a sample, make test all of them
FAST_FIXTURES = {"valid.ttl", "invalid-field-of-work.ttl", "invalid-tenure.ttl", "invalid-geo.ttl"}
FIXTURE_FILES = [pytest.param(name, id=name, marks=() if name in FAST_FIXTURES else pytest.mark.slow)
                 for name in sorted(p.name for p in SHAPE_FIXTURES.glob("*.ttl"))]


def store_of(data: Graph) -> ox.Store:
    store = ox.Store()
    store.bulk_load(data.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


def sparql_report(data: Graph, shapes: Graph, ontology: Graph) -> tuple[ValidationReport, Graph]:
    """The compiled validator's report and the graph its blank nodes live in (store + entailed)."""
    store = store_of(data)
    report = validate_store(store, shapes=shapes, ontology=ontology)
    graph = Graph()
    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in store)
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    return report, graph


def node_key(node, graph: Graph):
    """An IRI as itself; a blank node by the (subject, predicate) pairs linking to it."""
    if isinstance(node, BNode):
        return ("blank", tuple(sorted((str(s), str(p)) for s, p in graph.subject_predicates(node))))
    return node


def keys(report: ValidationReport, data: Graph, paths: Graph, names: Graph) -> set[tuple]:
    return {(node_key(r.focus_node, data), render_path(r.path, paths, names),
             node_key(r.source_shape, names) if isinstance(r.source_shape, URIRef)
             else r.message, r.message, str(r.severity))
            for r in report.results}


def both(data: Graph, expected: ValidationReport, shapes: Graph, ontology: Graph
         ) -> tuple[set, set]:
    """The keys of pySHACL's report ``expected`` on ``data`` and of the compiled validator's."""
    names = bind_prefixes(Graph())
    found, graph = sparql_report(data, shapes, ontology)
    assert found.conforms == expected.conforms
    return (keys(expected, data, expected.results_graph, names),
            keys(found, graph, shapes, names))


@pytest.mark.parametrize("name", FIXTURE_FILES)
def test_same_results_as_pyshacl_on_each_fixture(name, shapes_fixture, shapes_graph,
                                                  ontology_graph):
    data, report = shapes_fixture(name)
    expected, found = both(data, report, shapes_graph, ontology_graph)
    assert found == expected
    if name.startswith("invalid-"):
        assert found, "an invalid fixture gives results"


def test_same_results_as_pyshacl_on_the_project_data(project_build, shapes_graph,
                                                     ontology_graph):
    data = load_graph(project_sources(Settings(project_dir=PROJECT_DIR)).data)
    # pySHACL's report is the session build's, on these same files: small enough that the build
    # validated them with pySHACL, not with the compiled shapes under test here
    assert len(data) + len(ontology_graph) <= SPARQL_VALIDATION_TRIPLES
    expected, found = both(data, project_build.report, shapes_graph, ontology_graph)
    assert found == expected


# --- units of the compiler


SHAPES_HEAD = """\
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
EX = "http://example.org/"


def run(shapes_ttl: str, data_ttl: str, ontology_ttl: str = "") -> ValidationReport:
    shapes = Graph().parse(data=SHAPES_HEAD + shapes_ttl, format="turtle")
    data = Graph().parse(data=SHAPES_HEAD + data_ttl, format="turtle")
    ontology = Graph().parse(data=SHAPES_HEAD + ontology_ttl, format="turtle")
    return validate_store(store_of(data), shapes=shapes, ontology=ontology)


def focus_messages(report: ValidationReport) -> set[tuple[str, str]]:
    return {(str(r.focus_node).removeprefix(EX), r.message) for r in report.results}


def test_each_constraint_compiles_to_one_query_per_component(shapes_graph):
    checks = compile_shapes(shapes_graph)
    assert len(checks) > 100
    assert all("?this" in c.query for c in checks)
    thing = [c for c in checks if c.shape == SHAPES.ThingShape]
    assert [c.component for c in thing] == ["pattern"]
    label = {c.component for c in checks if c.shape == SHAPES.EnglishLabelProperty}
    assert label == {"minCount", "uniqueLang", "qualifiedValueShape"}


def test_subclass_domain_and_range_types_are_entailed():
    ontology = """
        ex:B <http://www.w3.org/2000/01/rdf-schema#subClassOf> ex:A .
        ex:C <http://www.w3.org/2000/01/rdf-schema#subClassOf> ex:B .
        ex:p <http://www.w3.org/2000/01/rdf-schema#domain> ex:C .
        ex:q <http://www.w3.org/2000/01/rdf-schema#subPropertyOf> ex:r .
        ex:r <http://www.w3.org/2000/01/rdf-schema#range> ex:A .
    """
    store = store_of(Graph().parse(data=SHAPES_HEAD + "ex:x ex:p 1 . ex:y ex:q ex:z .",
                                   format="turtle"))
    entail_rdfs(store, Graph().parse(data=SHAPES_HEAD + ontology, format="turtle"))
    typed = {(s.value, o.value) for s, _, o, _ in
             store.quads_for_pattern(None, ox.NamedNode(str(RDF.type)), None)}
    assert {(EX + "x", EX + "C"), (EX + "x", EX + "B"), (EX + "x", EX + "A"),
            (EX + "z", EX + "A")} <= typed
    assert store.query(f"ASK {{ <{EX}y> <{EX}r> <{EX}z> }}")


def test_counts_datatypes_and_patterns():
    report = run("""
        ex:S a sh:NodeShape ; sh:targetClass ex:T ;
            sh:property [ sh:path ex:n ; sh:minCount 2 ; sh:maxCount 2 ; sh:message "two n" ] ;
            sh:property [ sh:path ex:d ; sh:datatype xsd:date ; sh:message "d is a date" ] ;
            sh:property [ sh:path ex:c ; sh:pattern "^[A-Z]+$" ; sh:message "c is capitals" ] .
    """, """
        ex:ok a ex:T ; ex:n 1, 2 ; ex:d "2020-01-02"^^xsd:date ; ex:c "AB" .
        ex:few a ex:T ; ex:n 1 .
        ex:many a ex:T ; ex:n 1, 2, 3 ; ex:d "2020-13-45"^^xsd:date ; ex:c "ab", ex:AB .
        ex:none a ex:T .
    """)
    assert focus_messages(report) == {("few", "two n"), ("many", "two n"), ("none", "two n"),
                                      ("many", "d is a date"), ("many", "c is capitals")}
    assert not report.conforms


def test_sparql_constraint_fills_the_message_and_reports_its_path():
    report = run("""
        ex:S a sh:NodeShape ; sh:targetSubjectsOf ex:start ;
            sh:sparql [ sh:message "starts {?value} too late" ; sh:select \"\"\"
                SELECT $this ?path ?value WHERE {
                    BIND (<http://example.org/start> AS ?path)
                    $this <http://example.org/start> ?value FILTER (?value > 10) } \"\"\" ] .
    """, "ex:a ex:start 5 . ex:b ex:start 11 .")
    [result] = report.results
    assert (result.focus_node, result.path, result.message) == (
        URIRef(EX + "b"), URIRef(EX + "start"), "starts 11 too late")


def test_nested_or_node_not_and_qualified_shapes():
    report = run("""
        ex:Date sh:or ( [ sh:datatype xsd:date ] [ sh:datatype xsd:gYear ] ) .
        ex:S a sh:NodeShape ; sh:targetClass ex:T ;
            sh:property [ sh:path ex:when ; sh:node ex:Date ; sh:message "a date" ] ;
            sh:property [ sh:path ex:type ; sh:not [ sh:hasValue ex:Bad ] ; sh:message "not bad" ] ;
            sh:property [ sh:path ex:label ; sh:qualifiedValueShape [ sh:languageIn ( "en" ) ] ;
                          sh:qualifiedMinCount 1 ; sh:qualifiedMaxCount 1 ;
                          sh:message "one English label" ] .
    """, """
        ex:ok a ex:T ; ex:when "2001"^^xsd:gYear ; ex:label "a"@en, "b"@de .
        ex:bad a ex:T ; ex:when "2001" ; ex:type ex:Bad ; ex:label "a"@en, "b"@en-GB .
        ex:nolabel a ex:T .
    """)
    assert focus_messages(report) == {("bad", "a date"), ("bad", "not bad"),
                                      ("bad", "one English label"),
                                      ("nolabel", "one English label")}


def test_unsupported_constraints_raise_instead_of_being_skipped():
    shapes = Graph().parse(data=SHAPES_HEAD + """
        ex:S a sh:NodeShape ; sh:targetClass ex:T ;
            sh:property [ sh:path ex:p ; sh:someFutureConstraint 3 ; sh:message "m" ] .
    """, format="turtle")
    with pytest.raises(UnsupportedShape, match="someFutureConstraint"):
        compile_shapes(shapes)
    nested = Graph().parse(data=SHAPES_HEAD + """
        ex:S a sh:NodeShape ; sh:targetClass ex:T ;
            sh:property [ sh:path ex:p ; sh:node [ sh:property [ sh:path ex:q ; sh:maxCount 2 ] ] ;
                          sh:message "m" ] .
    """, format="turtle")
    with pytest.raises(UnsupportedShape, match="maxCount"):
        compile_shapes(nested)


def test_a_constraint_without_message_is_refused():
    shapes = Graph().parse(data=SHAPES_HEAD + """
        ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .
    """, format="turtle")
    with pytest.raises(UnsupportedShape, match="sh:message"):
        compile_shapes(shapes)


def test_results_are_rdflib_terms_and_sorted(shapes_graph, ontology_graph):
    data = Graph().parse(SHAPE_FIXTURES / "invalid-geo.ttl", format="turtle")
    report = run_checks(_entailed(data, ontology_graph), compile_shapes(shapes_graph),
                        shapes_graph)
    assert report.results == sorted(report.results, key=lambda r: (
        str(r.focus_node), str(r.path), r.message, str(r.source_shape)))
    assert all(isinstance(r.message, str) and r.severity == SH.Violation for r in report.results)
    assert {r.path for r in report.results} >= {SCHEMA.latitude, SCHEMA.longitude}
    assert report.summary().startswith("does not conform")


def _entailed(data: Graph, ontology: Graph) -> ox.Store:
    store = store_of(data)
    entail_rdfs(store, ontology)
    return store


# keep imported names used (namespaces checked by flake-like tools)
_ = (ID, OSCE, RDFS, Literal)
