"""Pictures: ``/map`` (and its data ``/map.json``), ``/timeline``, and the maps and charts that
entity pages include (template globals ``whereabouts`` and ``release_years``).

What is drawn comes from ``osce_kg.pages.atlas`` and ``osce_kg.pages.chronology``; the views
only pick the language and the format.
"""

from __future__ import annotations

import json

from flask import Blueprint, Flask, Response, render_template
from rdflib import URIRef

from osce_kg.pages import atlas, chronology
from osce_kg.pages.calendar import human_date, human_span
from osce_kg.web.exchange import conditional, page_language
from osce_kg.web.state import state

bp = Blueprint("pictures", __name__)


@bp.get("/map")
def world_map() -> Response:
    lang = page_language()
    found = _atlas(lang)
    html = render_template("map.html", atlas=found, page_lang=lang)
    return conditional(Response(html, content_type="text/html; charset=utf-8"), lang,
                       vary=("Accept-Language",))


@bp.get("/map.json")
def world_map_data() -> Response:
    lang = page_language()
    body = json.dumps(_atlas(lang).as_geojson(), ensure_ascii=False, sort_keys=True)
    return conditional(Response(body, content_type="application/geo+json"), lang,
                       vary=("Accept-Language",))


@bp.get("/timeline")
def timeline() -> Response:
    lang = page_language()
    found = state().cached(f"timeline-{lang}", lambda: chronology.chronology(state().store, lang))
    html = render_template("timeline.html", chart=chronology.layout(found), page_lang=lang)
    return conditional(Response(html, content_type="text/html; charset=utf-8"), lang,
                       vary=("Accept-Language",))


def _atlas(lang: str) -> atlas.Atlas:
    return state().cached(f"atlas-{lang}", lambda: atlas.atlas(state().store, lang))


def whereabouts(iri: object) -> atlas.Whereabouts:
    """For the entity page's map partial: where the thing of ``iri`` is."""
    return atlas.whereabouts(state().store, URIRef(str(iri)), page_language())


def release_years(iri: object) -> chronology.BarChart | None:
    """For the entity page's chart partial: releases per year about/by ``iri`` (None if few)."""
    # kept per build: a structure may have published many thousand releases, and the pages
    # that chart them (fields of work, structures) are a few dozen
    return state().cached(f"release-years {iri}",
                          lambda: chronology.release_years(state().store, URIRef(str(iri))))


@bp.record_once
def _install(setup) -> None:
    app: Flask = setup.app
    app.jinja_env.globals.update(whereabouts=whereabouts, release_years=release_years)
    app.jinja_env.filters["human_date"] = lambda lexical: human_date(lexical, page_language())
    app.jinja_env.globals["human_span"] = lambda start, end, ongoing=False: human_span(
        start, end, page_language(), ongoing=ongoing)
