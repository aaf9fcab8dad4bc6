"""``/search?q=``: label search over every language, as HTML or JSON (autocomplete)."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, render_template, request

from osce_kg import conneg
from osce_kg.errors import BadRequest
from osce_kg.pages.search import MAX_QUERY_CHARS, Hit
from osce_kg.web.exchange import conditional, int_arg, negotiate
from osce_kg.web.links import local_path
from osce_kg.web.state import state

bp = Blueprint("search", __name__)
OFFERS = (conneg.HTML, conneg.JSON)


def _as_json(hit: Hit) -> dict[str, object]:
    return {"iri": str(hit.iri), "label": hit.label, "matched": hit.matched, "lang": hit.lang,
            "kind": hit.kind, "page": local_path(hit.iri)}


@bp.get("/search")
def find() -> Response:
    text = request.args.get("q", "").strip()
    if len(text) > MAX_QUERY_CHARS:
        raise BadRequest(f"the search text is longer than {MAX_QUERY_CHARS} characters")
    limit = int_arg("limit", 20, minimum=1, maximum=100)
    kind = request.args.get("kind") or None
    fmt = negotiate(OFFERS, conneg.HTML)
    hits = state().labels.search(text, limit=limit, kind=kind) if text else []
    if fmt is conneg.JSON:
        response = jsonify({"query": text, "results": [_as_json(h) for h in hits]})
    else:
        response = Response(render_template("search.html", text=text, hits=hits),
                            content_type="text/html; charset=utf-8")
    return conditional(response, fmt.name, text, limit, kind)
