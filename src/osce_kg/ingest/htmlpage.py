"""HTML → the lines of the text format, read with a real HTML parser (lxml).

The document is walked in order: a list item becomes ``- text`` (or, when it holds a nested list,
a lone ``-`` and its own text as a heading, then the nested items), ``dt``/``dd`` become ``- ``
lines, paragraphs, headings and text-only blocks become one line each. The lines then go through
the same parser as the text format (:mod:`osce_kg.ingest.lines`), with the ``<h1>`` and the
canonical URL as hints.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from osce_kg.ingest.lines import Hints, clean_line

SKIP = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg",
        "button", "form", "input", "select", "option", "iframe", "object"}
LISTS = {"ul", "ol", "menu"}
ITEM_LIKE = {"li", "dt", "dd"}
BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "address", "figcaption",
          "caption", "td", "th", "time"}
CONTAINERS = {"div", "section", "article", "main", "header", "footer", "nav", "aside", "body",
              "html", "figure", "table", "tbody", "thead", "tr", "dl", "span", "a", "fieldset",
              "details", "summary", "center", "font"} | LISTS
HTML_START_RE = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|div|p|article"
                           r"|nav|main|section|h1)\b", re.IGNORECASE | re.DOTALL)


def looks_like_html(text: str) -> bool:
    return bool(HTML_START_RE.match(text[:4000]))


def is_truncated_html(text: str) -> bool:
    """A saved document that opens ``<html`` but never closes it was cut short."""
    lowered = text.lower()
    return "<html" in lowered and "</html>" not in lowered


def html_lines(text: str) -> tuple[list[str], Hints]:
    """The document's lines in reading order and the hints it states (title, URL)."""
    try:
        root = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError):
        return [], Hints()
    lines: list[str] = []
    _walk(root, lines)
    return lines, Hints(title=_title(root), url=_url(root))


def _title(root) -> str | None:
    for h1 in root.iter("h1"):
        text = clean_line(h1.text_content())
        if text:
            return text
    return None


def _url(root) -> str | None:
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href", "").startswith("http"):
            return link.get("href").strip()
    for meta in root.iter("meta"):
        if (meta.get("property") or "").lower() == "og:url" and \
                meta.get("content", "").startswith("http"):
            return meta.get("content").strip()
    return None


def _tag(el) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _hidden(el) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return el.get("hidden") is not None or "display:none" in style or \
        (el.get("aria-hidden") or "").lower() == "true"


def _own_text(el) -> str:
    """Text of ``el`` without nested lists (a menu heading's own words)."""
    parts = [el.text or ""]
    for child in el:
        if _tag(child) not in LISTS and _tag(child) not in SKIP:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return clean_line(" ".join(parts))


def _text(el) -> str:
    if _tag(el) in SKIP:
        return ""
    parts = [el.text or ""]
    for child in el:
        if _tag(child) == "br":
            parts.append(" ")
        elif _tag(child) not in SKIP:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _has_blocks(el) -> bool:
    return any(_tag(d) in BLOCKS | LISTS | ITEM_LIKE | {"div", "section", "article", "dl", "nav",
                                                         "header", "footer", "main", "table"}
               for d in el.iterdescendants())


def _walk(el, lines: list[str]) -> None:
    tag = _tag(el)
    if not tag or tag in SKIP or _hidden(el):
        return
    if tag in ITEM_LIKE:
        nested = [c for c in el if _tag(c) in LISTS]
        if nested and tag == "li":
            lines.append("-")
            lines.append(_own_text(el))
            for child in nested:
                _walk(child, lines)
            return
        text = clean_line(_text(el))
        lines.append(f"- {text}" if text else "-")
        return
    if tag in BLOCKS or (tag in CONTAINERS and not _has_blocks(el) and tag not in LISTS):
        text = clean_line(_text(el))
        if text:
            lines.append(text)
            if tag == "p":
                lines.append("")
        return
    if el.text and el.text.strip():
        lines.append(clean_line(el.text))
    for child in el:
        _walk(child, lines)
        if child.tail and child.tail.strip() and _tag(child) != "br":
            lines.append(clean_line(child.tail))
