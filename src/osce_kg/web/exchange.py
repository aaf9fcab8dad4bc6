"""HTTP plumbing shared by the views: negotiation, conditional requests, security headers."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from flask import Flask, Response, request

from osce_kg.conneg import Format
from osce_kg.errors import InputError, UrlTooLong
from osce_kg.web.i18n import select_language
from osce_kg.web.negotiation import choose
from osce_kg.web.state import state

# Map tiles are the only thing pages load from elsewhere.
TILE_HOSTS = ("https://tile.openstreetmap.org", "https://*.tile.openstreetmap.org")
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: " + " ".join(TILE_HOSTS),
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


def negotiate(offers: Sequence[Format], default: Format, override: str | None = None) -> Format:
    """The format for this request: suffix/``format=`` > Accept > default (or NotOffered)."""
    if override is None:
        override = request.args.get("format") or None
    return choose(request.headers.get("Accept"), offers, default, override)


def page_language() -> str:
    """The language of labels: ``?lang=`` if given (any short tag, ``lt`` too), else the
    interface language (``web/i18n.py``: Accept-Language, else English)."""
    asked = request.args.get("lang", "").strip().lower()
    if asked:
        return asked if asked.isascii() and asked.replace("-", "").isalnum() and len(asked) <= 12 \
            else "en"
    return select_language()


def int_arg(name: str, default: int, *, minimum: int = 0, maximum: int = 10**9) -> int:
    """An integer query parameter; out-of-range or malformed values raise InputError."""
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise InputError(f"parameter {name!r} must be an integer, not {raw[:40]!r}") from exc
    if not minimum <= value <= maximum:
        raise InputError(f"parameter {name!r} must be between {minimum} and {maximum}")
    return value


def conditional(response: Response, *parts: object, vary: Iterable[str] = ("Accept",)) -> Response:
    """Give ``response`` an ETag (build + variant) and Last-Modified; 304 when the client has it."""
    app_state = state()
    tag = hashlib.sha256("\x1f".join([app_state.build_id, request.full_path,
                                      *map(str, parts)]).encode()).hexdigest()[:32]
    response.set_etag(tag)
    response.last_modified = int(app_state.last_modified)
    for header in vary:
        response.vary.add(header)
    return response.make_conditional(request)


def link_header(links: Iterable[tuple[str, str, str | None]]) -> str:
    """``Link`` header value from ``(href, rel, type)`` triples."""
    parts = []
    for href, rel, media_type in links:
        part = f'<{href}>; rel="{rel}"'
        if media_type:
            part += f'; type="{media_type}"'
        parts.append(part)
    return ", ".join(parts)


def add_common_headers(response: Response) -> Response:
    """CORS on every answer; CSP and sniffing protection on HTML."""
    headers = response.headers
    headers.setdefault("Access-Control-Allow-Origin", "*")
    headers.setdefault("Access-Control-Expose-Headers", "ETag, Link, Content-Length, Location")
    if request.method == "OPTIONS":
        headers.setdefault("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS")
        headers.setdefault("Access-Control-Allow-Headers", "Accept, Content-Type, If-None-Match")
        headers.setdefault("Access-Control-Max-Age", "86400")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    if response.mimetype == "text/html":
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    return response


def refuse_long_urls() -> None:
    """414 for a request target longer than ``settings.max_url_bytes`` (gunicorn reads any
    length, see serving.py, so the refusal comes in the one negotiated error shape)."""
    environ = request.environ
    length = len(environ.get("PATH_INFO", "")) + len(environ.get("QUERY_STRING", ""))
    limit = state().settings.max_url_bytes
    if length > limit:
        raise UrlTooLong(f"the URL has {length:,} bytes; this server reads at most {limit:,}. "
                         "Send a long query by POST, in the body (application/sparql-query, or "
                         "query=… as application/x-www-form-urlencoded)")


def install(app: Flask) -> None:
    app.before_request(refuse_long_urls)
    app.after_request(add_common_headers)
