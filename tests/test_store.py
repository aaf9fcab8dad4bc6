"""The embedded store: opening a build (memory, disk), queries with bindings, rdflib terms."""

from __future__ import annotations

from pathlib import Path

import pytest
from buildfixtures import FINLAND, LITHUANIA, make_project, project_settings
from rdflib import BNode, Graph, Literal, URIRef
from rdflib import namespace as ns
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS

import osce_kg.store
from osce_kg import conneg
from osce_kg.build.pipeline import build
from osce_kg.errors import BadQuery, StoreUnavailable
from osce_kg.namespaces import OSCE, SCHEMA
from osce_kg.rdf.terms import to_oxigraph, to_rdflib
from osce_kg.settings import Settings
from osce_kg.store import open_store
from osce_kg.store.embedded.store import OxigraphStore
from osce_kg.store.layout import read_build_info


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("project"))
    return build(project_settings(project)).out


@pytest.fixture(scope="module", params=["memory", "disk"])
def store(request, dist):
    opened = open_store(Settings(project_dir=dist.parent, dist_dir=dist,
                                 store_mode=request.param))
    assert opened.mode == request.param
    yield opened
    opened.close()


def test_build_id_and_triple_count_come_from_the_build(store, dist):
    info = read_build_info(dist)
    assert store.build_id == info["build_id"]
    assert store.triple_count() == info["triples"]
    assert len(store.oxigraph) == info["triples"]


def test_select_with_bindings_returns_rdflib_terms(store):
    rows = store.select("SELECT ?s ?label WHERE { #@bindings\n ?s rdfs:label ?label } ORDER BY ?label",
                        {"s": URIRef(LITHUANIA)})
    assert rows == [{"s": URIRef(LITHUANIA), "label": Literal("Litauen", lang="de")},
                    {"s": URIRef(LITHUANIA), "label": Literal("Lithuania", lang="en")}]


def test_select_binds_literals_with_language_and_datatype(store):
    rows = store.select("SELECT ?c ?year ?state WHERE { #@bindings\n ?c osce:year ?year ; "
                        "osce:chairingState ?state }",
                        {"year": Literal("2025", datatype=ns.XSD.gYear)})
    assert rows == [{"c": URIRef("https://w3id.org/osce/id/chairpersonship/2025"),
                     "year": Literal("2025", datatype=ns.XSD.gYear),
                     "state": URIRef(FINLAND)}]
    rows = store.select("SELECT ?s ?l WHERE { #@bindings\n ?s rdfs:label ?l }",
                        {"l": Literal("Türkiye", lang="en")})
    assert [row["s"] for row in rows] == [URIRef("https://w3id.org/osce/id/state/turkiye")]


def test_unbound_variables_are_left_out_of_a_row(store):
    rows = store.select("SELECT ?s ?code ?missing WHERE { ?s osce:iso3166Alpha2 ?code "
                        "OPTIONAL { ?s osce:year ?missing } } ORDER BY ?code")
    assert [sorted(row) for row in rows] == [["code", "s"]] * 3
    assert [row["code"] for row in rows] == [Literal("FI"), Literal("LT"), Literal("TR")]


def test_blank_nodes_and_decimals_come_back_as_rdflib_terms(store):
    rows = store.select("SELECT ?s ?geo ?lat WHERE { #@bindings\n ?s schema:geo ?geo . "
                        "?geo schema:latitude ?lat }", {"s": URIRef(FINLAND)})
    assert len(rows) == 1
    assert isinstance(rows[0]["geo"], BNode)
    assert rows[0]["lat"] == Literal("60.1699", datatype=ns.XSD.decimal)


def test_ask_with_bindings(store):
    query = "ASK { #@bindings\n ?state a osce:ParticipatingState }"
    assert store.ask(query, {"state": URIRef(LITHUANIA)}) is True
    assert store.ask(query, {"state": URIRef("https://w3id.org/osce/id/state/atlantis")}) is False


def test_construct_with_bindings_returns_an_rdflib_graph(store):
    graph = store.construct("CONSTRUCT { ?s rdfs:label ?l } WHERE { #@bindings\n ?s rdfs:label ?l }",
                            {"s": URIRef(FINLAND)})
    expected = Graph()
    expected.add((URIRef(FINLAND), RDFS.label, Literal("Finland", lang="en")))
    expected.add((URIRef(FINLAND), RDFS.label, Literal("Finnland", lang="de")))
    assert isomorphic(graph, expected)
    assert graph.namespace_manager.store.namespace("osce") == URIRef(str(OSCE._NS))


def test_describe_is_a_graph_too(store):
    graph = store.construct("DESCRIBE ?s WHERE { #@bindings\n }", {"s": URIRef(LITHUANIA)})
    assert (URIRef(LITHUANIA), SCHEMA.geo, None) in graph


