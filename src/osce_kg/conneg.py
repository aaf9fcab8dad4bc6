"""Content negotiation from one table: media type ↔ format ↔ suffix ↔ rdflib/pyoxigraph name.

Graph offers (entity data, CONSTRUCT/DESCRIBE, ontology, dumps) and result offers (SELECT/ASK)
are kept separate. :func:`choose` applies the precedence: an explicit suffix or ``format=``
value, then the ``Accept`` header with its q-values, then the default; ``NotAcceptable`` (listing
the offers) when nothing fits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from osce_kg.errors import NotAcceptable

# An Accept header longer than this, or with more ranges, is treated as absurd: only its
# first ranges are read (a client cannot make negotiation cost more than this).
MAX_ACCEPT_CHARS = 4096
MAX_ACCEPT_RANGES = 64


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


TURTLE = Format("turtle", "text/turtle", "ttl", "turtle", "TURTLE", "graph",
                ("application/x-turtle", "ttl"), "Turtle")
NTRIPLES = Format("ntriples", "application/n-triples", "nt", "nt", "N_TRIPLES", "graph",
                  ("nt", "n-triples", "text/n-triples"), "N-Triples")
JSONLD = Format("jsonld", "application/ld+json", "jsonld", "json-ld", "JSON_LD", "graph",
                ("json-ld", "application/json"), "JSON-LD")
RDFXML = Format("rdfxml", "application/rdf+xml", "rdf", "xml", "RDF_XML", "graph",
                ("rdf+xml", "xml"), "RDF/XML")
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


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """``[(media range, q)]`` from an Accept header; malformed ranges are skipped."""
    ranges: list[tuple[str, float]] = []
    for part in (header or "")[:MAX_ACCEPT_CHARS].split(",")[:MAX_ACCEPT_RANGES]:
        media, *params = (p.strip() for p in part.split(";"))
        media = media.lower()
        if media.count("/") != 1 or not all(media.split("/")):
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges


def _quality(fmt: Format, ranges: list[tuple[str, float]]) -> tuple[float, int]:
    """(q, specificity) of the most specific range matching ``fmt`` (RFC 9110 §12.5.1)."""
    best: tuple[int, float] | None = None
    types = (fmt.media_type, *(a for a in fmt.aliases if "/" in a))
    own_major = fmt.media_type.split("/")[0]
    for media, q in ranges:
        major, minor = media.split("/")
        if media in types:  # aliases match exactly; wildcards only the main media type
            spec = 3 if media == fmt.media_type else 2
        elif minor == "*" and major == own_major:
            spec = 1
        elif media == "*/*":
            spec = 0
        else:
            continue
        if best is None or spec > best[0]:
            best = (spec, q)
    return (best[1], best[0]) if best else (0.0, -1)


def choose(accept: str | None, offers: Sequence[Format], default: Format,
           override: str | None = None) -> Format:
    """The format to answer with.

    ``override`` (a URL suffix or a ``format=`` value: name, suffix or media type) wins;
    else the Accept header's best offer (ties go to ``default``, then to the order of
    ``offers``); else ``default`` when there is no Accept header at all.
    """
    if override:
        wanted = override.strip().lower().lstrip(".")
        found = next((f for f in offers if wanted in f.names), None)
        if found is None:
            raise NotAcceptable(f"format {override!r} is not offered here",
                                offers=[f.media_type for f in offers])
        return found
    if not accept or not accept.strip():
        return default
    ranges = parse_accept(accept)
    if not ranges:
        return default
    scored = []
    for index, fmt in enumerate(offers):
        q, _ = _quality(fmt, ranges)
        if q > 0:
            scored.append((-q, 0 if fmt == default else 1, index, fmt))
    if not scored:
        raise NotAcceptable("none of the offered media types is acceptable",
                            offers=[f.media_type for f in offers])
    return min(scored, key=lambda item: item[:3])[3]


def alternates(offers: Sequence[Format] = GRAPH_OFFERS) -> list[Format]:
    """The RDF formats an HTML page links to as ``rel="alternate"``."""
    return [f for f in offers if f.kind == "graph"]
