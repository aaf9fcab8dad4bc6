"""THE place where exceptions become HTTP responses.

One table maps the domain exceptions of ``osce_kg.errors`` to statuses; Werkzeug's HTTP
exceptions keep their code; anything else is logged with its traceback and answered with a
masked 500. One body shape, negotiated by Accept: JSON ``{"status", "error", "message",
"details"}``, text ``400 Bad Request: message``, or the HTML error page.
"""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Any

from flask import Flask, Response, render_template, request
from werkzeug.exceptions import HTTPException

from osce_kg import conneg, errors
from osce_kg.conneg import ERROR_OFFERS
from osce_kg.web.negotiation import choose

log = logging.getLogger(__name__)

# The domain errors (``osce_kg.errors``) as statuses; the first class that matches wins.
STATUS_BY_ERROR: tuple[tuple[type[Exception], int], ...] = (
    (errors.UnknownName, 404),         # UnknownEntity too
    (errors.TooLarge, 413),
    (errors.UrlTooLong, 414),
    (errors.InputError, 400),          # BadQuery and QueryRefused too
    (errors.NotOffered, 406),
    (errors.QueryTimeout, 503),
    (errors.StoreUnavailable, 503),
)


def status_of(exc: BaseException) -> int:
    if isinstance(exc, HTTPException):
        return exc.code or 500
    return next((status for cls, status in STATUS_BY_ERROR if isinstance(exc, cls)), 500)


def details_of(exc: BaseException) -> dict[str, Any]:
    details: dict[str, Any] = {}
    if isinstance(exc, errors.BadQuery) and exc.position:
        details["position"] = exc.position
    if isinstance(exc, errors.QueryTimeout):
        details["limit_s"] = exc.limit_s
    if isinstance(exc, errors.NotOffered):
        details["offers"] = list(exc.offers)
    return details


def message_of(exc: BaseException, status: int) -> str:
    if status >= 500 and not isinstance(exc, (errors.OsceKgError, HTTPException)):
        return "The server met an unexpected error; it has been logged."
    if isinstance(exc, HTTPException):
        return exc.description or HTTPStatus(status).phrase
    return str(exc) or HTTPStatus(status).phrase


def error_response(exc: BaseException, *, status: int | None = None,
                   extra: dict[str, Any] | None = None) -> Response:
    """The negotiated error response for ``exc`` (reusable by any view or blueprint).

    ``extra`` is passed to the HTML template only (e.g. ``similar`` hits for the 404 page).
    """
    status = status or status_of(exc)
    phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    message = message_of(exc, status)
    details = details_of(exc)
    try:
        fmt = choose(request.headers.get("Accept"), ERROR_OFFERS, conneg.TEXT)
    except errors.NotOffered:
        fmt = conneg.TEXT
    if fmt is conneg.JSON:
        body = json.dumps({"status": status, "error": phrase, "message": message,
                           "details": details}, ensure_ascii=False)
        response = Response(body, status, content_type="application/json")
    elif fmt is conneg.HTML:
        html = render_template("error.html", status=status, phrase=phrase, message=message,
                               details=details, **(extra or {}))
        response = Response(html, status, content_type="text/html; charset=utf-8")
    else:
        response = Response(f"{status} {phrase}: {message}\n", status,
                            content_type="text/plain; charset=utf-8")
    response.vary.add("Accept")
    if isinstance(exc, HTTPException):
        for key, value in exc.get_headers():
            if key.lower() not in ("content-type", "content-length"):
                response.headers[key] = value
    return response


def _suggestions(exc: BaseException) -> dict[str, Any]:
    """For an unknown entity's HTML 404: the words of its slug and similar labels."""
    args = request.view_args or {}
    if not isinstance(exc, errors.UnknownName) or "slug" not in args:
        return {}
    from osce_kg.web.state import state

    words = str(args["slug"]).rsplit(".", 1)[0].replace("-", " ")
    try:
        similar = state().labels.similar(words, kind=str(args.get("kind")))
    except errors.OsceKgError:
        similar = []
    return {"search_text": words, "similar": similar}


def handle(exc: Exception) -> Response:
    status = status_of(exc)
    if status >= 500 and not isinstance(exc, (errors.OsceKgError, HTTPException)):
        log.error("unhandled error on %s %s", request.method, request.path, exc_info=exc)
    extra = _suggestions(exc) if status == 404 else {}
    return error_response(exc, status=status, extra=extra)


def install(app: Flask) -> None:
    # The only ``except Exception`` of the code base is this handler.
    app.register_error_handler(Exception, handle)
