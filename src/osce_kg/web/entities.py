"""Linked Data views: ``/id/`` (303), ``/page/`` (HTML), ``/data/`` (RDF), ``/class/``."""

from __future__ import annotations

import json

from flask import Blueprint, Response, jsonify, redirect, render_template, request
from flask_babel import gettext
from rdflib import URIRef

from osce_kg import conneg
from osce_kg.errors import UnknownEntity, UnknownName
from osce_kg.namespaces import entity_iri, is_slug
from osce_kg.pages import census, describe
from osce_kg.pages.downloads import MAX_EXPORT_ROWS, table_csv, table_json
from osce_kg.pages.jsonld import (
    CONTEXT_PATH,
    compact_document,
    context_document,
    entity_document,
    script_json,
)
from osce_kg.pages.search import MAX_QUERY_CHARS
from osce_kg.pages.tables import read_table
from osce_kg.web import links
from osce_kg.web.exchange import conditional, int_arg, link_header, negotiate, page_language
from osce_kg.web.i18n import current_language
from osce_kg.web.state import state

bp = Blueprint("entities", __name__)


def checked_iri(kind: str, slug: str) -> URIRef:
    """The IRI for a path's kind and slug; anything but slugs (``..``, ``%2F``…) is UnknownEntity."""
    if not (is_slug(kind) and is_slug(slug)):
        raise UnknownEntity(f"no entity at /{kind}/{slug}: not a valid identifier")
    return entity_iri(kind, slug)


@bp.get("/id/<kind>/<slug>")
def resource(kind: str, slug: str) -> Response:
    iri = checked_iri(kind, slug)
    fmt = negotiate(conneg.PAGE_OFFERS, conneg.HTML)
    if not describe.exists(state().store, iri):
        raise UnknownEntity(f"no entity {iri}")
    target = links.page_path(kind, slug) if fmt is conneg.HTML else links.data_path(
        kind, slug, fmt.suffix)
    response = redirect(target, 303)
    response.vary.add("Accept")
    response.headers["Link"] = link_header(links.alternate_links(kind, slug))
    return response


@bp.get("/page/<kind>/<slug>")
def page(kind: str, slug: str) -> Response:
    iri = checked_iri(kind, slug)
    lang, offset = page_language(), int_arg("offset", 0)
    size = state().settings.page_size
    view = describe.describe(state().store, iri, lang, limit=size, offset=offset,
                             hubs=state().hubs, locale=current_language())
    alternates = links.alternate_links(kind, slug)
    html = render_template("entity.html", view=view, kind=kind, slug=slug,
                           alternates=list(zip(alternates, conneg.GRAPH_OFFERS, strict=True)),
                           jsonld=script_json(entity_document(view)))
    response = Response(html, content_type="text/html; charset=utf-8")
    response.headers["Link"] = link_header(alternates)
    return conditional(response, lang, current_language(), offset,
                       vary=("Accept", "Accept-Language"))


@bp.get("/data/<kind>/<name>")
def data(kind: str, name: str) -> Response:
    slug, dot, suffix = name.partition(".")
    iri = checked_iri(kind, slug)
    if dot and conneg.by_suffix(suffix) is None:
        raise UnknownName(f"no format with suffix .{suffix}; try one of "
                       + ", ".join("." + str(f.suffix) for f in conneg.GRAPH_OFFERS))
    fmt = negotiate(conneg.GRAPH_OFFERS, conneg.TURTLE, override=suffix or None)
    if fmt is conneg.JSONLD:  # compacted, naming the published context
        body = compact_document(describe.description_graph(state().store, iri),
                                links.public_url(CONTEXT_PATH))
    else:
        body = describe.serialize_description(state().store, iri, fmt)
    response = Response(body, content_type=fmt.content_type)
    response.headers["Link"] = link_header([(links.page_path(kind, slug), "alternate",
                                             "text/html")])
    return conditional(response, fmt.name)


EXPORTS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def _known_class(name: str) -> describe.ClassCount:
    cls = links.resolve_class(name)
    counts = state().cached("class_counts", lambda: census.class_counts(state().store))
    known = next((c for c in counts if c.cls == cls), None)
    if known is None:
        known = next((c for c in counts if links.class_name(c.cls).split(":")[-1] == name), None)
    if known is None:
        raise UnknownEntity(f"no class {name!r} with instances in the graph")
    return known


def _table_args(default_limit: int) -> dict[str, object]:
    order = request.args.get("order")
    return {"sort": request.args.get("sort") or None,
            "descending": None if order not in ("asc", "desc") else order == "desc",
            "filter_name": request.args.get("filter") or None,
            "text": request.args.get("q", "")[:MAX_QUERY_CHARS],
            "offset": int_arg("offset", 0), "limit": default_limit}


@bp.get("/class/<name>")
def members(name: str) -> Response:
    """A class as a table (sortable, filterable, paged); ``.csv`` and ``.json`` download it."""
    base, dot, suffix = name.partition(".")
    if dot and suffix not in EXPORTS:
        raise UnknownEntity(f"no download as .{suffix}; try .csv or .json")
    known = _known_class(base)
    lang = page_language()
    labels = state().cached("class_labels", lambda: census.class_labels(state().store))
    title, title_lang = census.label_in(labels.get(known.cls, {}), lang, known.label)
    args = _table_args(MAX_EXPORT_ROWS if dot else state().settings.page_size)
    if dot:
        args["offset"] = 0
    table = read_table(state().store, known.cls, lang, locale=current_language(),
                       orders=state().orders, **args)
    if suffix == "csv":
        response = Response(table_csv(table, translate=gettext),
                            content_type=EXPORTS["csv"])
        response.headers["Content-Disposition"] = f'attachment; filename="{base}.csv"'
    elif suffix == "json":
        response = jsonify(table_json(table, title, translate=gettext))
    else:
        response = Response(render_template("class.html", table=table, name=base, title=title,
                                             title_lang=title_lang, class_iri=known.cls),
                            content_type="text/html; charset=utf-8")
    return conditional(response, lang, current_language(), suffix,
                       vary=("Accept", "Accept-Language"))


@bp.get(CONTEXT_PATH)
def context() -> Response:
    """The JSON-LD context of the entity documents (their prefixes)."""
    body = json.dumps(context_document(), indent=1)
    return conditional(Response(body, content_type="application/ld+json"), vary=())
