"""What one application holds: settings, the store, and per-build caches (no globals)."""

from __future__ import annotations

import dataclasses
import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from flask import current_app
from rdflib import Graph

from osce_kg.build.void import absolute_turtle, read_void
from osce_kg.lru import Lru
from osce_kg.pages.census import class_counts
from osce_kg.pages.describe import HUB_PAGES
from osce_kg.pages.entity import ClassCount
from osce_kg.pages.search import LabelIndex
from osce_kg.pages.tables import ORDERS_KEPT
from osce_kg.settings import Settings
from osce_kg.store.base import Store
from osce_kg.store.layout import VOID_FILE
from osce_kg.web.manifest import Manifest, read_manifest

T = TypeVar("T")


@dataclass
class AppState:
    settings: Settings
    store: Store
    started_at: float = field(default_factory=time.time)
    _cache: dict[tuple[str, str], Any] = field(default_factory=dict)
    # re-entrant: a cached value may be computed from another cached value
    _lock: threading.RLock = field(default_factory=threading.RLock)

    @property
    def build_id(self) -> str:
        return str(self.store.build_id)

    def cached(self, name: str, compute: Callable[[], T]) -> T:
        """``compute()`` once per build of the store (threads share the answer)."""
        key = (name, self.build_id)
        try:
            return self._cache[key]
        except KeyError:
            pass
        with self._lock:
            if key not in self._cache:
                for stale in [k for k in self._cache if k[0] == name]:
                    del self._cache[stale]
                self._cache[key] = compute()
            return self._cache[key]

    @property
    def class_counts(self) -> list[ClassCount]:
        """Instances per class in this build (home, search, the ontology's documentation)."""
        return self.cached("class_counts", lambda: class_counts(self.store))

    @property
    def labels(self) -> LabelIndex:
        return self.cached("labels", lambda: LabelIndex.from_store(self.store, frozenset(
            c.cls for c in self.class_counts)))

    @property
    def orders(self) -> Lru:
        """The sorted IRIs of big classes' tables in this build (see ``tables.BIG_TABLE``)."""
        return self.cached("orders", lambda: Lru(max_items=ORDERS_KEPT))

    @property
    def hubs(self) -> Lru:
        """Pages of incoming links of the hubs of this build (see ``describe.HUB_INCOMING``)."""
        return self.cached("hubs", lambda: Lru(max_items=HUB_PAGES))

    @property
    def dist(self) -> Path:
        """The build directory served: the store's own (``--store DIR``), else settings.dist."""
        build_dir = getattr(self.store, "build_dir", None)
        return (Path(build_dir) if build_dir is not None else self.settings.dist).resolve()

    def void_graph(self) -> Graph | None:
        """The build's VoID/DCAT description, links resolved against the public base URL."""
        path = self.dist / VOID_FILE
        if not path.is_file():
            return None
        version = path.stat().st_mtime_ns
        return self.cached(f"void-{version}", lambda: read_void(path, self.settings.public_base))

    def void_download(self) -> bytes | None:
        """``void.ttl`` as ``/dumps/`` sends it: its relative references made absolute on the
        public base (the build's bytes otherwise), so a saved copy still says where things are."""
        path = self.dist / VOID_FILE
        if not path.is_file():
            return None
        version = path.stat().st_mtime_ns
        return self.cached(f"void-download-{version}", lambda: absolute_turtle(
            path.read_text(encoding="utf-8"), self.settings.public_base).encode("utf-8"))

    @property
    def manifest(self) -> Manifest:
        """The build's files (read once per build, not per request); ``void.ttl`` with the size
        and checksum of the copy that is sent (:meth:`void_download`)."""
        def served() -> Manifest:
            manifest = read_manifest(self.dist)
            found, body = manifest.find(VOID_FILE), self.void_download()
            if found is None or body is None:
                return manifest
            void = dataclasses.replace(found, size=len(body),
                                       sha256=hashlib.sha256(body).hexdigest())
            return dataclasses.replace(manifest, files=tuple(
                void if f.name == VOID_FILE else f for f in manifest.files))

        return self.cached("manifest", served)

    @property
    def last_modified(self) -> float:
        """When the served build was made (the manifest's date, else the server's start)."""
        return self.manifest.built_at or self.started_at


def state() -> AppState:
    """The state of the application handling the current request."""
    return current_app.extensions["osce_kg"]
