"""Bytes of a saved page → :class:`Page`, or an :class:`IngestError` saying why not."""

from __future__ import annotations

import re

from osce_kg.errors import IngestError
from osce_kg.ingest.htmlpage import html_lines, is_truncated_html, looks_like_html
from osce_kg.ingest.lines import StructureError, parse_lines
from osce_kg.ingest.model import RELEASE_PAGE, Page

OSCE_MARK_RE = re.compile(r"\b(?:OSCE|CSCE|Organi[sz]ation for Security and Co-?operation in Europe"
                          r"|ODIHR)\b", re.IGNORECASE)
MAX_CONTROL_RATIO = 0.02


def decode_page(data: bytes, source: str) -> str:
    """The page's text; empty and binary input raise :class:`IngestError`."""
    if not data.strip():
        raise IngestError("empty page (no text)", source=source)
    if b"\x00" in data[:65536]:
        raise IngestError("binary file, not a saved web page (NUL bytes)", source=source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        if text.count("\ufffd") > 0:
            raise IngestError("binary file or unknown encoding (not UTF-8 text)",
                              source=source) from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > MAX_CONTROL_RATIO * len(text):
        raise IngestError("binary file, not a saved web page (control characters)", source=source)
    return text


def read_page(data: bytes, source: str) -> Page:
    """Parse a saved release page or newsroom listing (text or HTML) into a :class:`Page`."""
    text = decode_page(data, source)
    if looks_like_html(text):
        if is_truncated_html(text):
            raise IngestError("truncated HTML document (no closing </html>)", source=source)
        lines, hints = html_lines(text)
        if not any(line.strip() for line in lines):
            raise IngestError("empty page (the HTML holds no text)", source=source)
    else:
        lines, hints = text.splitlines(), None
    if not OSCE_MARK_RE.search("\n".join(lines)):
        raise IngestError("not an OSCE page (no OSCE navigation or mention)", source=source)
    try:
        page = parse_lines(lines, hints)
    except StructureError as exc:
        raise IngestError(str(exc), source=source) from exc
    if page.kind == RELEASE_PAGE and not page.entries[0].title:
        raise IngestError("an entry has no title", source=source)
    if not any(entry.problem is None for entry in page.entries):
        raise IngestError("no usable item: " + "; ".join(sorted({e.problem or "" for e in
                                                                  page.entries})), source=source)
    return page
