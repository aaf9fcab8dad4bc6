"""Lines → :class:`~osce_kg.ingest.model.Page`: the one structure parser behind both formats.

The text format is the site's text rendering: navigation entries as ``- item`` lines under a
heading introduced by a lone ``-``, then (release page) the content type, the title and the
labelled fields (``- Date:``, ``- Place:`` …, each value on its own ``- `` line or inline), then
the body; or (newsroom listing) items of a title line, ``Publishing date: …``, optional
``Content type:``/``Where we are:``/``What we do:`` lines and a lead paragraph. The HTML reader
linearises a document into the same lines, so both formats meet here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from osce_kg.ingest.dates import MONTH, WEEKDAY, parse_dateline
from osce_kg.ingest.model import LISTING_PAGE, RELEASE_PAGE, Entry, Menu, Page

LABEL_RE = re.compile(
    r"^(?:[-•*]\s*)?(date|place|source|fields? of work|where we are|what we do|publishing date"
    r"|content type|published|locations?)\s*:\s*(.*)$",
    re.IGNORECASE,
)
URL_RE = re.compile(r"^(?:(?:url|link|address|canonical)\s*:\s*)?(https?://\S+)$", re.IGNORECASE)
RELEASE_LABELS = {"date", "place", "source", "fields of work", "field of work", "published",
                  "location"}
LISTING_LABELS = {"publishing date", "content type", "where we are", "what we do", "place"}
LABEL_NAMES = ("publishing date", "content type", "where we are", "what we do", "location")
CANONICAL_LABEL = {"field of work": "fields of work", "published": "date", "location": "place",
                   "locations": "place"}

KNOWN_CONTENT_TYPES = (
    "Press release", "News item", "Statement", "News", "Daily report", "Spot report",
    "Weekly report", "Press statement", "Feature story", "Speech", "Report", "Story",
)
_CONTENT_TYPE_KEYS = {t.casefold() for t in KNOWN_CONTENT_TYPES}
MAX_CONTENT_TYPE_CHARS = 40
MAX_BARE_VALUE_CHARS = 80
MAX_HEAD_LINES = 40  # a title is looked for among the first lines of text only
MAX_TITLE_CHARS = 300
DATE_LINE_RE = re.compile(rf"(?:{WEEKDAY})?\d{{1,2}}\s+{MONTH}\s+\d{{4}}", re.IGNORECASE)


class StructureError(ValueError):
    """The lines hold no release: the message says what is missing."""


@dataclass(frozen=True)
class Hints:
    """What an HTML document states outright (used before the heuristics)."""

    title: str | None = None
    url: str | None = None


def clean_line(line: str) -> str:
    return re.sub(r"\s+", " ", line.replace("\u00a0", " ")).strip()


def is_item(line: str) -> bool:
    return line.startswith("- ") or line.startswith("• ")


def item_text(line: str) -> str:
    return line[2:].strip() if is_item(line) else line.strip()


def label_of(line: str) -> tuple[str, str] | None:
    match = LABEL_RE.match(line)
    if not match:
        return None
    name = match.group(1).casefold()
    return CANONICAL_LABEL.get(name, name), match.group(2).strip()


def parse_lines(raw_lines: list[str], hints: Hints | None = None) -> Page:
    """Parse the page's lines (blank lines kept as ``""``) into a :class:`Page`."""
    hints = hints or Hints()
    url = hints.url
    lines: list[str] = []
    for raw in raw_lines:
        line = clean_line(raw)
        match = URL_RE.match(line)
        if match and url is None:
            url = match.group(1)
            continue
        if match:
            continue
        lines.append(line)
    labels = [(i, label_of(line)) for i, line in enumerate(lines)]
    if any(lab and lab[0] == "publishing date" for _, lab in labels):
        return _parse_listing(lines, url)
    return _parse_release(lines, hints, url)


def parse_menus(lines: list[str]) -> tuple[Menu, ...]:
    """Menus of the navigation part: a lone ``-`` opens a heading; ``- x`` lines are its entries."""
    menus: list[Menu] = []
    heading: str | None = None
    entries: list[str] = []
    expect_heading = False
    for line in lines:
        if not line:
            continue
        if line in ("-", "•"):
            expect_heading = True
            continue
        if expect_heading and not is_item(line):
            if heading is not None:
                menus.append(Menu(heading, tuple(entries)))
            heading, entries, expect_heading = line, [], False
            continue
        expect_heading = False
        if is_item(line) and heading is not None:
            entries.append(item_text(line))
    if heading is not None:
        menus.append(Menu(heading, tuple(entries)))
    return tuple(menus)


