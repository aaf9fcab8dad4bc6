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
