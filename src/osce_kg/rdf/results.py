"""SPARQL answers as bytes in the negotiated format, written inside an evaluator process.

SELECT solutions go through pyoxigraph's own writer and are counted and cut at the row cap
afterwards (the Python writers below take over past the native writer's budget); ASK answers
and CONSTRUCT/DESCRIBE triples are written here too. Formats: SPARQL 1.1 Query Results JSON,
XML, CSV and TSV; Turtle, N-Triples, JSON-LD and RDF/XML.
"""

from __future__ import annotations

import csv
import io
import json
from itertools import islice
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from osce_kg import conneg
from osce_kg.namespaces import PREFIXES

_GRAPH_PREFIXED = {ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML}
# `id:` would turn every entity into `id:state\/lithuania`: full IRIs read better
_GRAPH_PREFIXES = {p: iri for p, iri in PREFIXES.items() if p != "id"}
_XSD_STRING = ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")
JSON_RESULTS = conneg.RESULTS_JSON.media_type
XML_RESULTS = conneg.RESULTS_XML.media_type
CSV_RESULTS = conneg.RESULTS_CSV.media_type
TSV_RESULTS = conneg.RESULTS_TSV.media_type
RESULT_MEDIA_TYPES = tuple(f.media_type for f in conneg.RESULT_OFFERS)
GRAPH_MEDIA_TYPES = tuple(f.media_type for f in conneg.GRAPH_OFFERS)


def serialize_triples(result: ox.QueryTriples, media_type: str,
                      max_rows: int) -> tuple[bytes, bool, int]:
    """``(body, truncated, triples)``: the first ``max_rows`` triples streamed from the engine
    into pyoxigraph's writer (no Python list of them: several times faster on big answers)."""
    count = 0

    def counted():
        nonlocal count
        for triple in islice(result, max_rows):
            count += 1
            yield triple

    fmt = ox.RdfFormat.from_media_type(media_type)
    prefixes = _GRAPH_PREFIXES if fmt in _GRAPH_PREFIXED else None
    body = ox.serialize(counted(), format=fmt, prefixes=prefixes)
    return body, next(result, None) is not None, count


# --- SELECT results written by pyoxigraph, counted and cut at the row cap afterwards
_RESULTS_FORMATS = {f.media_type: f.results_format for f in conneg.RESULT_OFFERS}
# The native writer may write this much before the answer is counted (the result iterator
# cannot be stopped at the cap and serialized): past it, the Python writer starts again.
NATIVE_MIN_BYTES = 1 << 20
NATIVE_BYTES_PER_ROW = 256


class _OverBudget(Exception):
    """The native writer went past its budget."""


class _BoundedBuffer:
    """A binary writer that refuses to hold more than ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.data = bytearray()

    def write(self, chunk: bytes) -> int:
        if len(self.data) + len(chunk) > self.limit:
            raise _OverBudget
        self.data += chunk
        return len(chunk)

    def flush(self) -> None:
        """Nothing buffered here."""


def serialize_solutions(result: ox.QuerySolutions, media_type: str,
                        max_rows: int) -> tuple[bytes, bool, int] | None:
    """``(body, truncated, rows)`` written by pyoxigraph's serializer (several times faster than
    Python), then counted and cut at ``max_rows``; ``None`` when the answer is longer than the
    writer's budget or cannot be cut in this format (the caller writes it in Python)."""
    buffer = _BoundedBuffer(max(NATIVE_MIN_BYTES, (max_rows + 1) * NATIVE_BYTES_PER_ROW))
    try:
        result.serialize(buffer, format=_RESULTS_FORMATS[media_type])
    except _OverBudget:
        return None
    body = bytes(buffer.data)
    rows = count_rows(body, media_type)
    if media_type == JSON_RESULTS and rows > max_rows:
        document = json.loads(body)
        document["results"]["bindings"] = document["results"]["bindings"][:max_rows]
        return (json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode(),
                True, max_rows)
    if rows <= max_rows:
        return body, False, rows
    cut = _cut_rows(body, media_type, max_rows)
    return None if cut is None else (cut, True, max_rows)


