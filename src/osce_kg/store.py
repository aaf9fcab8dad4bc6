"""The store interface every backend implements, and the factory that opens one.

Backends:
- :class:`OxigraphStore` (embedded, default): pyoxigraph over the directory ``build`` wrote.
- ``RemoteStore`` (``osce_kg.remote``): any SPARQL 1.1 endpoint through SPARQLWrapper.

Terms crossing the interface are rdflib terms (``URIRef``, ``Literal``, ``BNode``), so the
layers above never see a backend's own term types. Internal queries pass user-derived values
only through ``bindings`` (never by string-building the query).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from rdflib import Graph
from rdflib.term import Identifier

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

    def triple_count(self) -> int: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class QueryRequest:
    """A user's SPARQL query after the guard accepted it (see ``osce_kg.sparql``)."""

    text: str
    form: str  # "select" | "ask" | "construct" | "describe"
    media_type: str  # the negotiated result media type
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


class QueryEvaluator(Protocol):
    """Evaluates user queries for the public endpoint, bounded in time and rows.

    The embedded backend evaluates in worker processes it can end at the deadline
    (``osce_kg.executor``); the remote backend forwards to the engine (``osce_kg.remote``).
    Raises ``QueryTimeout``, ``BadQuery`` or ``StoreUnavailable``.
    """

    def evaluate(self, request: QueryRequest, *, timeout_s: float, max_rows: int) -> QueryAnswer: ...

    def close(self) -> None: ...
