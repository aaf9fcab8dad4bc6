"""Dates as people write them in a language: ``1992-09-07`` → "7 septembre 1992" (Babel/CLDR).

A date keeps its precision: ``xsd:gYear`` "1992", ``xsd:gYearMonth`` "September 1992",
``xsd:date`` "September 7, 1992". Anything else is returned as written.
"""

from __future__ import annotations

from datetime import date

from babel.core import UnknownLocaleError
from babel.dates import format_date, format_skeleton

DEFAULT_LANG = "en"


def human_date(lexical: str | None, lang: str = DEFAULT_LANG) -> str:
    """``lexical`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, a time ignored) in ``lang``."""
    if not lexical:
        return ""
    parts = lexical[:10].split("-")
    try:
        numbers = [int(p) for p in parts]
        when = date(numbers[0], numbers[1] if len(numbers) > 1 else 1,
                    numbers[2] if len(numbers) > 2 else 1)
        if len(numbers) == 1:
            return str(numbers[0])
        if len(numbers) == 2:
            return format_skeleton("yMMMM", when, locale=lang)
        return format_date(when, format="long", locale=lang)
    except (ValueError, UnknownLocaleError):
        return lexical


def human_span(start: str | None, end: str | None, lang: str = DEFAULT_LANG, *,
               ongoing: bool = False) -> str:
    """"September 1992 – June 1999", "since September 1992" (``ongoing``), or one date."""
    first, last = human_date(start, lang), human_date(end, lang)
    if ongoing or (first and not last):
        return f"{first} –"
    if not last or last == first:
        return first
    return f"{first} – {last}"
