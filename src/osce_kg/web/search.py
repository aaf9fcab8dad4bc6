"""``/search?q=``: label search over every language, as HTML or JSON (autocomplete).

Each hit comes with its label in the page's language, a one-line description and the page it
opens (a class's table for a class word); links keep ``?lang=``.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, jsonify, render_template, request
from flask_babel import gettext, ngettext

from osce_kg import conneg
from osce_kg.errors import InputError
from osce_kg.pages.search import CLASS_KIND, MAX_QUERY_CHARS, Hit, describe_hit
from osce_kg.web.exchange import conditional, int_arg, negotiate, page_language
from osce_kg.web.i18n import current_language, url
from osce_kg.web.links import class_path, local_path
from osce_kg.web.state import state

bp = Blueprint("search", __name__)
OFFERS = (conneg.HTML, conneg.JSON)


@dataclass(frozen=True)
class ShownHit:
    hit: Hit
    label: str
    label_lang: str | None
    description: str
    page: str | None


def _description(hit: Hit, lang: str) -> str:
    if hit.kind == CLASS_KIND:
        counts = state().class_counts
        total = next((c.count for c in counts if c.cls == hit.iri), 0)
        return ngettext("Table of %(num)s thing", "Table of %(num)s things", total)
    kind, place, when = describe_hit(state().store, hit.iri, lang, current_language())
    return " · ".join(part[:1].upper() + part[1:] if i == 0 else part
                      for i, part in enumerate(p for p in (kind, place, when) if p))


def _shown(hit: Hit, lang: str) -> ShownHit:
    label, tag = state().labels.label_in(hit.iri, lang)
    page = class_path(hit.iri) if hit.kind == CLASS_KIND else local_path(hit.iri)
    label = label or hit.label
    if hit.kind == CLASS_KIND:
        label = label[:1].upper() + label[1:]
    return ShownHit(hit, label, tag, _description(hit, lang),
                    url(page) if page else None)


def _as_json(shown: ShownHit) -> dict[str, object]:
    hit = shown.hit
    return {"iri": str(hit.iri), "label": shown.label, "matched": hit.matched, "lang": hit.lang,
            "kind": hit.kind, "page": shown.page, "description": shown.description}


@bp.get("/search")
def find() -> Response:
    text = request.args.get("q", "").strip()
    if len(text) > MAX_QUERY_CHARS:
        raise InputError(gettext("the search text is longer than %(max)s characters",
                                 max=MAX_QUERY_CHARS))
    limit = int_arg("limit", 20, minimum=1, maximum=100)
    kind = request.args.get("kind") or None
    fmt = negotiate(OFFERS, conneg.HTML)
    lang = page_language()
    hits = [_shown(h, lang) for h in state().labels.search(text, limit=limit, kind=kind)] \
        if text else []
    if fmt is conneg.JSON:
        response = jsonify({"query": text, "results": [_as_json(h) for h in hits]})
    else:
        response = Response(render_template("search.html", text=text, hits=hits),
                            content_type="text/html; charset=utf-8")
    return conditional(response, fmt.name, text, limit, kind, lang, current_language(),
                       vary=("Accept", "Accept-Language"))
