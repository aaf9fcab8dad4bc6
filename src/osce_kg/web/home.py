"""The home page: what the graph holds, search, example queries, links to everything."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, send_from_directory
from rdflib.namespace import OWL, RDF, RDFS, SH

from osce_kg.namespaces import OSCE
from osce_kg.pages.census import class_labels, label_in
from osce_kg.query.guard import example_queries
from osce_kg.web.exchange import conditional, page_language
from osce_kg.web.i18n import current_language
from osce_kg.web.state import state

bp = Blueprint("home", __name__)

# Classes of the ontology's own description, listed apart from the things the graph is about.
VOCABULARY_NAMESPACES = tuple(str(ns) for ns in (OWL, RDF, RDFS, SH))
# The tables a newcomer is offered first, in this order.
START_CLASSES = (OSCE.FieldOperation, OSCE.ParticipatingState, OSCE.Chairpersonship, OSCE.Tenure,
                 OSCE.PressRelease, OSCE.MinisterialCouncilMeeting, OSCE.Institution)


@bp.get("/")
def index() -> Response:
    app_state = state()
    counts = app_state.class_counts
    triples = app_state.cached("triple_count", app_state.store.triple_count)
    labels = app_state.cached("class_labels", lambda: class_labels(app_state.store))
    lang = page_language()
    named = [(c, *label_in(labels.get(c.cls, {}), lang, c.label)) for c in counts]
    things = [n for n in named if not str(n[0].cls).startswith(VOCABULARY_NAMESPACES)]
    terms = [c for c in counts if str(c.cls).startswith(VOCABULARY_NAMESPACES)]
    by_class = {n[0].cls: n for n in things}
    starts = [by_class[cls] for cls in START_CLASSES if cls in by_class]
    html = render_template("home.html", counts=things, terms=terms, triples=triples,
                           starts=starts, examples=example_queries(),
                           manifest=app_state.manifest)
    return conditional(Response(html, content_type="text/html; charset=utf-8"), lang,
                       current_language(), vary=("Accept-Language",))


@bp.get("/favicon.ico")
def favicon() -> Response:
    return send_from_directory(current_app.static_folder or "static", "favicon.svg",
                               mimetype="image/svg+xml", max_age=86400)
