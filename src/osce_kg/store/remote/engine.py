"""A remote SPARQL 1.1 engine (Virtuoso, QLever, GraphDB, Fuseki, Neptune …) reached over
HTTP with SPARQLWrapper.

:class:`Engine` is one endpoint; each request is a fresh HTTP request (no connection kept that
could go stale), with a timeout, retries with backoff on transient failures (connection refused
or reset, 502/503/504), and failures turned into ``osce_kg.errors`` exceptions
(``StoreUnavailable`` → 503 with the reason). The functions below read its answers into rdflib
terms. Credentials come from the settings (``OSCE_KG_REMOTE_USER`` /
``OSCE_KG_REMOTE_PASSWORD``) and never appear in logs, reprs or error messages.
"""

from __future__ import annotations

import http.client
import json
import logging
import math
import socket
import time
import urllib.error
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar
from xml.sax import SAXException

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.exceptions import Error as RdflibError
from rdflib.namespace import XSD
from SPARQLWrapper import BASIC, DIGEST, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
    URITooLong,
)

from osce_kg import conneg
from osce_kg.errors import BadQuery, OsceKgError, QueryTimeout, StoreUnavailable
from osce_kg.store.base import Row

if TYPE_CHECKING:
    from osce_kg.settings import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")

SCHEME_PREFIX = "sparql+"
JSON_RESULTS = conneg.RESULTS_JSON.media_type
GRAPH_ACCEPT = (f"{conneg.NTRIPLES.media_type}, {conneg.TURTLE.media_type};q=0.9, "
                f"{conneg.RDFXML.media_type};q=0.5")
TRANSIENT_STATUS = {429, 502, 503, 504}
# What rdflib's parsers raise on a malformed reply (probed on each format an engine may send):
# syntax errors (notation3's BadSyntax, lxml's XMLSyntaxError), rdflib's own errors (ParserError,
# PluginException for an unknown media type), SAX errors (RDF/XML), decoding errors (ValueError),
# and on well-formed input of the wrong shape LookupError, TypeError, AttributeError,
# StopIteration (empty CSV) or, from the JSON-LD parser, UnboundLocalError (a NameError);
# OSError when a JSON-LD @context cannot be fetched.
UNREADABLE_REPLY: tuple[type[Exception], ...] = (
    SyntaxError, ValueError, LookupError, TypeError, AttributeError, NameError, StopIteration,
    OSError, RdflibError, SAXException)
# What sending a request raises: :func:`classify` knows each of these.
ENGINE_FAILURES: tuple[type[Exception], ...] = (
    OsceKgError, SPARQLWrapperException, http.client.HTTPException, OSError)


def endpoint_of(location: str) -> str:
    """``sparql+http://h/sparql`` → ``http://h/sparql`` (plain URLs pass unchanged)."""
    return location[len(SCHEME_PREFIX):] if location.startswith(SCHEME_PREFIX) else location


@dataclass(frozen=True)
class Reply:
    """An engine's answer: body, media type (no parameters) and headers."""

    body: bytes
    media_type: str
    headers: Mapping[str, str]


