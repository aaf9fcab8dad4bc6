"""Dates and datelines as releases write them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November"
         r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
DMY = rf"{WEEKDAY}(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{MONTH})(?:,?\s+(?P<y1>\d{{4}}))?"
MDY = rf"{WEEKDAY}(?P<m2>{MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>\d{{4}}))?"
DATE_RE = re.compile(rf"(?:{DMY}|{MDY})", re.IGNORECASE)
ISO_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
NUMERIC_RE = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")

DASH = r"(?:--|[-–—])"
PLACE = r"(?P<place>[^\W\d_][^\d\n\"“”:;]{0,70}?)"
DATE_GROUP = rf"(?P<date>(?:{DMY}|{MDY}))"
OSCE_TAG = r"(?:\s*\(OSCE\))?"
DATELINE_RES = (
    # PLACE, D Month YYYY - / PLACE, D Month YYYY (OSCE)-- / PLACE, D Month YYYY:
    re.compile(rf"^{PLACE},\s*{DATE_GROUP}{OSCE_TAG}\s*(?:{DASH}+|:)\s*", re.IGNORECASE),
    # PLACE – D Month YYYY.
    re.compile(rf"^{PLACE}{OSCE_TAG}\s*{DASH}\s*{DATE_GROUP}\s*[.:,]\s+", re.IGNORECASE),
    # D Month YYYY, Place –
    re.compile(rf"^{DATE_GROUP},\s*{PLACE}{OSCE_TAG}\s*{DASH}+\s*", re.IGNORECASE),
    # PLACE, D Month YYYY. (no dash)
    re.compile(rf"^{PLACE},\s*{DATE_GROUP}\s*[.]\s+", re.IGNORECASE),
)
PLACE_ONLY_RE = re.compile(r"^(?P<place>[A-ZÀ-Þ][A-ZÀ-Þ .'’/-]{2,60}?)(?:\s*\(OSCE\))?,?\s*"
                           rf"{DASH}+\s*(?=[A-Z\"“])")
# "OSH, Kyrgyzs…" (a capitalised place, a comma; the rest cut or undated) and a lead that is only
# the place ("VIENNA"): the dateline without its date
CAPS_PLACE = r"[A-ZÀ-ÞŠŽČĆĐ][A-ZÀ-ÞŠŽČĆĐ'’-]+(?:[ /]+[A-ZÀ-ÞŠŽČĆĐ][A-ZÀ-ÞŠŽČĆĐ'’-]+){0,3}"
CAPS_COMMA_RE = re.compile(rf"^(?P<place>{CAPS_PLACE}),\s+(?=\S)")
CAPS_ALONE_RE = re.compile(rf"^(?P<place>{CAPS_PLACE})\s*$")
# "Kamensk-Shakhtinskiy, Russian Federation. The …": a place and its country, no date
PLACE_COUNTRY_RE = re.compile(r"^(?P<place>[A-ZÀ-Þ][\w’'-]+(?: [A-ZÀ-Þ][\w’'-]+){0,2}), "
                              r"(?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})\.\s+(?=[A-Z])")
MAX_PLACES = 4


@dataclass(frozen=True)
class PartialDate:
    day: int
    month: int
    year: int | None

    def resolve(self, reference: dt.date | None) -> dt.date | None:
        """The full date; a missing year comes from ``reference`` (the nearest not after it)."""
        try:
            if self.year is not None:
                return dt.date(self.year, self.month, self.day)
            if reference is None:
                return None
            candidate = dt.date(reference.year, self.month, self.day)
            if candidate > reference + dt.timedelta(days=7):
                candidate = dt.date(reference.year - 1, self.month, self.day)
            return candidate
        except ValueError:
            return None


@dataclass(frozen=True)
class Dateline:
    text: str  # as written, without the separator ("VILNIUS, 26 October 2007")
    places: tuple[str, ...]  # "VIENNA/WARSAW" → ("VIENNA", "WARSAW")
    date: PartialDate | None
    rest: str  # the paragraph after the dateline
    country: str | None = None  # "OSH, Kyrgyzstan, …" → "Kyrgyzstan" (resolved by the caller)
    weak: bool = False  # read from capitals alone: a dateline only if a place of it is known


def _partial_from_match(match: re.Match) -> PartialDate | None:
    groups = match.groupdict()
    day, month, year = groups.get("d1") or groups.get("d2"), groups.get("m1") or groups.get("m2"), \
        groups.get("y1") or groups.get("y2")
    if not day or not month:
        return None
    month_no = MONTHS.get(month.lower().rstrip("."))
    if month_no is None or not 1 <= int(day) <= 31:
        return None
    return PartialDate(int(day), month_no, int(year) if year else None)


def parse_date(text: str | None) -> PartialDate | None:
    """A date anywhere in ``text``: "26 October 2007", "October 26, 2007", "2007-10-26", "26.10.2007"."""
    if not text:
        return None
    if match := ISO_RE.search(text):
        y, m, d = (int(g) for g in match.groups())
        return PartialDate(d, m, y) if 1 <= m <= 12 and 1 <= d <= 31 else None
    if match := DATE_RE.search(text):
        return _partial_from_match(match)
    if match := NUMERIC_RE.search(text):
        d, m, y = (int(g) for g in match.groups())
        return PartialDate(d, m, y) if 1 <= m <= 12 and 1 <= d <= 31 else None
    return None


def split_places(text: str) -> tuple[str, ...]:
    """``"TIRANA / BRUSSELS / GENEVA"`` → three places; ``"SKOPJE, North Macedonia"`` → SKOPJE."""
    text = text.split(",")[0]
    places = tuple(p.strip(" .-") for p in text.split("/") if p.strip(" .-"))
    return places[:MAX_PLACES]


def country_part(text: str) -> str | None:
    """``"OSH, Kyrgyzstan"`` → ``"Kyrgyzstan"``: what follows the place, when it names one."""
    parts = [p.strip(" .-") for p in text.split(",")[1:] if p.strip(" .-")]
    return parts[-1] if parts else None


def parse_dateline(paragraph: str) -> Dateline | None:
    """The dateline at the start of a paragraph, in any of the site's variants, if there is one."""
    head = paragraph[:200]
    for pattern in DATELINE_RES:
        match = pattern.match(head)
        if not match:
            continue
        place = match.group("place").strip()
        if not _is_place_name(place):
            continue
        text = paragraph[:match.end()].rstrip().rstrip("-–—:.").rstrip()
        if text.endswith("(OSCE)"):
            text = text[: -len("(OSCE)")].rstrip()
        return Dateline(text, split_places(place), _partial_from_match(match),
                        paragraph[match.end():].strip(), country_part(place))
    match = PLACE_ONLY_RE.match(head)
    if match and len(match.group("place").split()) <= 6:
        place = match.group("place").strip()
        return Dateline(place.rstrip(","), split_places(place), None,
                        paragraph[match.end():].strip())
    match = PLACE_COUNTRY_RE.match(head)
    if match:
        return Dateline(match.group(0).strip().rstrip("."), (match.group("place"),), None,
                        paragraph[match.end():].strip(), match.group("country"), weak=True)
    match = CAPS_COMMA_RE.match(head) or CAPS_ALONE_RE.match(head)
    if match and any(len(w) > 2 for w in re.split(r"[ /]+", match.group("place"))):
        place = match.group("place")
        return Dateline(place, split_places(place), None, paragraph[match.end():].strip(),
                        country_part(paragraph[:80]) if match.re is CAPS_COMMA_RE else None,
                        weak=True)
    return None


PLACE_PARTICLES = {"and", "of", "de", "am", "an", "on", "upon", "la", "le", "del", "der", "den",
                   "van", "von", "na", "nad", "sur", "im", "bei"}


def _is_place_name(text: str) -> bool:
    words = re.split(r"[\s/,]+", text.strip())
    words = [w for w in words if w]
    if not words or len(words) > 8:
        return False
    return all(w[0].isupper() or w.lower() in PLACE_PARTICLES or w == "(OSCE)" for w in words) \
        and bool(split_places(text))


def to_date(partial: PartialDate | None, reference: dt.date | None = None) -> dt.date | None:
    return partial.resolve(reference) if partial else None