def count_rows(body: bytes, media_type: str) -> int:
    """The number of solutions in an answer pyoxigraph wrote (values are escaped, so a tag or
    line break inside a value is never counted; CSV is parsed)."""
    if media_type == JSON_RESULTS:
        return _count_json_rows(body)
    if media_type == XML_RESULTS:
        return body.count(b"<result>")
    if media_type == TSV_RESULTS:
        return body.count(b"\n") - 1
    return sum(1 for _ in csv.reader(io.StringIO(body.decode("utf-8"), newline=""))) - 1


def _count_json_rows(body: bytes) -> int:
    """Solutions in pyoxigraph's compact JSON, without parsing it: consecutive solutions meet
    as ``}},{"`` + a variable name. A value can only fake that as its last characters
    ``}},{`` and its closing quote, which a ``,``, ``}`` or ``:`` follows, never a name. An
    empty solution (``{}``) or an unexpected layout is counted by parsing."""
    if not (body.startswith(b'{"head":{"vars":[') and body.endswith(b"]}}")) or b"{}" in body:
        return len(json.loads(body)["results"]["bindings"])
    if body.endswith(b'"bindings":[]}}'):
        return 0
    fakes = sum(body.count(b'}},{"' + follower) for follower in (b",", b"}", b":"))
    return body.count(b'}},{"') - fakes + 1


def _cut_rows(body: bytes, media_type: str, max_rows: int) -> bytes | None:
    if media_type == XML_RESULTS:
        end = _nth(body, b"<result>", max_rows + 1)
        return body[:end] + b"</results></sparql>"
    if media_type == TSV_RESULTS:  # the header line, then one line per solution
        return body[:_nth(body, b"\n", max_rows + 1) + 1]
    return None  # CSV: values may hold line breaks


def _nth(body: bytes, needle: bytes, n: int) -> int:
    """The index of the ``n``-th (1-based) occurrence of ``needle`` in ``body``."""
    index = -1
    for _ in range(n):
        index = body.index(needle, index + 1)
    return index


# --- SELECT and ASK results (SPARQL 1.1 Query Results JSON, XML, CSV and TSV)
def write_boolean(value: bool, media_type: str) -> bytes:
    word = "true" if value else "false"
    if media_type == JSON_RESULTS:
        return json.dumps({"head": {}, "boolean": value}).encode()
    if media_type == XML_RESULTS:
        return (f'<?xml version="1.0"?>\n<sparql xmlns="{_SRX}">\n<head/>\n'
                f"<boolean>{word}</boolean>\n</sparql>\n").encode()
    header = "_askResult" if media_type == CSV_RESULTS else "?_askResult"
    return f"{header}\r\n{word}\r\n".encode() if media_type == CSV_RESULTS \
        else f"{header}\n{word}\n".encode()


def write_solutions(names: list[str], rows: list[ox.QuerySolution], media_type: str) -> bytes:
    if media_type == JSON_RESULTS:
        bindings = [{n: _json_term(t) for n, t in zip(names, row, strict=True) if t is not None}
                    for row in rows]
        return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode()
    if media_type == XML_RESULTS:
        return _xml_results(names, rows).encode()
    if media_type == CSV_RESULTS:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(names)
        writer.writerows([_csv_term(t) for t in row] for row in rows)
        return out.getvalue().encode()
    lines = ["\t".join(f"?{n}" for n in names)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


_SRX = "http://www.w3.org/2005/sparql-results#"


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                        "predicate": _json_term(term.predicate),
                                        "object": _json_term(term.object)}}


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype != _XSD_STRING:
            return (f"<literal datatype={quoteattr(term.datatype.value)}>"
                    f"{escape(term.value)}</literal>")
        return f"<literal>{escape(term.value)}</literal>"
    return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>"
            f"{_xml_term(term.predicate)}</predicate><object>{_xml_term(term.object)}</object>"
            "</triple>")


def _xml_results(names: list[str], rows: list[ox.QuerySolution]) -> str:
    parts = [f'<?xml version="1.0"?>\n<sparql xmlns="{_SRX}">\n<head>']
    parts += [f"<variable name={quoteattr(n)}/>" for n in names]
    parts.append("</head>\n<results>")
    for row in rows:
        parts.append("<result>")
        parts += [f"<binding name={quoteattr(n)}>{_xml_term(t)}</binding>"
                  for n, t in zip(names, row, strict=True) if t is not None]
        parts.append("</result>")
    parts.append("</results>\n</sparql>\n")
    return "\n".join(parts)


def _csv_term(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


def _tsv_term(term) -> str:
    if term is None:
        return ""
    return str(term).replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
