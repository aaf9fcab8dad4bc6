"""Reading the reference tables: CSV rows, dates, source cells and confidence cells.

Pure functions over the text of ``../shared/reference/*.csv`` (see its ``SOURCES.md``); they know
nothing of the graph's shape beyond typed literals.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from osce_kg.errors import SourceError


class ReferenceTableError(SourceError):
    """A reference table that is missing or holds a value the curation cannot read."""


def read_table(reference_dir: Path, name: str) -> list[dict[str, str]]:
    """The rows of ``{name}.csv`` as dicts, cells stripped."""
    path = reference_dir / f"{name}.csv"
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return [{k.strip(): (v or "").strip() for k, v in row.items()}
                    for row in csv.DictReader(fh)]
    except OSError as exc:
        raise ReferenceTableError(f"cannot read reference table {path}: {exc}") from exc


# --- dates -------------------------------------------------------------------------------------

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})/(?:(\d{2})-)?(\d{2})$")


def date_literal(text: str) -> Literal:
    """A typed literal keeping the text's precision: xsd:date, xsd:gYearMonth or xsd:gYear."""
    text = text.strip()
    if _DAY.match(text):
        return Literal(text, datatype=XSD.date)
    if _MONTH.match(text):
        return Literal(text, datatype=XSD.gYearMonth)
    if _YEAR.match(text):
        return Literal(text, datatype=XSD.gYear)
    raise ReferenceTableError(f"not a date the reference uses: {text!r}")


def date_range(text: str) -> tuple[Literal, Literal]:
    """Start and end of ``1991-06-19/20``, ``1993-11-30/12-01`` or one day ``1991-09-10``."""
    text = text.strip()
    match = _RANGE.match(text)
    if match:
        year, month, day, end_month, end_day = match.groups()
        start = f"{year}-{month}-{day}"
        end = f"{year}-{end_month or month}-{end_day}"
        if end < start:
            raise ReferenceTableError(f"date range ends before it starts: {text!r}")
        return Literal(start, datatype=XSD.date), Literal(end, datatype=XSD.date)
    single = date_literal(text)
    return single, single


def year_literal(text: str) -> Literal:
    if not _YEAR.match(text.strip()):
        raise ReferenceTableError(f"not a year: {text!r}")
    return Literal(text.strip(), datatype=XSD.gYear)


# --- sources -----------------------------------------------------------------------------------

_URL = re.compile(r"https?://[^\s;,]+")


@dataclass(frozen=True)
class Sources:
    """A source cell split into the web pages it names and whether it says more than that."""

    urls: tuple[URIRef, ...]
    text: str  # the whole cell, kept for the editorial note when it is not only URLs


def page_url(url: str) -> str:
    """The page a source URL names: without a user name before the host (a mirror's copy of
    ``osce.org/es/secretariat`` written ``http://anna.lundbladh@osce.org/es/secretariat``,
    reference/SOURCES.md), which http IRIs may not carry (Jena's RIOT refuses them)."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def parse_sources(*cells: str) -> Sources:
    """The http(s) URLs of the cells (elided ones like ``https://x.org/...`` stay text), each
    the IRI of its page (:func:`page_url`)."""
    urls: list[URIRef] = []
    texts: list[str] = []
    for cell in cells:
        if not cell:
            continue
        rest = cell
        for match in _URL.finditer(cell):
            url = match.group(0).rstrip(").'")
            if "..." in url:
                continue
            page = page_url(url)
            if URIRef(page) not in urls:
                urls.append(URIRef(page))
            rest = rest.replace(url, "", 1)
        if re.sub(r"[\s;,()]+", "", rest):
            texts.append(cell)
    return Sources(tuple(urls), " | ".join(texts))


# --- confidence --------------------------------------------------------------------------------

WHOLE_ROW = "*"
_PART = re.compile(r"^(verified|likely|unverified)(?:\s*\((.*)\))?$")


@dataclass(frozen=True)
class Confidence:
    """A confidence cell: the parts of the row that are only 'likely' or 'unverified'."""

    text: str
    doubtful: tuple[str, ...]  # part names as the cell writes them; WHOLE_ROW for the whole row

    @property
    def verified(self) -> bool:
        return not self.doubtful


def parse_confidence(cell: str) -> Confidence:
    """``verified``, ``likely``, or ``verified (country); likely (CiO)`` and the like."""
    doubtful: list[str] = []
    for piece in (p.strip() for p in cell.split(";")):
        match = _PART.match(piece)
        if not match:
            raise ReferenceTableError(f"cannot read confidence {cell!r}")
        level, parts = match.groups()
        if level == "verified":
            continue
        if parts is None:
            doubtful.append(WHOLE_ROW)
        else:
            doubtful.extend(p.strip() for p in parts.split(",") if p.strip())
    return Confidence(cell, tuple(doubtful))


def note_text(*parts: str | None) -> str:
    """Sentences joined into one editorial note (empty parts dropped, each ending in a stop)."""
    sentences = []
    for part in parts:
        if part and part.strip():
            part = part.strip()
            sentences.append(part if part.endswith((".", "!", "?")) else part + ".")
    return " ".join(sentences)


def without_parenthesis(text: str) -> tuple[str, str]:
    """``("OSCE Centre in Bishkek", "until 1 May 2017")`` from ``"… (until 1 May 2017)"``."""
    match = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", text)
    if match:
        return match.group(1).strip(), match.group(2).strip()
    return text.strip(), ""
