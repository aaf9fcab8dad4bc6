"""The Store protocol over a remote engine.

:class:`RemoteStore` reads which loaded version of the graph is current from the control graph
``osce-kg load`` maintains (see :mod:`osce_kg.store.remote.load`), at most every
``remote_refresh_s`` seconds, and queries only that version's named graph, so a load in
progress is never visible.
"""

from __future__ import annotations

import hashlib
import logging
import math
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef

from osce_kg.errors import QueryTimeout, StoreUnavailable
from osce_kg.namespaces import bind_prefixes
from osce_kg.queries import COUNT_QUERY, CURRENT_VERSION_QUERY
from osce_kg.store.base import Bindings, Row
from osce_kg.store.remote.engine import (
    GRAPH_ACCEPT,
    JSON_RESULTS,
    Engine,
    Reply,
    boolean_from_json,
    graph_from_reply,
    rows_from_json,
)
from osce_kg.store.remote.text import bind_values, with_prefixes

if TYPE_CHECKING:
    from osce_kg.conneg import Format
    from osce_kg.settings import Settings

log = logging.getLogger(__name__)


# --- which loaded version is current
@dataclass(frozen=True)
class Version:
    """The named graph queries go to (``None``: the engine's default) and its build id."""

    graph: str | None
    build_id: str


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

    def close(self) -> None:
        """Nothing to release: every request uses its own connection."""