def _nonblank(lines: list[str], start: int, stop: int, step: int):
    for i in range(start, stop, step):
        if lines[i]:
            yield i


def _looks_like_content_type(lines: list[str], i: int) -> bool:
    line = lines[i]
    if not line or line in ("-", "•") or len(line) > MAX_CONTENT_TYPE_CHARS:
        return False
    if line.casefold() in _CONTENT_TYPE_KEYS:
        return True
    if is_item(line) or label_of(line):
        return False
    before = next(_nonblank(lines, i - 1, -1, -1), None)
    return before is None or lines[before] not in ("-", "•")


def _parse_release(lines: list[str], hints: Hints, url: str | None) -> Page:
    first_label = next((i for i, line in enumerate(lines)
                        if (lab := label_of(line)) and lab[0] in RELEASE_LABELS), None)
    title_at = _find_title(lines, first_label, hints)
    if title_at is None and first_label is None:
        found = _title_before_dateline(lines)
        if found is not None:
            title_at, body_at, date_line = found
            return Page(RELEASE_PAGE, (Entry(
                title=lines[title_at], date=date_line,
                paragraphs=_paragraphs(lines[body_at:])),), parse_menus(lines[:title_at]), url)
    if title_at is None:
        reason = ("no title before the labelled fields" if first_label is not None
                  else "no release found (no content type, title or labelled fields)")
        raise StructureError(reason)
    title = item_text(lines[title_at]) if hints.title is None else hints.title
    if title.casefold() in _CONTENT_TYPE_KEYS:
        raise StructureError(f"no title (the line before the fields is the content type {title!r})")
    content_type = None
    before = next(_nonblank(lines, title_at - 1, -1, -1), None)
    if before is not None and _looks_like_content_type(lines, before):
        content_type = lines[before]
    nav_end = before if content_type is not None else title_at
    menus = parse_menus(lines[:nav_end])
    fields: dict[str, list[str]] = {}
    body_start = title_at + 1
    if first_label is not None and first_label > title_at:
        body_start = _parse_fields(lines, first_label, fields)
    body = _paragraphs(lines[body_start:])
    if first_label is not None and not body:
        raise StructureError("truncated: nothing follows the labelled fields (no body)")
    if first_label is None and not body:
        raise StructureError("truncated: nothing follows the title (no body)")
    dates = fields.get("date", [])
    entry = Entry(
        title=title,
        content_type=content_type,
        date=dates[0] if dates else None,
        places=tuple(fields.get("place", ())),
        sources=tuple(fields.get("source", ())),
        fields=tuple(fields.get("fields of work", ())),
        paragraphs=body,
    )
    return Page(RELEASE_PAGE, (entry,), menus, url)


def _title_before_dateline(lines: list[str]) -> tuple[int, int, str | None] | None:
    """A page with no labels and no content type (a copy of a release's text): its title is
    the line before a date line ("31 August 2011") or before the paragraph that opens with a
    dated dateline. (title index, first body index, the date line or None)."""
    candidates = [i for i, line in enumerate(lines)
                  if line and line not in ("-", "•") and not is_item(line)][:MAX_HEAD_LINES]
    for pos, i in enumerate(candidates[1:], start=1):
        title = candidates[pos - 1]
        if len(lines[title]) > MAX_TITLE_CHARS or label_of(lines[title]):
            continue
        if DATE_LINE_RE.fullmatch(lines[i]):
            return title, i + 1, lines[i]
        dateline = parse_dateline(lines[i])
        if dateline is not None and dateline.date is not None and not dateline.weak:
            return title, i, None
    return None


def _find_title(lines: list[str], first_label: int | None, hints: Hints) -> int | None:
    if hints.title:
        wanted = clean_line(hints.title)
        for i, line in enumerate(lines):
            if item_text(line) == wanted and not is_item(line):
                return i
    if first_label is not None:
        i = next(_nonblank(lines, first_label - 1, -1, -1), None)
        if i is not None and lines[i] not in ("-", "•") and not is_item(lines[i]):
            return i
        return None
    for i, line in enumerate(lines):  # no labels: a known content type, then the title
        if line.casefold() in _CONTENT_TYPE_KEYS:
            nxt = next(_nonblank(lines, i + 1, len(lines), 1), None)
            if nxt is not None and not is_item(lines[nxt]) and lines[nxt] not in ("-", "•"):
                return nxt
    return None


