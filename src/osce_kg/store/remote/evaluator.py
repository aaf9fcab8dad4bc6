"""The public endpoint on a remote engine: user queries forwarded with their limits.

:class:`RemoteEvaluator` takes a :class:`~osce_kg.store.base.QueryRequest` that the query
service's guard accepted (``osce_kg.query.service``: no updates, no ``SERVICE`` but to allowed
endpoints) and forwards it:

- to the current loaded version's graph (``default-graph-uri``) unless the request names
  its own dataset;
- with the time limit as the HTTP timeout, and on Virtuoso also as its ``timeout`` parameter
  (Virtuoso then answers with partial results and ``X-SQL-State: S1TAT``, which we turn into
  ``QueryTimeout`` like the embedded store does) and the row cap + 1 as ``maxrows``;
- with the negotiated media type as ``Accept`` when the engine writes that format faithfully
  (SPARQL JSON and XML; N-Triples, Turtle, RDF/XML), otherwise in SPARQL JSON or N-Triples,
  then re-serialized here. Answers over the row cap are cut to it and marked truncated.
"""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING

import pyoxigraph as ox
from lxml import etree
from rdflib import BNode, Graph
from rdflib.query import Result
from rdflib.term import Variable

from osce_kg import conneg
from osce_kg.errors import BadQuery, QueryTimeout, StoreUnavailable
from osce_kg.namespaces import bind_prefixes
from osce_kg.rdf.results import (
    RESULT_MEDIA_TYPES,
    XML_RESULTS,
    write_boolean,
    write_solutions,
)
from osce_kg.rdf.terms import to_oxigraph
from osce_kg.store.base import QueryAnswer, QueryRequest
from osce_kg.store.remote.engine import (
    GRAPH_ACCEPT,
    JSON_RESULTS,
    UNREADABLE_REPLY,
    Reply,
    boolean_from_json,
    graph_from_reply,
    rows_from_json,
)

if TYPE_CHECKING:
    from osce_kg.store.remote.store import RemoteStore

# formats engines write faithfully (Virtuoso's TSV quotes IRIs; its JSON-LD loses datatypes)
RESULTS_PASS_THROUGH = {JSON_RESULTS, XML_RESULTS}
GRAPH_PASS_THROUGH = {f.media_type for f in (conneg.NTRIPLES, conneg.TURTLE, conneg.RDFXML)}
_SRX = "{http://www.w3.org/2005/sparql-results#}"
# extra seconds the HTTP client waits beyond the query's own limit (transfer, engine overhead)
HTTP_GRACE_S = 2.0


class RemoteEvaluator:
    """The :class:`~osce_kg.store.base.QueryEvaluator` of a :class:`RemoteStore`."""

    def __init__(self, store: RemoteStore) -> None:
        self.store = store

    def evaluate(self, request: QueryRequest, *, timeout_s: float, max_rows: int) -> QueryAnswer:
        engine = self.store.engine
        version = self.store.version()
        defaults = request.default_graphs
        if not defaults and not request.named_graphs and version.graph:
            defaults = (version.graph,)
        params = {}
        if engine.is_virtuoso:
            params = {"timeout": str(int(timeout_s * 1000)), "maxrows": str(max_rows + 1)}
        form = request.form.lower()
        graph_form = form in ("construct", "describe")
        wanted = request.media_type.split(";")[0].strip().lower()
        accept = _accept_for(wanted, graph_form)
        try:
            reply = engine.query(request.text, form=form, accept=accept, default_graphs=defaults,
                                 named_graphs=request.named_graphs, params=params,
                                 timeout_s=timeout_s + HTTP_GRACE_S)
        except QueryTimeout as exc:
            raise QueryTimeout(f"the query did not finish within {timeout_s:g} s",
                               limit_s=timeout_s) from exc
        if reply.headers.get("X-SQL-State") == "S1TAT":
            raise QueryTimeout(f"the query did not finish within {timeout_s:g} s",
                               limit_s=timeout_s)
        if graph_form:
            return graph_answer(reply, wanted, form, max_rows)
        return results_answer(reply, wanted, form, max_rows)

    def close(self) -> None:
        """Nothing to release."""


