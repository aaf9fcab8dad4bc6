"""The stores: the one place that knows the backends and picks one for the settings.

``open_store`` gives the ``Store`` the settings name (the embedded build or a remote engine);
``open_evaluator`` gives that store's ``QueryEvaluator`` for the public endpoint. Everything
else speaks to the protocols in ``osce_kg.store.base``.
"""

from __future__ import annotations

from pathlib import Path

from osce_kg.errors import StoreUnavailable
from osce_kg.settings import Settings
from osce_kg.store.base import Bindings, QueryAnswer, QueryEvaluator, QueryRequest, Row, Store
from osce_kg.store.embedded.evaluator import EmbeddedEvaluator
from osce_kg.store.embedded.store import OxigraphStore
from osce_kg.store.remote.evaluator import RemoteEvaluator
from osce_kg.store.remote.store import RemoteStore

__all__ = ["Bindings", "QueryAnswer", "QueryEvaluator", "QueryRequest", "Row", "Store",
           "open_evaluator", "open_store"]


def open_store(settings: Settings) -> Store:
    """The store the settings name: a remote endpoint or the embedded build (memory or disk)."""
    if settings.is_remote:
        return RemoteStore(settings)
    return OxigraphStore.open(Path(settings.store_location), mode=settings.store_mode)


def open_evaluator(store: Store, *, processes: int = 4) -> QueryEvaluator:
    """The evaluator for ``store``: the remote engine itself, or worker processes forked from
    the embedded pyoxigraph store (the zygote starts now, before any server fork)."""
    if isinstance(store, RemoteStore):
        return RemoteEvaluator(store)
    if isinstance(store, OxigraphStore):
        evaluator = EmbeddedEvaluator(store.oxigraph, processes=processes)
        evaluator.start()
        return evaluator
    raise StoreUnavailable(f"{type(store).__name__} cannot evaluate user queries")