def _parse_fields(lines: list[str], start: int, fields: dict[str, list[str]]) -> int:
    """Read the labelled block from ``start``; return the index of the first body line."""
    current: str | None = None
    i = start
    while i < len(lines):
        line = lines[i]
        lab = label_of(line)
        if lab and lab[0] in RELEASE_LABELS:
            current = lab[0]
            fields.setdefault(current, [])
            if lab[1]:
                fields[current].extend(_split_values(current, lab[1]))
        elif line in ("-", "•") or not line:
            pass
        elif is_item(line) and current is not None:
            fields[current].append(item_text(line))
        elif current == "date" and not fields["date"] and _short_value(line):
            fields["date"].append(line)
        elif current is not None and _bare_value(lines, i, fields[current]):
            fields[current].append(line)  # "Place:" then "WARSAW" on its own line
        else:
            break
        i += 1
    return i


def _bare_value(lines: list[str], i: int, values: list[str]) -> bool:
    """A value written without its "- " under a label: short, not a dateline, and either the
    label's first value or followed by another label."""
    line = lines[i]
    dateline = parse_dateline(line)
    if len(line) > MAX_BARE_VALUE_CHARS or (dateline is not None and not dateline.weak):
        return False
    after = next(_nonblank(lines, i + 1, len(lines), 1), None)
    return not values or (after is not None and label_of(lines[after]) is not None)


def _short_value(line: str) -> bool:
    return len(line) <= 40 and bool(re.search(r"\d{4}", line))


def _split_values(label: str, value: str) -> list[str]:
    if label in ("source", "fields of work", "where we are", "what we do", "place"):
        return [v.strip() for v in re.split(r",\s*(?![^()]*\))", value) if v.strip()]
    return [value]


def _paragraphs(lines: list[str]) -> tuple[str, ...]:
    """Body paragraphs: blank-line separated blocks if the body has blank lines, else lines."""
    stop = next((i for i, line in enumerate(lines) if line in ("-", "•")), len(lines))
    lines = lines[:stop]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    if "" in lines:
        blocks: list[list[str]] = [[]]
        for line in lines:
            if line:
                blocks[-1].append(line)
            elif blocks[-1]:
                blocks.append([])
        return tuple(" ".join(b) for b in blocks if b)
    return tuple(lines)


def _parse_listing(lines: list[str], url: str | None) -> Page:
    starts = [i for i, line in enumerate(lines)
              if (lab := label_of(line)) and lab[0] == "publishing date"]
    title_lines = []
    for p in starts:
        t = next(_nonblank(lines, p - 1, -1, -1), None)
        title_lines.append(t)
    first_title = next((t for t in title_lines if t is not None), starts[0])
    menus = parse_menus(lines[:first_title])
    entries: list[Entry] = []
    for n, p in enumerate(starts):
        t = title_lines[n]
        end = title_lines[n + 1] if n + 1 < len(starts) else len(lines)
        if end is None or end <= p:
            end = starts[n + 1]
        title = item_text(lines[t]) if t is not None else ""
        if not title or label_of(lines[t] if t is not None else "") or lines[t] in ("-", "•"):
            title = ""
        values: dict[str, list[str]] = {}
        i = p
        current = None
        while i < end:
            lab = label_of(lines[i])
            if lab and lab[0] in LISTING_LABELS:
                current = lab[0]
                values.setdefault(current, []).extend(_split_values(current, lab[1])
                                                      if lab[1] else [])
            elif is_item(lines[i]) and current is not None:
                values[current].append(item_text(lines[i]))
            elif lines[i]:
                break
            i += 1
        lead = tuple(line for line in _paragraphs(lines[i:end]) if not is_item(line))
        content_types = values.get("content type", [])
        last = n + 1 == len(starts)
        entries.append(Entry(
            title=title,
            content_type=content_types[0] if content_types else None,
            date=(values.get("publishing date") or [None])[0],
            sources=tuple(values.get("where we are", ())),
            fields=tuple(values.get("what we do", ())),
            paragraphs=lead,
            from_listing=True,
            locations=tuple(values.get("place", ())),
            problem=_listing_problem(title, lead, last),
        ))
    return Page(LISTING_PAGE, tuple(entries), menus, url)


def _listing_problem(title: str, lead: tuple[str, ...], last: bool) -> str | None:
    """Why a listing item cannot be ingested: no title, or (the page's last item) cut off before
    its lead — the saved page ends inside the item's labelled lines."""
    if not title:
        return "no title before its Publishing date"
    if last and not lead:
        return "cut off: the page ends before the item's lead (truncated copy of the page)"
    if last and len(lead) == 1 and _is_cut_label(lead[0]):
        return f"cut off: the page ends inside a label ({lead[0]!r})"
    return None


def _is_cut_label(text: str) -> bool:
    """"Content", "Where we", "What w", "Publis": the start of a label, cut."""
    folded = text.casefold().strip(" :")
    return bool(folded) and len(folded) < 16 and any(
        name.startswith(folded) for name in LABEL_NAMES)