DESCRIPTION = """CONSTRUCT { ?s ?p ?o . ?o ?q ?y } WHERE { #@bindings
  ?s ?p ?o OPTIONAL { ?o ?q ?y FILTER(?q = rdfs:label || isBlank(?o)) } }"""


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("fmt", conneg.GRAPH_OFFERS, ids=lambda f: f.name)
def test_serialize_construct_parses_back_to_the_construct_graph(store, fmt):
    body = store.serialize_construct(DESCRIPTION, fmt, {"s": URIRef(LITHUANIA)})
    parsed = Graph().parse(data=body, format=fmt.rdflib)
    expected = store.construct(DESCRIPTION, {"s": URIRef(LITHUANIA)})
    assert len(parsed) == len(expected) > 5
    assert isomorphic(parsed, expected)
    assert body == store.serialize_construct(DESCRIPTION, fmt, {"s": URIRef(LITHUANIA)})


def test_serialized_turtle_declares_only_the_prefixes_it_uses_and_never_id(store):
    body = store.serialize_construct(
        "CONSTRUCT { ?s rdfs:label ?l ; osce:iso3166Alpha2 ?c } "
        "WHERE { #@bindings\n ?s rdfs:label ?l ; osce:iso3166Alpha2 ?c }",
        conneg.TURTLE, {"s": URIRef(LITHUANIA)}).decode()
    declared = {line.split()[1] for line in body.splitlines() if line.startswith("@prefix")}
    assert declared == {"rdfs:", "osce:"}
    assert f"<{LITHUANIA}>" in body
    subjects = [line.split()[0] for line in body.splitlines()
                if line and not line.startswith(("@prefix", "\t", " "))]
    assert subjects == [f"<{LITHUANIA}>"]


def test_serialize_construct_refuses_other_forms_and_formats(store):
    with pytest.raises(BadQuery):
        store.serialize_construct("SELECT * WHERE { ?s ?p ?o }", conneg.TURTLE)
    with pytest.raises(BadQuery):
        store.serialize_construct("CONSTRUCT WHERE { ?s ?p ?o }", conneg.RESULTS_JSON)


def test_a_bound_variable_must_be_projected(store):
    with pytest.raises(BadQuery, match="bound variable must be selected"):
        store.select("SELECT ?label WHERE { #@bindings\n ?s rdfs:label ?label }",
                     {"s": URIRef(FINLAND)})


def test_bindings_go_only_into_a_slot(store):
    with pytest.raises(BadQuery, match="slot"):
        store.select("SELECT ?s WHERE { ?s ?p ?o }", {"s": URIRef(FINLAND)})


def test_syntax_errors_and_wrong_forms_are_bad_queries(store):
    with pytest.raises(BadQuery, match="syntax"):
        store.select("SELECT WHERE {")
    with pytest.raises(BadQuery):
        store.ask("SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(BadQuery):
        store.select("ASK { ?s ?p ?o }")
    with pytest.raises(BadQuery):
        store.construct("SELECT * WHERE { ?s ?p ?o }")


def test_the_store_opens_from_the_build_dir_or_its_store_dir(dist):
    for location in (dist, dist / "store"):
        for mode in ("memory", "disk"):
            opened = OxigraphStore.open(location, mode=mode)
            assert opened.build_id == read_build_info(dist)["build_id"]
            assert opened.ask("ASK { ?s a osce:Chairpersonship }")
            opened.close()


def test_a_missing_build_tells_the_user_to_build(tmp_path):
    for mode in ("memory", "disk"):
        settings = Settings(project_dir=tmp_path, dist_dir=tmp_path / "dist", store_mode=mode)
        with pytest.raises(StoreUnavailable, match="osce-kg build"):
            open_store(settings)


def test_a_closed_store_is_unavailable(dist):
    opened = OxigraphStore.open(dist)
    opened.close()
    with pytest.raises(StoreUnavailable):
        opened.select("SELECT * WHERE { ?s ?p ?o }")


def test_an_unknown_mode_is_refused(dist):
    with pytest.raises(StoreUnavailable, match="mode"):
        OxigraphStore.open(dist, mode="cloud")


def test_remote_urls_are_delegated_to_the_remote_store(monkeypatch, tmp_path):
    created = []

    class FakeRemoteStore:
        def __init__(self, settings):
            created.append(settings.store)

    monkeypatch.setattr(osce_kg.store, "RemoteStore", FakeRemoteStore)
    settings = Settings(project_dir=tmp_path, store="sparql+http://127.0.0.1:9/sparql")
    assert isinstance(open_store(settings), FakeRemoteStore)
    assert created == ["sparql+http://127.0.0.1:9/sparql"]


@pytest.mark.parametrize("term", [
    URIRef("https://w3id.org/osce/id/state/lithuania"),
    Literal("Lithuania", lang="en"),
    Literal("plain"),
    Literal("2025", datatype=ns.XSD.gYear),
    Literal("1992-01-30", datatype=ns.XSD.date),
    Literal("48.2085", datatype=ns.XSD.decimal),
    BNode("b0"),
], ids=repr)
def test_terms_round_trip_between_rdflib_and_pyoxigraph(term):
    assert to_rdflib(to_oxigraph(term)) == term


def test_from_graph_makes_an_in_memory_store():
    graph = Graph()
    graph.add((URIRef(LITHUANIA), RDFS.label, Literal("Lithuania", lang="en")))
    opened = OxigraphStore.from_graph(graph)
    assert opened.triple_count() == 1
    assert opened.select("SELECT ?l WHERE { ?s rdfs:label ?l }") == [
        {"l": Literal("Lithuania", lang="en")}]
