"""The web application: ``create_app`` builds it; nothing happens at import."""

from __future__ import annotations

from flask import Flask

from osce_kg.settings import Settings
from osce_kg.store.base import Store


def create_app(settings: Settings | None = None, *, store: Store | None = None) -> Flask:
    """A Flask app serving ``store`` (opened from ``settings`` once when not given)."""
    from osce_kg.web import (
        dumps,
        editor,
        entities,
        errors,
        exchange,
        home,
        i18n,
        links,
        ontology,
        pictures,
        search,
        sparql,
    )
    from osce_kg.web.compression import Compressor
    from osce_kg.web.state import AppState

    settings = settings or Settings.from_env()
    if store is None:
        from osce_kg.store import open_store

        store = open_store(settings)
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.extensions["osce_kg"] = AppState(settings, store)
    i18n.install(app)
    errors.install(app)
    exchange.install(app)
    links.install(app)
    for module in (home, entities, search, ontology, dumps, sparql, editor, pictures):
        app.register_blueprint(module.bp)
    if settings.cache:  # answers sent lately, replayed before Flask runs
        from osce_kg.web.memo import AnswerMemo

        app.wsgi_app = AnswerMemo(app.wsgi_app, app.extensions["osce_kg"])  # type: ignore[method-assign]
    # outermost: the memo keeps identity bodies; each client gets its encoding
    app.wsgi_app = Compressor(app.wsgi_app)  # type: ignore[method-assign]
    return app
