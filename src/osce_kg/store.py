"""The store interface every backend implements, and the factory that opens one.

Backends:
- :class:`OxigraphStore` (embedded, default): pyoxigraph over the directory ``build`` wrote.
- ``RemoteStore`` (``osce_kg.remote``): any SPARQL 1.1 endpoint through SPARQLWrapper.

Terms crossing the interface are rdflib terms (``URIRef``, ``Literal``, ``BNode``), so the
layers above never see a backend's own term types. Internal queries pass user-derived values
only through ``bindings`` (never by string-building the query).
"""

from __future__ import annotations

import gzip
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from osce_kg.errors import BadQuery, StoreUnavailable
from osce_kg.namespaces import PREFIXES, bind_prefixes

if TYPE_CHECKING:
    from osce_kg.conneg import Format
    from osce_kg.settings import Settings

log = logging.getLogger(__name__)

Bindings = Mapping[str, Identifier]
Row = dict[str, Identifier]


@dataclass(frozen=True)
class QueryAnswer:
    """A user query's answer, already serialized in the negotiated format."""

    body: bytes
    media_type: str
    form: str  # "select" | "ask" | "construct" | "describe"
    truncated: bool = False
    rows: int | None = None


class Store(Protocol):
    """What the web layer and the CLI need from a store."""

    @property
    def build_id(self) -> str:
        """Identifies the loaded build (ETags, cache keys)."""

    def select(self, query: str, bindings: Bindings | None = None) -> list[Row]: ...

    def ask(self, query: str, bindings: Bindings | None = None) -> bool: ...

    def construct(self, query: str, bindings: Bindings | None = None) -> Graph: ...

    def serialize_construct(self, query: str, fmt: Format,
                            bindings: Bindings | None = None) -> bytes:
        """A CONSTRUCT or DESCRIBE answer serialized in ``fmt`` (a graph ``Format`` of
        ``osce_kg.conneg``): what ``construct`` returns, without the rdflib round trip where
        the backend can serialize natively."""

    def triple_count(self) -> int: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class QueryRequest:
    """A user's SPARQL query after the guard accepted it (see ``osce_kg.sparql``).

    ``client_gone``, when given, tells whether the client that asked has closed its connection
    (see ``osce_kg.executor.peer_closed``): the embedded evaluator then stops waiting and ends
    the query instead of computing an answer nobody reads. It is no part of the query's identity.
    """

    text: str
    form: str  # "select" | "ask" | "construct" | "describe"
    media_type: str  # the negotiated result media type
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    client_gone: Callable[[], bool] | None = field(default=None, compare=False, repr=False)


class QueryEvaluator(Protocol):
    """Evaluates user queries for the public endpoint, bounded in time and rows.

    The embedded backend evaluates in worker processes it can end at the deadline
    (``osce_kg.executor``); the remote backend forwards to the engine (``osce_kg.remote``).
    Raises ``QueryTimeout``, ``BadQuery`` or ``StoreUnavailable``.
    """

    def evaluate(self, request: QueryRequest, *, timeout_s: float, max_rows: int) -> QueryAnswer: ...

    def close(self) -> None: ...


# --- the build's layout (``osce_kg.build`` writes it, the stores read it)
BUILD_INFO = "build.json"
STORE_DIR = "store"
NT_DUMP = "osce-kg.nt.gz"
TURTLE_DUMP = "osce-kg.ttl"
VOID_FILE = "void.ttl"
ONTOLOGY_FILE = "ontology.ttl"
SHAPES_FILE = "shapes.ttl"

STORE_MODES = ("memory", "disk")
_NOT_BUILT = "no built store at {where}: run `osce-kg build` first"


def open_store(settings: Settings) -> Store:
    """The store the settings name: a remote endpoint or the embedded build (memory or disk)."""
    if settings.is_remote:
        from osce_kg.remote import RemoteStore  # lazily: only remote deployments need it

        return RemoteStore(settings)
    return OxigraphStore.open(Path(settings.store_location), mode=settings.store_mode)


def locate_build(location: Path) -> tuple[Path | None, Path]:
    """``(build directory or None, store directory)`` for a build directory or its ``store/``."""
    if (location / BUILD_INFO).is_file():
        return location, location / STORE_DIR
    if location.name == STORE_DIR and (location.parent / BUILD_INFO).is_file():
        return location.parent, location
    return None, location