class Engine:
    """HTTP access to one SPARQL endpoint (query and update), through SPARQLWrapper."""

    def __init__(self, endpoint: str, *, user: str | None = None, password: str | None = None,
                 auth: str = "digest", timeout_s: float = 10.0, retries: int = 3,
                 backoff_s: float = 0.2) -> None:
        if auth not in ("digest", "basic"):
            raise StoreUnavailable(f"unknown remote auth scheme {auth!r} (digest or basic)")
        self.endpoint = endpoint_of(endpoint)
        self._user, self._password, self._auth = user, password, auth
        self.timeout_s, self.retries, self.backoff_s = timeout_s, retries, backoff_s
        self.server: str = ""  # the engine's Server header, once it has answered

    @classmethod
    def from_settings(cls, settings: Settings, endpoint: str | None = None) -> Engine:
        return cls(endpoint or settings.store_location, user=settings.remote_user,
                   password=settings.remote_password, auth=settings.remote_auth,
                   timeout_s=settings.remote_timeout_s, retries=settings.remote_retries)

    def __repr__(self) -> str:
        who = f" as {self._user}" if self._user else ""
        return f"Engine({self.endpoint}{who})"

    @property
    def is_virtuoso(self) -> bool:
        return self.server.lower().startswith("virtuoso")

    # --- requests
    def query(self, text: str, *, form: str, accept: str, default_graphs: Sequence[str] = (),
              named_graphs: Sequence[str] = (), params: Mapping[str, str] | None = None,
              timeout_s: float | None = None, retries: int | None = None) -> Reply:
        """POST a query (``form``: select/ask/construct/describe) and return the raw reply."""
        def send() -> Reply:
            wrapper = self._wrapper(timeout_s)
            wrapper.queryString, wrapper.queryType = text, form.upper()
            for graph in default_graphs:
                wrapper.addParameter("default-graph-uri", graph)
            for graph in named_graphs:
                wrapper.addParameter("named-graph-uri", graph)
            for name, value in (params or {}).items():
                wrapper.addParameter(name, value)
            wrapper.addCustomHttpHeader("Accept", accept)
            return self._reply(wrapper)
        return self.retrying(send, retries)

    def update(self, text: str, *, timeout_s: float | None = None) -> None:
        """POST a SPARQL Update request (needs credentials on most engines)."""
        def send() -> Reply:
            wrapper = self._wrapper(timeout_s)
            wrapper.queryString, wrapper.queryType = text, "INSERT"
            return self._reply(wrapper)
        self.retrying(send)

    def _wrapper(self, timeout_s: float | None) -> SPARQLWrapper:
        wrapper = SPARQLWrapper(self.endpoint, updateEndpoint=self.endpoint,
                                agent="osce-kg (SPARQLWrapper)")
        wrapper.setMethod(POST)
        wrapper.setOnlyConneg(True)
        wrapper.setTimeout(math.ceil(timeout_s if timeout_s is not None else self.timeout_s))
        if self._user and self._password:
            wrapper.setHTTPAuth(DIGEST if self._auth == "digest" else BASIC)
            wrapper.setCredentials(self._user, self._password)
        return wrapper

    def _reply(self, wrapper: SPARQLWrapper) -> Reply:
        response = wrapper.query().response
        try:
            body = response.read()
        finally:
            response.close()
        headers = {k: v for k, v in response.headers.items()}
        self.server = headers.get("Server", self.server)
        media_type = headers.get("Content-Type", "").split(";")[0].strip().lower()
        return Reply(body, media_type, headers)

    def retrying(self, send: Callable[[], T], retries: int | None = None) -> T:
        """``send()``, retried with exponential backoff while the failure is transient."""
        attempts = 1 + max(0, self.retries if retries is None else retries)
        for attempt in range(attempts):
            try:
                return send()
            except ENGINE_FAILURES as exc:
                error, transient = classify(exc, self.endpoint)
                if error is None:
                    raise
                if not transient or attempt == attempts - 1:
                    raise error from exc
                delay = self.backoff_s * (2 ** attempt)
                log.info("engine %s: %s; retry %d/%d in %.1fs", self.endpoint, error,
                         attempt + 1, attempts - 1, delay)
                time.sleep(delay)
        raise AssertionError("unreachable")


