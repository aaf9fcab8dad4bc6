"""The embedded store: pyoxigraph over what ``osce-kg build`` wrote (in memory or on disk)."""

from __future__ import annotations

import gzip
import logging
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import XSD
from rdflib.term import Identifier

from osce_kg.errors import BadQuery, StoreUnavailable
from osce_kg.namespaces import PREFIXES, bind_prefixes
from osce_kg.rdf.terms import to_oxigraph, to_rdflib
from osce_kg.store.base import BINDINGS_SLOT, Bindings, Row
from osce_kg.store.layout import NT_DUMP, locate_build, read_build_info

if TYPE_CHECKING:
    from osce_kg.conneg import Format

log = logging.getLogger(__name__)

STORE_MODES = ("memory", "disk")
_NOT_BUILT = "no built store at {where}: run `osce-kg build` first"


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
        if bindings and BINDINGS_SLOT not in query:
            raise BadQuery(f"an internal query bound {sorted(bindings)} has no {BINDINGS_SLOT} slot")
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
