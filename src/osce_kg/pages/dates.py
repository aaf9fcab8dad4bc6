"""Dates as people write them, in the page's language (Babel's CLDR data).

``xsd:date`` 1992-09-01 → "1 September 1992" / "1 septembre 1992"; ``xsd:gYearMonth`` 1992-09
→ "September 1992" / "septembre 1992"; ``xsd:gYear`` → "1992". A lexical form that does not
parse is shown as it is.
"""

from __future__ import annotations

import re
from datetime import date

from babel import Locale
from babel.dates import format_date, format_skeleton
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

DATE_TYPES = (XSD.date, XSD.gYear, XSD.gYearMonth, XSD.dateTime)
# English as the OSCE writes it: day before month ("1 September 1992")
_LOCALES = {"en": "en_GB"}
_YEAR_MONTH = re.compile(r"^(-?\d{4})-(\d{2})")
_DATE = re.compile(r"^(-?\d{4})-(\d{2})-(\d{2})")
_YEAR = re.compile(r"^(-?\d{4})")


def locale_of(lang: str) -> Locale:
    """The Babel locale for a page language (``en`` is British English)."""
    try:
        return Locale.parse(_LOCALES.get(lang, lang))
    except (ValueError, TypeError):
        return Locale.parse("en_GB")


def parts(lexical: str, datatype: URIRef | None) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of a date-typed lexical form, month and day ``None`` when absent."""
    text = lexical.strip()
    if datatype == XSD.gYear:
        found = _YEAR.match(text)
        return (int(found.group(1)), None, None) if found else None
    if datatype == XSD.gYearMonth:
        found = _YEAR_MONTH.match(text)
        return (int(found.group(1)), int(found.group(2)), None) if found else None
    found = _DATE.match(text)
    return (int(found.group(1)), int(found.group(2)), int(found.group(3))) if found else None


def format_lexical(lexical: str, datatype: URIRef | None, lang: str) -> str:
    """A date literal's lexical form as a reader writes it in ``lang``."""
    found = parts(lexical, datatype)
    if found is None:
        return lexical
    year, month, day = found
    try:
        if month is None:
            return str(year)
        if day is None:
            return format_skeleton("yMMMM", date(year, month, 1), locale=locale_of(lang))
        return format_date(date(year, month, day), "long", locale=locale_of(lang))
    except ValueError:
        return lexical


def format_literal(value: Literal, lang: str) -> str | None:
    """``value`` formatted when it is a date, else ``None``."""
    if value.datatype not in DATE_TYPES:
        return None
    return format_lexical(str(value), value.datatype, lang)


def sort_key(lexical: str, datatype: URIRef | None) -> tuple[int, int, int]:
    """A key ordering dates of any precision (a year sorts before its months)."""
    found = parts(lexical, datatype) or (0, None, None)
    return (found[0], found[1] or 0, found[2] or 0)
