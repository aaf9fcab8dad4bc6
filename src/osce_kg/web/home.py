"""The home page: what the graph holds, search, example queries, links to everything."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, send_from_directory
from rdflib.namespace import OWL, RDF, RDFS, SH

from osce_kg.pages.describe import class_counts
from osce_kg.query.guard import example_queries
from osce_kg.web.exchange import conditional
from osce_kg.web.state import state

bp = Blueprint("home", __name__)

# Classes of the ontology's own description, listed apart from the things the graph is about.
VOCABULARY_NAMESPACES = tuple(str(ns) for ns in (OWL, RDF, RDFS, SH))


@bp.get("/")
def index() -> Response:
    app_state = state()
    counts = app_state.cached("class_counts", lambda: class_counts(app_state.store))
    triples = app_state.cached("triple_count", app_state.store.triple_count)
    things = [c for c in counts if not str(c.cls).startswith(VOCABULARY_NAMESPACES)]
    terms = [c for c in counts if str(c.cls).startswith(VOCABULARY_NAMESPACES)]
    html = render_template("home.html", counts=things, terms=terms, triples=triples,
                           examples=example_queries(), manifest=app_state.manifest)
    return conditional(Response(html, content_type="text/html; charset=utf-8"), vary=())


@bp.get("/favicon.ico")
def favicon() -> Response:
    return send_from_directory(current_app.static_folder or "static", "favicon.svg",
                               mimetype="image/svg+xml", max_age=86400)
