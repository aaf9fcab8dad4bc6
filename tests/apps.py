"""The app over a store, for tests: ``create_app`` in testing mode, its query evaluator closed
afterwards (the evaluator's processes would outlive the test otherwise)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from flask import Flask

from osce_kg.settings import Settings
from osce_kg.store.base import Store
from osce_kg.web import create_app


@contextlib.contextmanager
def app_for(settings: Settings, store: Store | None = None) -> Iterator[Flask]:
    """The app (``store`` opened from ``settings`` when not given); its evaluator closed after."""
    app = create_app(settings, store=store)
    app.config["TESTING"] = True
    try:
        yield app
    finally:
        app.extensions["osce_kg_sparql"].close()
