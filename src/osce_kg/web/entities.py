"""Linked Data views: ``/id/`` (303), ``/page/`` (HTML), ``/data/`` (RDF), ``/class/``."""

from __future__ import annotations

import json

from flask import Blueprint, Response, redirect, render_template
from rdflib import URIRef

from osce_kg import conneg
from osce_kg.errors import NotFound
from osce_kg.namespaces import entity_iri, is_slug
from osce_kg.pages import describe
from osce_kg.pages.jsonld import (
    CONTEXT_PATH,
    compact_document,
    context_document,
    entity_document,
    script_json,
)
from osce_kg.web import links
from osce_kg.web.exchange import conditional, int_arg, link_header, negotiate, page_language
from osce_kg.web.state import state

bp = Blueprint("entities", __name__)


def checked_iri(kind: str, slug: str) -> URIRef:
    """The IRI for a path's kind and slug; anything but slugs (``..``, ``%2F``…) is NotFound."""
    if not (is_slug(kind) and is_slug(slug)):
        raise NotFound(f"no entity at /{kind}/{slug}: not a valid identifier")
    return entity_iri(kind, slug)


@bp.get("/id/<kind>/<slug>")
def resource(kind: str, slug: str) -> Response:
    iri = checked_iri(kind, slug)
    fmt = negotiate(conneg.PAGE_OFFERS, conneg.HTML)
    if not describe.exists(state().store, iri):
        raise NotFound(f"no entity {iri}")
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
                             hubs=state().hubs)
    alternates = links.alternate_links(kind, slug)
    html = render_template("entity.html", view=view, kind=kind, slug=slug,
                           alternates=list(zip(alternates, conneg.GRAPH_OFFERS, strict=True)),
                           jsonld=script_json(entity_document(view)))
    response = Response(html, content_type="text/html; charset=utf-8")
    response.headers["Link"] = link_header(alternates)
    return conditional(response, lang, offset, vary=("Accept", "Accept-Language"))


@bp.get("/data/<kind>/<name>")
def data(kind: str, name: str) -> Response:
    slug, dot, suffix = name.partition(".")
    iri = checked_iri(kind, slug)
    if dot and conneg.by_suffix(suffix) is None:
        raise NotFound(f"no format with suffix .{suffix}; try one of "
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


@bp.get("/class/<name>")
def members(name: str) -> Response:
    cls = links.resolve_class(name)
    counts = state().cached("class_counts", lambda: describe.class_counts(state().store))
    known = next((c for c in counts if c.cls == cls), None)
    if known is None:
        known = next((c for c in counts if links.class_name(c.cls).split(":")[-1] == name), None)
    if known is None:
        raise NotFound(f"no class {name!r} with instances in the graph")
    size = state().settings.page_size
    offset, lang = int_arg("offset", 0), page_language()
    listing = describe.class_members(state().store, known.cls, lang, limit=size, offset=offset,
                                     label=known.label)
    html = render_template("class.html", listing=listing, name=name)
    return conditional(Response(html, content_type="text/html; charset=utf-8"), lang, offset,
                       vary=("Accept-Language",))


@bp.get(CONTEXT_PATH)
def context() -> Response:
    """The JSON-LD context of the entity documents (their prefixes)."""
    body = json.dumps(context_document(), indent=1)
    return conditional(Response(body, content_type="application/ld+json"), vary=())
