"""``/sparql``: the SPARQL 1.1 Protocol (queries only), the service description, the editor.

A request is read (parameters, body limits, strict UTF-8), the query goes through the guard
once (``QueryService.check``), the format is negotiated (``format=`` or Accept), and the
answer comes from the query service (``osce_kg.query.service``: the result cache or the store's
evaluator). Every refusal is an ``errors.py`` exception; ``web/errors.py`` writes the response.
"""

from __future__ import annotations

import functools
import urllib.parse
from dataclasses import dataclass

from flask import Blueprint, Flask, Response, current_app, render_template, request
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, VOID

from osce_kg import conneg
from osce_kg.conneg import GRAPH_OFFERS, RESULT_OFFERS
from osce_kg.errors import InputError, NotOffered, QueryRefused, TooLarge
from osce_kg.namespaces import DATASET_IRI, ID_BASE, SD, bind_prefixes
from osce_kg.query.guard import example_queries
from osce_kg.query.service import QueryService
from osce_kg.store.base import QueryRequest
from osce_kg.store.embedded.evaluator import peer_closed
from osce_kg.web.links import public_url
from osce_kg.web.negotiation import accepted_ranges, by_name, choose, quality
from osce_kg.web.state import AppState, state

bp = Blueprint("sparql", __name__)

FORMATS = Namespace("http://www.w3.org/ns/formats/")
RESULT_FORMATS = (FORMATS.SPARQL_Results_JSON, FORMATS.SPARQL_Results_XML,
                  FORMATS.SPARQL_Results_CSV, FORMATS.SPARQL_Results_TSV, FORMATS.Turtle,
                  FORMATS["N-Triples"], FORMATS["JSON-LD"], FORMATS.RDF_XML)
QUERY_PARAMS = frozenset({"query", "default-graph-uri", "named-graph-uri"})
FORMAT_PARAMS = ("format", "output", "results")  # SPARQLWrapper sends all three
PAGE_PARAMS = frozenset({"lang"})  # the editor page's interface language (links keep it)
UPDATE_PARAMS = frozenset({"update", "using-graph-uri", "using-named-graph-uri"})
TRUNCATED_HEADER = "OSCE-KG-Truncated"
PAGING_HELP = "/sparql#paging"
FORM_TYPE = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
READ_ONLY = ("this endpoint is read-only: SPARQL Update requests are refused; "
             "only SELECT, ASK, CONSTRUCT and DESCRIBE queries are answered")


@dataclass(frozen=True)
class ProtocolRequest:
    """The protocol operation's parameters, decoded and checked."""

    query: str | None
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    formats: tuple[str, ...]


@bp.record_once
def _open_endpoint(setup) -> None:
    app: Flask = setup.app
    app_state: AppState = app.extensions["osce_kg"]
    app.extensions["osce_kg_sparql"] = QueryService(app_state.store, app_state.settings,
                                                    cache_root=app_state.dist / "cache")


def query_service() -> QueryService:
    return current_app.extensions["osce_kg_sparql"]


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS"])
def endpoint() -> Response:
    if request.method == "OPTIONS":
        return Response(status=204)
    protocol = read_protocol(state().settings.max_body_bytes)
    if protocol.query is None or _wants_editor(protocol):
        return describe_service(protocol.query)
    service = query_service()
    info = service.check(protocol.query)
    fmt = negotiate(info.form, protocol.formats)
    query = QueryRequest(info.text, info.form, fmt.media_type, protocol.default_graphs,
                         protocol.named_graphs, client_gone=client_watch())
    etag = service.etag(query)
    if request.method in ("GET", "HEAD") and request.if_none_match.contains(etag):
        return _tagged(Response(status=304), etag)
    answer = service.answer(query)
    response = Response(answer.body, content_type=fmt.content_type)
    response.vary.add("Accept")
    if answer.truncated:
        response.headers[TRUNCATED_HEADER] = "true"
        response.headers["Link"] = f'<{PAGING_HELP}>; rel="help"'
    elif request.method in ("GET", "HEAD"):
        _tagged(response, etag)
    return response


def _tagged(response: Response, etag: str) -> Response:
    response.set_etag(etag)
    response.vary.add("Accept")
    return response