def _accept_for(wanted: str, graph_form: bool) -> str:
    if graph_form:
        return wanted if wanted in GRAPH_PASS_THROUGH else GRAPH_ACCEPT
    return wanted if wanted in RESULTS_PASS_THROUGH else JSON_RESULTS


# --- SELECT / ASK
def results_answer(reply: Reply, wanted: str, form: str, max_rows: int) -> QueryAnswer:
    if form == "ask":
        if reply.media_type == wanted:
            return QueryAnswer(reply.body, wanted, form)
        return QueryAnswer(write_boolean(_boolean(reply), wanted), wanted, form)
    rows = count_result_rows(reply)
    if reply.media_type == wanted and rows <= max_rows:
        return QueryAnswer(reply.body, wanted, form, rows=rows)
    result = parse_results(reply)
    truncated = len(result.bindings) > max_rows
    result.bindings = result.bindings[:max_rows]
    body = serialize_results(result, wanted)
    return QueryAnswer(body, wanted, form, truncated=truncated, rows=len(result.bindings))


def _boolean(reply: Reply) -> bool:
    if reply.media_type == JSON_RESULTS:
        return boolean_from_json(reply.body)
    return bool(parse_results(reply).askAnswer)


def count_result_rows(reply: Reply) -> int:
    try:
        if reply.media_type == JSON_RESULTS:
            return len(json.loads(reply.body)["results"]["bindings"])
        if reply.media_type == XML_RESULTS:
            return len(etree.fromstring(reply.body).findall(f"{_SRX}results/{_SRX}result"))
    except (ValueError, KeyError, TypeError, etree.XMLSyntaxError) as exc:
        raise StoreUnavailable(f"the engine sent unreadable results: {exc}") from exc
    return len(parse_results(reply).bindings)


def parse_results(reply: Reply) -> Result:
    if reply.media_type == JSON_RESULTS:  # our own reader knows the engines' JSON quirks
        result = Result("SELECT")
        data = json.loads(reply.body)
        result.vars = [Variable(v) for v in data.get("head", {}).get("vars", [])]
        result.bindings = [{Variable(k): v for k, v in row.items()}
                           for row in rows_from_json(reply.body)]
        return result
    try:
        return Result.parse(io.BytesIO(reply.body), content_type=reply.media_type)
    except UNREADABLE_REPLY as exc:
        raise StoreUnavailable(f"the engine sent unreadable results: {exc}") from exc


def serialize_results(result: Result, media_type: str) -> bytes:
    """The rows in ``media_type`` by the embedded store's writers (``osce_kg.rdf.results``): one
    writer per format for both backends (a multi-line literal stays on its TSV line)."""
    if media_type not in RESULT_MEDIA_TYPES:
        raise BadQuery(f"no results format {media_type}")
    names = [str(v) for v in result.vars or []]
    blank: dict[str, ox.BlankNode] = {}
    rows = [tuple(_oxigraph_term(row.get(v), blank) for v in result.vars or [])
            for row in result.bindings]
    return write_solutions(names, rows, media_type)


def _oxigraph_term(term, blank: dict[str, ox.BlankNode]):
    if term is None:
        return None
    if isinstance(term, BNode):  # engines' blank node labels need not be valid N-Triples ones
        if str(term) not in blank:
            try:
                blank[str(term)] = ox.BlankNode(str(term))
            except ValueError:
                blank[str(term)] = ox.BlankNode()
        return blank[str(term)]
    return to_oxigraph(term)


# --- CONSTRUCT / DESCRIBE
def graph_answer(reply: Reply, wanted: str, form: str, max_rows: int) -> QueryAnswer:
    graph = graph_from_reply(reply)
    count = len(graph)
    if reply.media_type == wanted and count <= max_rows:
        return QueryAnswer(reply.body, wanted, form, rows=count)
    truncated = count > max_rows
    if truncated:
        kept = Graph()
        for triple in sorted(graph)[:max_rows]:
            kept.add(triple)
        graph = kept
    fmt = conneg.by_media_type(wanted, conneg.GRAPH_OFFERS)
    if fmt is None:
        raise BadQuery(f"no graph format {wanted}")
    body = bind_prefixes(graph).serialize(format=fmt.rdflib, encoding="utf-8")
    return QueryAnswer(body, wanted, form, truncated=truncated, rows=len(graph))
