"""Answers made comparable: result sets as sorted rows of terms, graphs as rdflib graphs; the
server's own answer to compare each client's with."""

from __future__ import annotations

import io
from typing import Any

import requests
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.query import Result

RESULT_PARSERS = {"application/sparql-results+json": "json", "application/json": "json",
                  "application/sparql-results+xml": "xml", "application/xml": "xml",
                  "text/csv": "csv", "text/tab-separated-values": "tsv"}
GRAPH_PARSERS = {"text/turtle": "turtle", "text/n3": "n3", "application/n-triples": "nt",
                 "application/ld+json": "json-ld", "application/rdf+xml": "xml"}
ASK_COLUMN = "_askResult"
Rows = list[tuple[tuple[str, Any], ...]]

LITHUANIA = "https://w3id.org/osce/id/state/lithuania"


def queries_in(lang: str) -> dict[str, str]:
    """One query of each form, by form, without prologue: the participating States named in
    ``lang`` (each client's tests ask in a language of their own), Lithuania's Wikidata link,
    the States' descriptions, Lithuania described."""
    return {
        "select": ("SELECT ?state ?name ?since WHERE { ?state a osce:ParticipatingState ; "
                   f"rdfs:label ?name ; osce:participatingSince ?since FILTER(lang(?name) = '{lang}') }}"),
        "ask": f"ASK {{ <{LITHUANIA}> owl:sameAs wd:Q37 }}",
        "construct": "CONSTRUCT { ?s ?p ?o } WHERE { ?s a osce:ParticipatingState ; ?p ?o }",
        "describe": f"DESCRIBE <{LITHUANIA}>",
    }


def media_type_of(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def comparable(term: Any, *, lossy: bool) -> Any:
    """A term as it can be compared across answers: blank nodes all alike; CSV keeps only text
    (its lexical forms carry neither datatype nor language)."""
    if term is None:
        return "" if lossy else None
    if isinstance(term, BNode):
        return "_:b"
    if lossy:
        return str(term)
    if isinstance(term, (URIRef, Literal)):
        return term
    return term


def rows_of(result: Result, *, lossy: bool = False) -> Rows | bool:
    if result.type == "ASK":
        return bool(result.askAnswer)
    names = [str(v) for v in result.vars or []]
    if names == [ASK_COLUMN]:  # ASK in CSV/TSV (not in SPARQL 1.1; oxigraph's and Jena's way)
        return [str(row[ASK_COLUMN]).lower() for row in result] == ["true"]
    rows = [tuple((name, comparable(row[name] if name in row.labels else None, lossy=lossy))
                  for name in sorted(names)) for row in result]
    return sorted(rows, key=repr)


def parse_rows(body: bytes, media_type: str) -> Rows | bool:
    """A result set (or ASK's boolean) from its serialization."""
    parser = RESULT_PARSERS[media_type_of(media_type)]
    return rows_of(Result.parse(io.BytesIO(body), format=parser), lossy=parser == "csv")


def parse_graph(body: bytes, media_type: str, base: str | None = None) -> Graph:
    parser = GRAPH_PARSERS[media_type_of(media_type)]
    return Graph().parse(data=body, format=parser, publicID=base)


def own_rows(server: str, query: str, *, lossy: bool = False) -> Rows | bool:
    """The server's own answer to ``query`` (SPARQL JSON), as rows."""
    answer = requests.get(server + "/sparql", params={"query": query}, timeout=60,
                          headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 200, answer.text[:500]
    result = Result.parse(io.BytesIO(answer.content), format="json")
    return rows_of(result, lossy=lossy)


def own_graph(server: str, query: str) -> Graph:
    answer = requests.get(server + "/sparql", params={"query": query}, timeout=60,
                          headers={"Accept": "application/n-triples"})
    assert answer.status_code == 200, answer.text[:500]
    return Graph().parse(data=answer.content, format="nt")


def assert_same_graph(expected: Graph, actual: Graph) -> None:
    assert len(expected) > 0
    assert isomorphic(expected, actual), (
        f"{len(expected)} triples expected, {len(actual)} received")
