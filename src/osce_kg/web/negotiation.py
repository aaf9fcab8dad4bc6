"""Content negotiation over ``conneg``'s one ``Format`` table, with werkzeug reading Accept.

:func:`choose` applies the precedence: an explicit suffix or ``format=`` value, then the
``Accept`` header with its q-values (the most specific matching range decides, RFC 9110
§12.5.1), then the default; ``NotOffered`` (listing the offers) when nothing fits. The
SPARQL endpoint's own rule for a format the query form does not have is in
:func:`osce_kg.web.sparql.negotiate` (docs/protocol.md).
"""

from __future__ import annotations

from collections.abc import Sequence

from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from osce_kg.conneg import Format
from osce_kg.errors import NotOffered

# An Accept header longer than this, or with more ranges, is treated as absurd: only its
# first ranges are read (a client cannot make negotiation cost more than this).
MAX_ACCEPT_CHARS = 4096
MAX_ACCEPT_RANGES = 64


def accepted_ranges(header: str | None) -> list[tuple[str, float]]:
    """``[(media range, q)]`` of an Accept header (lower case, without parameters);
    ranges that are not ``type/subtype`` are skipped."""
    text = (header or "")[:MAX_ACCEPT_CHARS]
    if text.count(",") >= MAX_ACCEPT_RANGES:
        text = ",".join(text.split(",")[:MAX_ACCEPT_RANGES])
    ranges: list[tuple[str, float]] = []
    for value, q in parse_accept_header(text, MIMEAccept):
        media = value.split(";", 1)[0].strip().lower()
        if media.count("/") == 1 and all(media.split("/")):
            ranges.append((media, float(q)))
    return ranges


def quality(fmt: Format, ranges: list[tuple[str, float]]) -> float:
    """The q of the most specific range matching ``fmt`` (0 when none does).

    Aliases with a slash match exactly; ``type/*`` only the format's main media type."""
    best: tuple[int, float] | None = None
    types = (fmt.media_type, *(a for a in fmt.aliases if "/" in a))
    own_major = fmt.media_type.split("/")[0]
    for media, q in ranges:
        major, minor = media.split("/")
        if media in types:
            spec = 3 if media == fmt.media_type else 2
        elif minor == "*" and major == own_major:
            spec = 1
        elif media == "*/*":
            spec = 0
        else:
            continue
        if best is None or spec > best[0]:
            best = (spec, q)
    return best[1] if best else 0.0


def by_name(value: str, offers: Sequence[Format]) -> Format | None:
    """The offer a ``format=`` value or URL suffix names (name, suffix, alias, media type)."""
    wanted = value.strip().lower().lstrip(".")
    return next((f for f in offers if wanted in f.names), None)


def not_offered(reason: str, offers: Sequence[Format]) -> NotOffered:
    """A 406 whose message and details list what is offered."""
    types = [f.media_type for f in offers]
    return NotOffered(f"{reason}; offered: {', '.join(types)}", offers=types)


def choose(accept: str | None, offers: Sequence[Format], default: Format,
           override: str | None = None) -> Format:
    """The format to answer with.

    ``override`` (a URL suffix or a ``format=`` value) wins; else the Accept header's best
    offer (ties go to ``default``, then to the order of ``offers``); else ``default`` when
    there is no usable Accept header at all.
    """
    if override:
        found = by_name(override, offers)
        if found is None:
            raise not_offered(f"format {override!r} is not offered here", offers)
        return found
    ranges = accepted_ranges(accept)
    if not ranges:
        return default
    scored = []
    for index, fmt in enumerate(offers):
        q = quality(fmt, ranges)
        if q > 0:
            scored.append((-q, 0 if fmt == default else 1, index, fmt))
    if not scored:
        raise not_offered("none of the offered media types is acceptable", offers)
    return min(scored, key=lambda item: item[:3])[3]
