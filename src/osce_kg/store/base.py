"""What every store backend offers: the ``Store`` and ``QueryEvaluator`` protocols and the
values that cross them.

Backends (``osce_kg.store.open_store`` picks one):
- ``osce_kg.store.embedded``: pyoxigraph over the directory ``osce-kg build`` wrote.
- ``osce_kg.store.remote``: any SPARQL 1.1 endpoint through SPARQLWrapper.

Terms crossing the interface are rdflib terms (``URIRef``, ``Literal``, ``BNode``), so the
layers above never see a backend's own term types. Internal queries pass user-derived values
only through ``bindings`` (never by string-building the query), into the query's
:data:`BINDINGS_SLOT`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from rdflib import Graph
from rdflib.term import Identifier

if TYPE_CHECKING:
    from osce_kg.conneg import Format

Bindings = Mapping[str, Identifier]
# Where an internal query takes its bound values: a comment right after the ``{`` of each
# group that must see them. The embedded store binds by substitution (the slot stays a
# comment); a remote store writes a VALUES block there (``osce_kg.store.remote.text``). Every
# backend refuses bindings for a query without a slot, so a missing one fails in any test.
# Inside nested groups a bound variable is written $name: a remote store writes the value there.
BINDINGS_SLOT = "#@bindings"
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
    """A user's SPARQL query after the guard accepted it (see ``osce_kg.query.guard``).

    ``client_gone``, when given, tells whether the client that asked has closed its connection
    (see ``osce_kg.store.embedded.evaluator.peer_closed``): the embedded evaluator then stops waiting and ends
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
    (``osce_kg.store.embedded.evaluator``); the remote backend forwards to the engine
    (``osce_kg.store.remote.evaluator``).
    Raises ``QueryTimeout``, ``BadQuery`` or ``StoreUnavailable``.
    """

    def evaluate(self, request: QueryRequest, *, timeout_s: float, max_rows: int) -> QueryAnswer: ...

    def close(self) -> None: ...