def read_build_info(build_dir: Path) -> dict:
    """The build's ``build.json`` (build id, date, triple count, files)."""
    try:
        return json.loads((build_dir / BUILD_INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreUnavailable(f"cannot read {build_dir / BUILD_INFO}: {exc}") from exc


class OxigraphStore:
    """The embedded store: a pyoxigraph ``Store`` with rdflib terms at the interface.

    ``bindings`` become pyoxigraph ``substitutions`` (SEP-0007). Oxigraph substitutes a
    variable only where the query projects it: a bound variable must be in the SELECT clause
    (``SELECT ?s ?label``, ``SELECT *``, or ``GROUP BY ?s`` for an aggregate); otherwise
    :class:`BadQuery` says so. The project's prefixes are predeclared for every query.
    """

    def __init__(self, store: ox.Store, *, build_id: str, triples: int | None = None,
                 build_dir: Path | None = None, mode: str = "memory") -> None:
        self._store: ox.Store | None = store
        self._build_id = build_id
        self._triples = triples
        self.build_dir = build_dir
        self.mode = mode

    # --- opening
    @classmethod
    def open(cls, location: Path, *, mode: str = "memory") -> OxigraphStore:
        """Open what ``osce-kg build`` wrote at ``location`` (the build dir or its ``store/``)."""
        if mode not in STORE_MODES:
            raise StoreUnavailable(f"unknown store mode {mode!r} (use one of {STORE_MODES})")
        build_dir, store_dir = locate_build(location)
        info = read_build_info(build_dir) if build_dir is not None else {}
        build_id = info.get("build_id") or _fallback_build_id(store_dir)
        triples = info.get("triples")
        dump = build_dir / NT_DUMP if build_dir is not None else None
        if mode == "memory" and dump is not None and dump.is_file():
            return cls.load_ntriples(dump, build_id=build_id, triples=triples, build_dir=build_dir)
        if not store_dir.is_dir():
            raise StoreUnavailable(_NOT_BUILT.format(where=location))
        if mode == "memory":
            log.warning("no %s beside %s: serving the on-disk store instead", NT_DUMP, store_dir)
        try:
            store = ox.Store.read_only(str(store_dir))
        except OSError as exc:
            raise StoreUnavailable(f"cannot open the store {store_dir}: {exc}; "
                                   "run `osce-kg build` to rebuild it") from exc
        return cls(store, build_id=build_id, triples=triples, build_dir=build_dir, mode="disk")

    @classmethod
    def load_ntriples(cls, path: Path, *, build_id: str, triples: int | None = None,
                      build_dir: Path | None = None) -> OxigraphStore:
        """An in-memory store loaded from an N-Triples file (``.gz`` or plain)."""
        store = ox.Store()
        try:
            data = path.read_bytes()
            if path.suffix == ".gz":  # at once: much faster than a streaming GzipFile
                data = gzip.decompress(data)
            # lenient: the build wrote these lines with pyoxigraph's serializer
            store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, lenient=True)
        except (OSError, EOFError, SyntaxError, gzip.BadGzipFile) as exc:
            raise StoreUnavailable(f"cannot load {path}: {exc}; run `osce-kg build`") from exc
        return cls(store, build_id=build_id, triples=triples, build_dir=build_dir, mode="memory")

    @classmethod
    def from_graph(cls, graph: Graph, *, build_id: str = "graph") -> OxigraphStore:
        """An in-memory store holding ``graph`` (tests, ``stats --from``)."""
        store = ox.Store()
        store.bulk_extend(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o))
                          for s, p, o in graph)
        return cls(store, build_id=build_id, triples=len(graph))

    # --- the Store interface
    @property
    def build_id(self) -> str:
        return self._build_id

    @property
    def oxigraph(self) -> ox.Store:
        """The pyoxigraph store itself (for the query evaluator)."""
        if self._store is None:
            raise StoreUnavailable("the store is closed")
        return self._store

    def select(self, query: str, bindings: Bindings | None = None) -> list[Row]:
        result = self._query(query, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise BadQuery("not a SELECT query")
        names = [v.value for v in result.variables]
        rows: list[Row] = []
        converted: dict[object, Identifier] = {}  # rows repeat terms (bound ones in every row)
        for solution in result:
            row: Row = {}
            for name, term in zip(names, solution, strict=True):
                if term is not None:
                    found = converted.get(term)
                    if found is None:
                        found = converted[term] = to_rdflib(term)
                    row[name] = found
            rows.append(row)
        return rows

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        result = self._query(query, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise BadQuery("not an ASK query")
        return bool(result)

    def construct(self, query: str, bindings: Bindings | None = None) -> Graph:
        result = self._query(query, bindings)
        if not isinstance(result, ox.QueryTriples):
            raise BadQuery("not a CONSTRUCT or DESCRIBE query")
        graph = bind_prefixes(Graph())
        for triple in result:
            graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate),
                       to_rdflib(triple.object)))
        return graph

    def serialize_construct(self, query: str, fmt: Format,
                            bindings: Bindings | None = None) -> bytes:
        """Serialized by pyoxigraph, triples sorted (the first subject's first), with only
        the prefixes the triples use."""
        result = self._query(query, bindings)
        if not isinstance(result, ox.QueryTriples):
            raise BadQuery("not a CONSTRUCT or DESCRIBE query")
        triples = sorted_triples(result)
        rdf_format = getattr(ox.RdfFormat, fmt.oxigraph or "", None)
        if not isinstance(rdf_format, ox.RdfFormat):
            raise BadQuery(f"{fmt.media_type} is not a graph format")
        prefixes = used_prefixes(triples) if rdf_format in _PREFIXED_FORMATS else None
        return ox.serialize(triples, format=rdf_format, prefixes=prefixes)

    def triple_count(self) -> int:
        if self._triples is None:
            self._triples = len(self.oxigraph)
        return self._triples

    def close(self) -> None:
        self._store = None

    def _query(self, query: str, bindings: Bindings | None):
        substitutions = {ox.Variable(name): to_oxigraph(term)
                         for name, term in (bindings or {}).items()}
        try:
            return self.oxigraph.query(query, prefixes=PREFIXES,
                                       substitutions=substitutions or None)
        except SyntaxError as exc:
            raise BadQuery(f"SPARQL syntax error: {exc}") from exc
        except OSError as exc:
            raise StoreUnavailable(f"the store cannot answer: {exc}") from exc
        except RuntimeError as exc:
            if "projection" in str(exc):
                raise BadQuery(f"{exc}: a bound variable must be selected "
                               "(add it to SELECT, or GROUP BY it)") from exc
            raise BadQuery(str(exc)) from exc


