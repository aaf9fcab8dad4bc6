"""``/ontology`` and ``/shapes``: documentation pages, or the RDF by Accept or suffix."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, render_template
from rdflib import Graph, URIRef

from osce_kg import conneg
from osce_kg.errors import StoreUnavailable, UnknownName
from osce_kg.pages.census import property_counts
from osce_kg.pages.vocabulary import document_ontology, document_shapes
from osce_kg.rdf.io import load_graph
from osce_kg.store.layout import ONTOLOGY_FILE, SHAPES_FILE
from osce_kg.web.exchange import conditional, negotiate
from osce_kg.web.state import state

bp = Blueprint("ontology", __name__)

# The copy in the build is preferred; the checkout's source is the fallback.
BUILD_FILES = {"ontology": ONTOLOGY_FILE, "shapes": SHAPES_FILE}
SOURCES = {"ontology": Path("ontology") / "osce.ttl", "shapes": Path("shapes") / "osce.shapes.ttl"}


def _source(which: str) -> Graph:
    app_state = state()
    candidates = (app_state.dist / BUILD_FILES[which],
                  app_state.settings.project_dir / SOURCES[which])
    path = next((p for p in candidates if p.is_file()), None)
    if path is None:
        raise StoreUnavailable(f"the {which} file {SOURCES[which]} is missing")
    version = path.stat().st_mtime_ns
    return app_state.cached(f"{which}-graph-{path}-{version}", lambda: load_graph([path]))


def _usage() -> dict[URIRef, int]:
    """Instances per class and triples per property, once per build."""
    app_state = state()
    counts = app_state.class_counts
    return app_state.cached("usage", lambda: {**property_counts(app_state.store),
                                              **{c.cls: c.count for c in counts}})


def _respond(which: str, suffix: str | None) -> Response:
    if suffix is not None and conneg.by_suffix(suffix) is None:
        raise UnknownName(f"no format with suffix .{suffix}")
    fmt = negotiate(conneg.PAGE_OFFERS, conneg.HTML, override=suffix)
    graph = _source(which)
    if fmt is conneg.HTML:
        if which == "ontology":
            html = render_template("ontology.html", doc=document_ontology(graph, _usage()))
        else:
            html = render_template("shapes.html", shapes=document_shapes(graph))
        response = Response(html, content_type="text/html; charset=utf-8")
    else:
        body = state().cached(f"{which}-{fmt.name}",
                              lambda: graph.serialize(format=fmt.rdflib, encoding="utf-8"))
        response = Response(body, content_type=fmt.content_type)
    return conditional(response, fmt.name)


@bp.get("/ontology")
def ontology() -> Response:
    return _respond("ontology", None)


@bp.get("/ontology.<suffix>")
def ontology_file(suffix: str) -> Response:
    return _respond("ontology", suffix)


@bp.get("/shapes")
def shapes() -> Response:
    return _respond("shapes", None)


@bp.get("/shapes.<suffix>")
def shapes_file(suffix: str) -> Response:
    return _respond("shapes", suffix)