def classify(exc: BaseException, endpoint: str) -> tuple[OsceKgError | None, bool]:
    """``(the error to raise, whether retrying may help)``; ``(None, False)`` for a bug."""
    if isinstance(exc, OsceKgError):
        return exc, False
    if isinstance(exc, QueryBadFormed):
        return BadQuery(f"the engine rejected the query: {_engine_message(exc)}"), False
    if isinstance(exc, Unauthorized):
        return StoreUnavailable(f"the engine at {endpoint} refused our credentials (401)"), False
    if isinstance(exc, EndPointNotFound):
        return StoreUnavailable(f"no SPARQL endpoint at {endpoint} (404)"), False
    if isinstance(exc, URITooLong):
        return BadQuery("the query is too long for the engine (414)"), False
    if isinstance(exc, EndPointInternalError):
        message = _engine_message(exc)
        if _is_timeout_message(message):
            return QueryTimeout(f"the engine stopped the query: {message}", limit_s=0.0), False
        return StoreUnavailable(f"the engine failed (500): {message}"), False
    if isinstance(exc, urllib.error.HTTPError):
        transient = exc.code in TRANSIENT_STATUS
        return StoreUnavailable(f"the engine at {endpoint} answered {exc.code} {exc.reason}"), \
            transient
    if isinstance(exc, (TimeoutError, socket.timeout)) or (
            isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, TimeoutError)):
        return QueryTimeout(f"the engine at {endpoint} did not answer in time", limit_s=0.0), False
    if isinstance(exc, urllib.error.URLError):
        return StoreUnavailable(f"cannot reach the engine at {endpoint}: {exc.reason}"), True
    if isinstance(exc, (ConnectionError, http.client.HTTPException, OSError)):
        return StoreUnavailable(f"lost the connection to the engine at {endpoint}: "
                                f"{exc.__class__.__name__}"), True
    if isinstance(exc, SPARQLWrapperException):
        return StoreUnavailable(f"engine error: {exc}"), False
    return None, False


def _engine_message(exc: SPARQLWrapperException) -> str:
    text = str(getattr(exc, "response", "") or exc)
    if "Response:" in text:
        text = text.split("Response:", 1)[1]
    text = text.strip().strip("b'\"").replace("\\n", "\n")
    first = next((line.strip() for line in text.splitlines() if line.strip()), text)
    return first[:300]


def _is_timeout_message(message: str) -> bool:
    lowered = message.lower()
    return ("timeout" in lowered or "timed out" in lowered or "S1T00" in message
            or "estimated execution time" in lowered)  # Virtuoso refuses what would exceed it


# --- parsing replies into rdflib terms
def term_from_json(value: Mapping[str, str]):
    """An rdflib term from one SPARQL JSON results binding (engine quirks normalised)."""
    kind, text = value["type"], value["value"]
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    lang = value.get("xml:lang") or value.get("lang")
    if lang:
        return Literal(text, lang=lang)
    datatype = value.get("datatype")
    if datatype is None or datatype == str(XSD.string):
        return Literal(text)
    if datatype == str(XSD.boolean) and text in ("0", "1"):  # Virtuoso writes 1/0
        text = "true" if text == "1" else "false"
    return Literal(text, datatype=URIRef(datatype))


def rows_from_json(body: bytes) -> list[Row]:
    try:
        data = json.loads(body)
        bindings = data["results"]["bindings"]
    except (ValueError, KeyError, TypeError) as exc:
        raise StoreUnavailable(f"the engine sent unreadable results: {exc}") from exc
    return [{name: term_from_json(v) for name, v in row.items()} for row in bindings]


def boolean_from_json(body: bytes) -> bool:
    try:
        return bool(json.loads(body)["boolean"])
    except (ValueError, KeyError, TypeError) as exc:
        raise StoreUnavailable(f"the engine sent an unreadable ASK answer: {exc}") from exc


def graph_from_reply(reply: Reply) -> Graph:
    graph = Graph()
    if not reply.body.strip():
        return graph
    found = conneg.by_media_type(reply.media_type, conneg.GRAPH_OFFERS)  # text/plain: N-Triples
    fmt = found.rdflib if found else None
    if fmt is None:
        raise StoreUnavailable(f"the engine sent {reply.media_type or 'no media type'} "
                               "where RDF was expected")
    try:
        graph.parse(data=reply.body, format=fmt)
    except UNREADABLE_REPLY as exc:
        raise StoreUnavailable(f"the engine sent unreadable RDF: {exc}") from exc
    return graph
