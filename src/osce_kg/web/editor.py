"""What the query editor (``static/sparql.js``) asks besides ``/sparql``: labels of result IRIs.

``POST /sparql/labels`` with ``{"iris": [...], "lang": "fr"}`` answers ``{"labels": {iri: label}}``.
"""

from __future__ import annotations

import json

from flask import Blueprint, Flask, Response, request

from osce_kg.errors import InputError
from osce_kg.pages.labels import MAX_IRIS, labels_of
from osce_kg.query.guard import ExampleQuery
from osce_kg.web.state import state

bp = Blueprint("editor", __name__)


@bp.post("/sparql/labels")
def labels() -> Response:
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("iris"), list):
        raise InputError('POST {"iris": ["https://…", …], "lang": "en"} as application/json')
    iris = [str(iri) for iri in body["iris"][:MAX_IRIS] if isinstance(iri, str)]
    lang = str(body.get("lang") or "en")[:12]
    found = labels_of(state().store, iris, lang)
    return Response(json.dumps({"labels": found}, ensure_ascii=False, sort_keys=True),
                    content_type="application/json")


def editor_text(example: ExampleQuery) -> str:
    """An example as the editor shows it: its question as a comment, then the query."""
    return f"# {example.question}\n{example.text}"


@bp.record_once
def _install(setup) -> None:
    app: Flask = setup.app
    app.jinja_env.globals["editor_text"] = editor_text
    app.jinja_env.filters["editor_text"] = editor_text