def read_protocol(max_body_bytes: int) -> ProtocolRequest:
    """The query and dataset of a GET, form POST or direct POST (400/413 when malformed)."""
    if request.content_length is not None and request.content_length > max_body_bytes:
        raise TooLarge(f"the request body has {request.content_length:,} bytes; this "
                              f"endpoint accepts at most {max_body_bytes:,}")
    params = _decode_pairs(request.query_string)
    body_query: list[str] = []
    if request.method == "POST":
        media_type = (request.mimetype or "").lower()
        if media_type == UPDATE_TYPE:
            raise QueryRefused(READ_ONLY)
        body = request.get_data(cache=False)
        if media_type == FORM_TYPE:
            params += _decode_pairs(body)
        elif media_type == QUERY_TYPE:
            body_query.append(_utf8(body, "the query"))
        else:
            raise InputError("POST a query as application/x-www-form-urlencoded (query=…) or "
                             f"as application/sparql-query, not {media_type or 'no type'}")
    names = {name for name, _ in params}
    if names & UPDATE_PARAMS:
        raise QueryRefused(READ_ONLY)
    unknown = names - QUERY_PARAMS - set(FORMAT_PARAMS) - PAGE_PARAMS
    if unknown:
        raise InputError(f"unknown parameter {sorted(unknown)[0]!r}: this endpoint reads query, "
                         "default-graph-uri, named-graph-uri and format")
    queries = body_query + [value for name, value in params if name == "query"]
    if len(queries) > 1:
        raise InputError("exactly one query per request, please: the request has "
                         f"{len(queries)}")

    def values(name: str) -> tuple[str, ...]:
        return tuple(value for key, value in params if key == name)

    return ProtocolRequest(queries[0] if queries else None, values("default-graph-uri"),
                           values("named-graph-uri"),
                           tuple(v for n in FORMAT_PARAMS for v in values(n) if v))


def _decode_pairs(raw: bytes) -> list[tuple[str, str]]:
    text = _utf8(raw, "the parameters")
    try:
        return urllib.parse.parse_qsl(text, keep_blank_values=True, max_num_fields=200,
                                      encoding="utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        raise InputError(f"a parameter is not valid UTF-8 once decoded (byte {exc.start})") \
            from exc
    except ValueError as exc:
        raise InputError(f"malformed parameters: {exc}") from exc


def _utf8(raw: bytes, what: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{what} is not valid UTF-8 (byte {exc.start})") from exc


def negotiate(form: str, formats: tuple[str, ...]) -> conneg.Format:
    """The answer's format for a query of this form (docs/protocol.md, "Formats").

    The first ``format=``/``output=``/``results=`` value that names one of the form's formats
    wins (SPARQLWrapper sends all three); other values are ignored and Accept decides. When
    Accept names only formats of the other query forms (a result-set type on a CONSTRUCT,
    Turtle on a SELECT), the form's default is sent instead of 406; Accept that names no
    SPARQL format at all is 406, listing the form's formats.
    """
    offers = GRAPH_OFFERS if form in ("construct", "describe") else RESULT_OFFERS
    for value in formats:
        found = by_name(value, offers)
        if found is not None:
            return found
    accept = request.headers.get("Accept")
    try:
        return choose(accept, offers, offers[0])
    except NotOffered:
        other = RESULT_OFFERS if offers is GRAPH_OFFERS else GRAPH_OFFERS
        ranges = accepted_ranges(accept)
        if any(quality(f, ranges) > 0 for f in other):
            return offers[0]
        raise


def _wants_editor(protocol: ProtocolRequest) -> bool:
    """A browser following a query link (``/sparql?query=…`` from a page): show the editor."""
    if protocol.formats or request.method != "GET":
        return False
    accept = request.headers.get("Accept")
    if not accept or ("html" not in accept.lower() and "*" not in accept):
        return False  # HTML wins only through text/html, application/xhtml+xml or a wildcard
    offers = (conneg.HTML, *conneg.RESULT_OFFERS, *conneg.GRAPH_OFFERS)
    try:
        return choose(accept, offers, conneg.RESULTS_JSON) is conneg.HTML
    except NotOffered:
        return False


def describe_service(query: str | None) -> Response:
    """The editor page for browsers, else the service description (Turtle by default)."""
    fmt = negotiate_page()
    if fmt is conneg.HTML:
        response = Response(render_template(
            "sparql.html", query=query, examples=example_queries(),
            id_base=ID_BASE, settings=state().settings))
    else:
        app_state = state()
        body = app_state.cached(f"sparql-sd-{fmt.name}", lambda: bind_prefixes(
            service_description(app_state)).serialize(format=fmt.rdflib, encoding="utf-8"))
        response = Response(body, content_type=fmt.content_type)
    response.vary.add("Accept")
    return response


def negotiate_page() -> conneg.Format:
    override = request.args.get("format") or None
    return choose(request.headers.get("Accept"), conneg.PAGE_OFFERS, conneg.TURTLE, override)


def service_description(app_state: AppState) -> Graph:
    """``sd:Service`` with its endpoint, language, result formats and default dataset (VoID)."""
    graph = Graph()
    void = app_state.void_graph()
    if void is not None:
        graph += void
    service = BNode("service")
    endpoint_iri = URIRef(public_url("/sparql"))
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, endpoint_iri))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for fmt in RESULT_FORMATS:
        graph.add((service, SD.resultFormat, fmt))
    default_graph = BNode("default-graph")
    graph.add((service, SD.defaultDataset, DATASET_IRI))
    graph.add((DATASET_IRI, RDF.type, SD.Dataset))
    graph.add((DATASET_IRI, SD.defaultGraph, default_graph))
    graph.add((default_graph, RDF.type, SD.Graph))
    graph.add((default_graph, VOID.triples, Literal(app_state.store.triple_count())))
    return graph


def client_watch():
    """A check that the client has gone away (so its query can be stopped), under gunicorn."""
    sock = request.environ.get("gunicorn.socket")
    return functools.partial(peer_closed, sock) if sock is not None else None
