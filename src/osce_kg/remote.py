"""The remote backend: the graph lives in a SPARQL 1.1 engine (Virtuoso, QLever, GraphDB,
Fuseki, Neptune …) that osce-kg reaches over HTTP with SPARQLWrapper.

- :class:`Engine`: one endpoint; each request is a fresh HTTP request (no connection kept
  that could go stale), with a timeout, retries with backoff on transient failures
  (connection refused or reset, 502/503/504), and failures turned into ``errors.py``
  exceptions (``StoreUnavailable`` → 503 with the reason).
- :class:`RemoteStore`: the :class:`~osce_kg.store.Store` protocol. It reads which loaded
  version of the graph is current from the control graph ``osce-kg load`` maintains (see
  :mod:`osce_kg.load`), at most every ``remote_refresh_s`` seconds, and queries only that
  version's named graph, so a load in progress is never visible.
- :class:`RemoteEvaluator`: the public endpoint's :class:`~osce_kg.store.QueryEvaluator`,
  forwarding user queries with their time limit and row cap (:mod:`osce_kg.remote_answers`).

Credentials come from the settings (``OSCE_KG_REMOTE_USER`` / ``OSCE_KG_REMOTE_PASSWORD``)
and never appear in logs, reprs or error messages.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import logging
import math
import socket
import threading
import time
import urllib.error
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from rdflib import BNode, Graph, Literal, URIRef
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

from osce_kg.errors import BadQuery, OsceKgError, QueryTimeout, StoreUnavailable
from osce_kg.namespaces import bind_prefixes
from osce_kg.sparqltext import bind_values, with_prefixes
from osce_kg.store import Bindings, Row

if TYPE_CHECKING:
    from osce_kg.conneg import Format
    from osce_kg.remote_answers import RemoteEvaluator
    from osce_kg.settings import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")

SCHEME_PREFIX = "sparql+"
JSON_RESULTS = "application/sparql-results+json"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
TRANSIENT_STATUS = {429, 502, 503, 504}
_RDF_FORMATS = {"application/n-triples": "nt", "text/plain": "nt", "text/turtle": "turtle",
                "application/rdf+xml": "xml", "application/ld+json": "json-ld"}


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
            except Exception as exc:  # noqa: BLE001 - classified right here, never swallowed
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
    fmt = _RDF_FORMATS.get(reply.media_type)
    if fmt is None:
        raise StoreUnavailable(f"the engine sent {reply.media_type or 'no media type'} "
                               "where RDF was expected")
    try:
        graph.parse(data=reply.body, format=fmt)
    except Exception as exc:  # noqa: BLE001 - any parser failure means an unreadable reply
        raise StoreUnavailable(f"the engine sent unreadable RDF: {exc}") from exc
    return graph


# --- which loaded version is current
@dataclass(frozen=True)
class Version:
    """The named graph queries go to (``None``: the engine's default) and its build id."""

    graph: str | None
    build_id: str


CURRENT_VERSION_QUERY = """
SELECT ?current ?id WHERE {
  GRAPH ?control { ?control dcat:hasCurrentVersion ?current .
                   OPTIONAL { ?current dcat:version ?id } }
}"""
COUNT_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


class RemoteStore:
    """The Store protocol over a remote engine (see the module docstring)."""

    def __init__(self, settings: Settings, *, engine: Engine | None = None) -> None:
        self.settings = settings
        self.engine = engine or Engine.from_settings(settings)
        self.control_graph = settings.remote_graph or None
        self.refresh_s = settings.remote_refresh_s
        self._version: Version | None = None
        self._checked_at = -math.inf
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"RemoteStore({self.engine!r}, graph={self.control_graph})"

    # --- the current version
    def version(self) -> Version:
        """The current version, re-read from the engine at most every ``refresh_s``."""
        now = time.monotonic()
        with self._lock:
            if self._version is not None and now - self._checked_at < self.refresh_s:
                return self._version
        version = self._read_version()
        with self._lock:
            if version != self._version and self._version is not None:
                log.info("remote store: now serving build %s", version.build_id)
            self._version, self._checked_at = version, time.monotonic()
        return version

    def _read_version(self) -> Version:
        if self.control_graph is None:
            return Version(None, self._fallback_build_id(None))
        reply = self.engine.query(
            with_prefixes(bind_values(CURRENT_VERSION_QUERY, {"control": URIRef(self.control_graph)})),
            form="select", accept=JSON_RESULTS)
        rows = rows_from_json(reply.body)
        if rows:
            current = str(rows[0]["current"])
            build_id = str(rows[0].get("id") or current.rsplit("/", 1)[-1])
            return Version(current, build_id)
        # loaded by other means straight into the configured graph
        return Version(self.control_graph, self._fallback_build_id(self.control_graph))

    def _fallback_build_id(self, graph: str | None) -> str:
        reply = self.engine.query(COUNT_QUERY, form="select", accept=JSON_RESULTS,
                                  default_graphs=(graph,) if graph else ())
        rows = rows_from_json(reply.body)
        count = str(rows[0]["n"]) if rows else "0"
        return "remote-" + hashlib.sha256(f"{graph}|{count}".encode()).hexdigest()[:12]

    @property
    def build_id(self) -> str:
        return self.version().build_id

    # --- the Store interface
    def _ask_engine(self, query: str, bindings: Bindings | None, *, form: str,
                    accept: str) -> Reply:
        version = self.version()
        text = with_prefixes(bind_values(query, bindings))
        try:
            return self.engine.query(text, form=form, accept=accept,
                                     default_graphs=(version.graph,) if version.graph else ())
        except QueryTimeout as exc:
            raise StoreUnavailable(f"the engine at {self.engine.endpoint} did not answer "
                                   f"within {self.engine.timeout_s:g} s") from exc

    def select(self, query: str, bindings: Bindings | None = None) -> list[Row]:
        return rows_from_json(self._ask_engine(query, bindings, form="select",
                                               accept=JSON_RESULTS).body)

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        return boolean_from_json(self._ask_engine(query, bindings, form="ask",
                                                  accept=JSON_RESULTS).body)

    def construct(self, query: str, bindings: Bindings | None = None) -> Graph:
        form = "describe" if query.lstrip().upper().startswith("DESCRIBE") else "construct"
        return graph_from_reply(self._ask_engine(query, bindings, form=form,
                                                 accept=GRAPH_ACCEPT))

    def serialize_construct(self, query: str, fmt: Format,
                            bindings: Bindings | None = None) -> bytes:
        """``construct`` serialized by rdflib (the engine's answer is parsed anyway)."""
        graph = bind_prefixes(self.construct(query, bindings))
        return graph.serialize(format=fmt.rdflib, encoding="utf-8")

    def triple_count(self) -> int:
        build_id = self.build_id
        if build_id not in self._counts:
            rows = self.select(COUNT_QUERY)
            self._counts = {build_id: int(rows[0]["n"]) if rows else 0}
        return self._counts[build_id]

    def evaluator(self) -> RemoteEvaluator:
        from osce_kg.remote_answers import RemoteEvaluator

        return RemoteEvaluator(self)

    def close(self) -> None:
        """Nothing to release: every request uses its own connection."""

