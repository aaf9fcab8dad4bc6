"""The endpoint as a real server process, used by real clients: SPARQLWrapper in every format
both sides support, rdflib's SPARQLStore answering the competency questions, the YASGUI editor
in headless chromium, and a short mixed load."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from osce_kg.namespaces import PREFIXES
from osce_kg.query.guard import example_queries

pytestmark = pytest.mark.slow
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LITHUANIA = URIRef("https://w3id.org/osce/id/state/lithuania")
SELECT = ("SELECT ?name WHERE { ?p osce:partnerGroup "
          "<https://w3id.org/osce/id/partner-group/asian> ; rdfs:label ?name "
          "FILTER(lang(?name) = 'en') } ORDER BY ?name")
ASIAN = ["Afghanistan", "Australia", "Japan", "Republic of Korea", "Thailand"]


def wrapper(server: str, query: str, fmt: str) -> SPARQLWrapper:
    client = SPARQLWrapper(server + "/sparql", returnFormat=fmt)
    client.setQuery(query)
    return client


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_select(sparql_server, fmt):
    result = wrapper(sparql_server, SELECT, fmt).queryAndConvert()
    if fmt == JSON:
        names = [b["name"]["value"] for b in result["results"]["bindings"]]
    elif fmt == XML:
        names = [n.firstChild.firstChild.data for n in result.getElementsByTagName("binding")]
    elif fmt == CSV:
        names = result.decode().splitlines()[1:]
    else:
        names = [line.split('"')[1] for line in result.decode().splitlines()[1:]]
    assert names == ASIAN


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_sparqlwrapper_ask(sparql_server, fmt):
    result = wrapper(sparql_server, f"ASK {{ <{LITHUANIA}> owl:sameAs wd:Q37 }}", fmt) \
        .queryAndConvert()
    value = result["boolean"] if fmt == JSON else \
        result.getElementsByTagName("boolean")[0].firstChild.data == "true"
    assert value is True


@pytest.mark.parametrize("fmt", [TURTLE, RDFXML, XML, JSONLD])
@pytest.mark.parametrize("form", ["construct", "describe"])
def test_sparqlwrapper_graphs(sparql_server, oxigraph_store, fmt, form):
    from osce_kg.store.embedded.store import OxigraphStore

    query = (f"CONSTRUCT {{ <{LITHUANIA}> ?p ?o }} WHERE {{ <{LITHUANIA}> ?p ?o }}"
             if form == "construct" else f"DESCRIBE <{LITHUANIA}>")
    result = wrapper(sparql_server, query, fmt).queryAndConvert()
    graph = result if isinstance(result, Graph) else Graph().parse(
        data=result, format={TURTLE: "turtle", JSONLD: "json-ld"}[fmt])
    expected = OxigraphStore(oxigraph_store, build_id="x").construct(query)
    assert graph.isomorphic(expected)
    assert (LITHUANIA, URIRef(PREFIXES["rdfs"] + "label"), Literal("Litauen", lang="de")) in graph


def test_sparqlstore_answers_the_competency_questions(sparql_server):
    graph = Graph(SPARQLStore(sparql_server + "/sparql", returnFormat="json"))
    answers = {e.name: [tuple(str(v) if v is not None else None for v in row)
                        for row in graph.query(e.text, initNs=PREFIXES)]
               for e in example_queries()}
    assert answers["cq01-participating-states"] == [("57",)]
    assert [r[1] for r in answers["cq02-mediterranean-partners"]] == \
        ["Algeria", "Egypt", "Israel", "Jordan", "Morocco", "Tunisia"]
    assert [r[1] for r in answers["cq03-chair-2025"]] == ["Finland"]
    assert len(answers["cq04-active-field-operations"]) == 12
    assert len(answers["cq05-fields-of-work"]) == 23
    assert any(r[2] == "2007-10-26" for r in answers["cq06-trafficking-releases"])
    assert {r[1] for r in answers["cq07-quoted-in-vilnius-release"]} == \
        {"Eva Biaudet", "Fidel Lopez", "Raimondas Sukys"}
    assert [(r[1], r[3]) for r in answers["cq08-where-issued"]] == [("Vilnius", "Lithuania")]
    assert len(answers["cq09-secretariat-units"]) == 11
    assert {r[4].rsplit("/", 1)[1] for r in answers["cq10-event-of-release"]} >= \
        {"osce", "lithuania", "unodc"}
    assert answers["cq11-hungary-in-german"] == [("Ungarn",)]
    assert answers["cq12-lithuania-in-wikidata"] == [("http://www.wikidata.org/entity/Q37",)]
    assert [r[2] for r in answers["cq13-chair-in-release-year"]] == ["Spain"]
    assert [r[1] for r in answers["cq14-joined-after-2000"]] == ["Serbia", "Montenegro", "Mongolia"]


def test_mixed_load_without_a_failed_request(sparql_server):
    queries = [e.text for e in example_queries()]
    targets = [("GET", "/sparql", {"params": {"query": q}}) for q in queries]
    targets += [("POST", "/sparql", {"data": {"query": q}}) for q in queries[:4]]
    targets += [("GET", p, {}) for p in ("/page/state/lithuania", "/data/state/lithuania.ttl",
                                         "/sparql", "/dumps/osce-kg.nt.gz")]
    deadline = time.monotonic() + 5.0

    def client(n: int) -> list[int]:
        statuses = []
        with requests.Session() as session:
            i = n
            while time.monotonic() < deadline:
                method, path, kwargs = targets[i % len(targets)]
                statuses.append(session.request(method, sparql_server + path, timeout=30,
                                                **kwargs).status_code)
                i += 1
        return statuses

    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = [s for run in pool.map(client, range(10)) for s in run]
    assert len(statuses) > 50
    assert set(statuses) == {200}


@pytest.mark.browser
def test_the_editor_runs_an_example_in_chromium(sparql_server, browser_page, artifacts):
    page = browser_page
    page.goto(sparql_server + "/sparql")
    page.wait_for_selector("#sparql-form[data-ready=true]")
    page.select_option("#sparql-examples", label="Which are the Mediterranean "
                                                 "Partners for Co-operation?")
    page.wait_for_selector(".results-table tbody tr:nth-child(6)")
    rows = page.locator(".results-table tbody tr").all_inner_texts()
    assert len(rows) == 6 and any("Algeria" in row for row in rows)
    hrefs = page.eval_on_selector_all(".results-table a",
                                      "as => as.map(a => a.getAttribute('href'))")
    assert "/page/state/algeria" in hrefs
    page.screenshot(path=str(artifacts / "sparql-editor.png"), full_page=True)
    page.click("a[href='/page/state/algeria']")
    page.wait_for_load_state()
    assert page.url == sparql_server + "/page/state/algeria"
    assert page.console_errors == []
