"""The one format table: media type ↔ format name ↔ suffix ↔ rdflib/pyoxigraph name.

Graph offers (entity data, CONSTRUCT/DESCRIBE, ontology, dumps) and result offers (SELECT/ASK)
are kept separate. Every module that names a serialisation looks it up here; the web layer
negotiates over these offers (``osce_kg.web.negotiation``, Accept read by werkzeug).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

import pyoxigraph as ox


@dataclass(frozen=True)
class Format:
    """One representation the server can produce."""

    name: str                    # the `format=` value, e.g. "turtle"
    media_type: str              # the Content-Type sent
    suffix: str | None           # the URL suffix without dot, e.g. "ttl"
    rdflib: str | None           # rdflib serializer/parser name
    oxigraph: str | None         # attribute of pyoxigraph.RdfFormat / QueryResultsFormat
    kind: str                    # "graph" | "results" | "page"
    aliases: tuple[str, ...] = ()  # other media types and names that select it
    label: str = ""
    file_suffixes: tuple[str, ...] = ()  # other file name suffixes read as this format

    @property
    def rdf_format(self) -> ox.RdfFormat:
        """pyoxigraph's RDF format (graph and dataset formats)."""
        return getattr(ox.RdfFormat, str(self.oxigraph))

    @property
    def results_format(self) -> ox.QueryResultsFormat:
        """pyoxigraph's query results format (result formats)."""
        return getattr(ox.QueryResultsFormat, str(self.oxigraph))

    @property
    def names(self) -> tuple[str, ...]:
        """Everything a client may write in ``format=`` to select this format."""
        return (self.name, self.media_type, *((self.suffix,) if self.suffix else ()), *self.aliases)

    @property
    def content_type(self) -> str:
        """The Content-Type header value (text types carry their charset)."""
        if self.media_type.startswith("text/") or self.media_type.endswith(("+json", "+xml")) \
                or self.media_type == "application/n-triples":
            return f"{self.media_type}; charset=utf-8"
        return self.media_type


# Aliases: other media types, and the short names clients send in ``format=``/``output=``/
# ``results=`` (SPARQLWrapper, Fuseki's and Virtuoso's names). N3 asks for Turtle (a subset of it);
# text/plain for N-Triples (rdflib asks so, older engines answer so).
TURTLE = Format("turtle", "text/turtle", "ttl", "turtle", "TURTLE", "graph",
                ("application/x-turtle", "n3", "text/n3", "text/rdf+n3"), "Turtle")
NTRIPLES = Format("ntriples", "application/n-triples", "nt", "nt", "N_TRIPLES", "graph",
                  ("nt", "n-triples", "text/n-triples", "text/plain"),  # text/plain: RDF 1.0's
                  "N-Triples")
JSONLD = Format("jsonld", "application/ld+json", "jsonld", "json-ld", "JSON_LD", "graph",
                ("json-ld", "json", "application/json"), "JSON-LD")
RDFXML = Format("rdfxml", "application/rdf+xml", "rdf", "xml", "RDF_XML", "graph",
                ("rdf+xml", "xml"), "RDF/XML", (".owl", ".xml"))
HTML = Format("html", "text/html", "html", None, None, "page",
              ("application/xhtml+xml",), "HTML")
RESULTS_JSON = Format("json", "application/sparql-results+json", "srj", None, "JSON", "results",
                      ("application/json", "srj"), "SPARQL JSON")
RESULTS_XML = Format("xml", "application/sparql-results+xml", "srx", None, "XML", "results",
                     ("application/xml", "text/xml", "srx"), "SPARQL XML")
RESULTS_CSV = Format("csv", "text/csv", "csv", None, "CSV", "results", (), "CSV")
RESULTS_TSV = Format("tsv", "text/tab-separated-values", "tsv", None, "TSV", "results", (), "TSV")
# Error bodies and small APIs: JSON for JSON-minded clients, plain text for RDF and CSV clients.
JSON = Format("json", "application/json", "json", None, None, "api",
              ("application/sparql-results+json", "application/ld+json"), "JSON")
TEXT = Format("text", "text/plain", "txt", None, None, "api",
              ("text/turtle", "application/n-triples", "application/rdf+xml", "text/csv",
               "text/tab-separated-values", "application/sparql-results+xml"), "text")

# read from files (build sources, dumps), never negotiated
NQUADS = Format("nquads", "application/n-quads", "nq", "nquads", "N_QUADS", "dataset", (),
                "N-Quads")
TRIG = Format("trig", "application/trig", "trig", "trig", "TRIG", "dataset", (), "TriG")
N3 = Format("n3", "text/n3", "n3", "n3", "N3", "graph", (), "N3")
READABLE: tuple[Format, ...] = (TURTLE, NTRIPLES, NQUADS, TRIG, RDFXML, JSONLD, N3)

FORMATS: tuple[Format, ...] = (TURTLE, NTRIPLES, JSONLD, RDFXML, HTML,
                               RESULTS_JSON, RESULTS_XML, RESULTS_CSV, RESULTS_TSV)

GRAPH_OFFERS: tuple[Format, ...] = (TURTLE, NTRIPLES, JSONLD, RDFXML)
PAGE_OFFERS: tuple[Format, ...] = (HTML, *GRAPH_OFFERS)
RESULT_OFFERS: tuple[Format, ...] = (RESULTS_JSON, RESULTS_XML, RESULTS_CSV, RESULTS_TSV)
ERROR_OFFERS: tuple[Format, ...] = (TEXT, JSON, HTML)


def by_suffix(suffix: str, offers: Sequence[Format] = GRAPH_OFFERS) -> Format | None:
    """The offer with this URL suffix (``"ttl"``, ``".ttl"``), or ``None``."""
    wanted = suffix.lower().lstrip(".")
    return next((f for f in offers if f.suffix == wanted), None)


def by_media_type(media_type: str, offers: Sequence[Format] = FORMATS) -> Format | None:
    """The offer whose media type (or alias) is ``media_type`` (parameters ignored)."""
    wanted = media_type.split(";", 1)[0].strip().lower()
    return next((f for f in offers if wanted == f.media_type or wanted in f.aliases), None)


def by_file_name(name: str | PurePath, offers: Sequence[Format] = READABLE) -> Format | None:
    """The format of a file from its suffix (``.gz`` ignored): ``osce-kg.nt.gz`` is N-Triples,
    ``x.owl`` RDF/XML; ``None`` for an unknown suffix."""
    suffixes = [s.lower() for s in PurePath(name).suffixes if s.lower() != ".gz"]
    if not suffixes:
        return None
    ext = suffixes[-1]
    return next((f for f in offers if f.suffix == ext[1:] or ext in f.file_suffixes), None)