def _fallback_build_id(store_dir: Path) -> str:
    """A store directory without ``build.json`` (not written by us): identify it by its mtime."""
    try:
        return f"store-{store_dir.stat().st_mtime_ns}"
    except OSError:
        return "store-unknown"


_XSD_STRING = ox.NamedNode(str(XSD.string))
_PREFIXED_FORMATS = (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML)
# `id:` is left out: its local names hold a `/`, which Turtle would write `id:state\/lithuania`
_NAMESPACE_PREFIXES = {iri: prefix for prefix, iri in PREFIXES.items() if prefix != "id"}


def sorted_triples(triples) -> list[ox.Triple]:
    """``triples`` in a stable order: those of the first subject first, then by N-Triples
    text (so a serializer groups each subject's triples)."""
    listed = list(triples)
    if not listed:
        return listed
    first = listed[0].subject
    return sorted(listed, key=lambda t: (t.subject != first, str(t)))


def used_prefixes(triples: list[ox.Triple]) -> dict[str, str]:
    """The project's prefixes (but ``id:``) whose namespace holds an IRI of ``triples``."""
    namespaces: set[str] = set()
    for triple in triples:
        for term in (triple.subject, triple.predicate, triple.object):
            if isinstance(term, ox.Literal):
                if term.language or term.datatype == _XSD_STRING:
                    continue
                term = term.datatype
            if isinstance(term, ox.NamedNode):
                iri = term.value
                namespaces.add(iri[:max(iri.rfind("/"), iri.rfind("#")) + 1])
    return {prefix: iri for iri, prefix in _NAMESPACE_PREFIXES.items() if iri in namespaces}


def to_rdflib(term) -> Identifier:
    """A pyoxigraph term as an rdflib term (``xsd:string`` literals become plain literals)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise BadQuery(f"unsupported term in a result: {term!r}")


def to_oxigraph(term: Identifier):
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise BadQuery(f"cannot bind {term!r}: not an IRI, literal or blank node")
