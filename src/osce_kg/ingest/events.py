"""The event a release reports on: its kind, place, dates, organisers, participants, series.

The reported event is the first meeting-like phrase of the lead ("an OSCE conference in Vilnius
that ends today") that is not announced for later ("to be held", "next year"); later mentions with
the same noun ("The two-day regional conference in Vilnius was jointly organized by …") add
days, adjectives, organisers and the initiative it belongs to.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from osce_kg.ingest.dates import MONTH, MONTHS

NOUNS = {
    "conference": "Conference", "conferences": "Conference", "symposium": "Conference",
    "forum": "Conference", "congress": "Conference",
    "meeting": "Meeting", "round table": "Meeting", "roundtable": "Meeting",
    "round-table": "Meeting", "session": "Meeting", "dialogue": "Meeting", "consultation": "Meeting",
    "workshop": "Workshop", "seminar": "Workshop", "training course": "Workshop",
    "training": "Workshop", "course": "Workshop", "webinar": "Workshop",
    "summit": "SummitMeeting", "ministerial council": "MinisterialCouncilMeeting",
}
NOUN_RE = re.compile(r"\b(ministerial council|round[- ]?table|training course|"
                     + "|".join(sorted((n for n in NOUNS if " " not in n and "-" not in n),
                                       key=len, reverse=True)) + r")\b", re.IGNORECASE)
STOPWORDS = {"the", "a", "an", "of", "to", "in", "on", "at", "for", "with", "by", "from", "is",
             "was", "were", "are", "be", "been", "has", "have", "had", "will", "would", "said",
             "that", "which", "who", "this", "these", "those", "its", "their", "our", "his", "her",
             "as", "into", "during", "after", "before", "about", "than", "more", "also", "and",
             "or", "but", "not", "other", "such", "each", "every", "first", "last", "today"}
FUTURE_RE = re.compile(r"\b(?:to be held|will be held|will take place|will hold|will host|next "
                       r"(?:year|month|week)|upcoming|forthcoming|planned for|scheduled for)\b",
                       re.IGNORECASE)
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
                "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100}
DAYS_RE = re.compile(r"\b(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")-day\b", re.IGNORECASE)
END_TODAY_RE = re.compile(r"\btoday\s+(?:ended|closed|concluded)\b|"
                          r"\b(?:ends?|ended|clos(?:es|ed|ing)|conclud(?:es|ed|ing)|wraps? up|"
                          r"wrapped up|finish(?:es|ed))\s+(?:today|on\s+\w+day)\b", re.IGNORECASE)
START_TODAY_RE = re.compile(r"\btoday\s+(?:open(?:s|ed)|beg(?:an|ins)|start(?:s|ed)|launched)\b|"
                            r"\b(?:open(?:s|ed)?|beg(?:an|ins)|start(?:s|ed)|kick(?:s|ed) off|"
                            r"launched)\s+(?:today|in\s+\w+\s+today)\b", re.IGNORECASE)
HELD_TODAY_RE = re.compile(r"\b(?:today|held\s+today|took place today|this morning)\b",
                           re.IGNORECASE)
YESTERDAY_RE = re.compile(r"\byesterday\b", re.IGNORECASE)
RANGE_RE = re.compile(rf"\b(?:from|on|between)\s+(\d{{1,2}})(?:\s+({MONTH}))?\s*(?:to|-|–|and|until)"
                      rf"\s*(\d{{1,2}})\s+({MONTH})(?:\s+(\d{{4}}))?", re.IGNORECASE)
ON_DATE_RE = re.compile(rf"\bon\s+(\d{{1,2}})\s+({MONTH})(?:\s+(\d{{4}}))?", re.IGNORECASE)
ORGANISED_RE = re.compile(r"\b(?:jointly\s+|co-?)?(?:organi[sz]ed|hosted|convened|co-organi[sz]ed)"
                          r"\s+(?:jointly\s+)?by\s+(?P<list>.+?)(?=\s+(?:as part of|in co-?operation"
                          r" with|with the support|with support|within the framework|under the)\b"
                          r"|,\s+(?:which|who|with|and\s+(?:was|brought|focused|gathered))\b|[.;]|$)",
                          re.IGNORECASE)
PART_OF_RE = re.compile(r"\bas part of\s+(?:the\s+|an?\s+)?(?P<x>[^.;,]+?(?:\([^)]*\))?)(?=[.;,]|$)",
                        re.IGNORECASE)
PARTICIPANTS_RE = re.compile(
    r"\b(?:(?:more than|over|some|about|around|nearly|almost|approximately|up to|at least)\s+)?"
    r"(?P<n>\d[\d,]*|" + "|".join(NUMBER_WORDS) + r")\s+(?:[\w-]+\s+){0,3}?"
    r"(?:participants|delegates|attendees|representatives|experts|officials|practitioners"
    r"|journalists|students|observers|trainees)\b", re.IGNORECASE)
HOST_SUBJECT_RE = re.compile(r"^(?P<org>(?:The\s+)?[A-Z][^,;]{2,120}?)\s+(?:today\s+|also\s+)?"
                             r"(?:held|hosted|organi[sz]ed|convened|opened|launched)\s+(?:a|an|the|its)\b")
IN_PLACE_RE = re.compile(r"^\s*(?:[^.;]{0,60}?\s)?in\s+(?P<place>[A-ZÀ-Þ][\w’'-]+(?:\s+[A-ZÀ-Þ]"
                         r"[\w’'-]+)?)")


@dataclass
class EventRecord:
    noun: str
    kind: str  # osce: class name
    modifiers: list[str] = field(default_factory=list)
    phrase: str = ""  # the words naming it, for series matching
    place: str | None = None
    days: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    organisers: list[str] = field(default_factory=list)
    part_of: str | None = None
    participants: int | None = None


def _number(text: str) -> int | None:
    text = text.lower().replace(",", "")
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(text)


def _sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", paragraph) if s]


def _modifiers(sentence: str, at: int) -> list[str]:
    words = sentence[:at].split()
    mods: list[str] = []
    while words and len(mods) < 6:
        word = words[-1]
        bare = word.strip("\"“”'’()")
        if not bare or bare != word.rstrip() or word.endswith((",", ";", ":", ".")):
            break
        lower = bare.lower()
        if lower == "and" and mods and mods[0][:1].isupper() and len(words) > 1 and \
                words[-2][:1].isupper():
            mods.insert(0, bare)
            words.pop()
            continue
        if lower in STOPWORDS or lower.endswith("'s"):
            break
        mods.insert(0, bare)
        words.pop()
    return mods


def find_event(paragraphs: list[str], published: dt.date | None) -> EventRecord | None:
    mentions = []  # (paragraph, sentence, match)
    for p, paragraph in enumerate(paragraphs):
        for sentence in _sentences(_without_quotes(paragraph)):
            for match in NOUN_RE.finditer(sentence):
                mentions.append((p, sentence, match))
    chosen = None
    for p, sentence, match in mentions:
        if FUTURE_RE.search(sentence[match.start():match.end() + 80]):
            continue
        if p == 0 or re.search(r"\b(?:today|yesterday|held|took place|opened|closed|concluded|"
                               r"ended|began)\b", sentence, re.IGNORECASE):
            chosen = (sentence, match)
            break
    if chosen is None:
        return None
    sentence, match = chosen
    noun = match.group(1).lower().replace("-", " ")
    noun = "round table" if noun in ("roundtable", "round table") else noun
    record = EventRecord(noun=noun, kind=NOUNS.get(noun, "Meeting"))
    same = [(s, m) for _, s, m in mentions
            if m.group(1).lower().replace("-", " ").replace("roundtable", "round table") == noun
            and not FUTURE_RE.search(s[m.start():m.end() + 80])]
    for s, m in [chosen] + [x for x in same if x[0] != sentence or x[1].start() != match.start()]:
        _merge(record, s, m, published)
    if record.days and record.start and not record.end:
        record.end = record.start + dt.timedelta(days=record.days - 1)
    if record.days and record.end and not record.start:
        record.start = record.end - dt.timedelta(days=record.days - 1)
    return record


def _without_quotes(paragraph: str) -> str:
    return re.sub(r"“[^”]*”|\"[^\"]*\"", " ", paragraph)


def _merge(record: EventRecord, sentence: str, match: re.Match, published: dt.date | None) -> None:
    mods = _modifiers(sentence, match.start())
    days = None
    kept = []
    for word in mods:
        found = DAYS_RE.fullmatch(word)
        if found:
            days = _number(found.group(1))
        else:
            kept.append(word)
    if days and not record.days:
        record.days = days
    for word in kept:
        if word.lower() not in (m.lower() for m in record.modifiers):
            record.modifiers.append(word)
    tail = sentence[match.end():]
    record.phrase = (record.phrase + " " + " ".join(mods) + " " + match.group(1) + " "
                     + tail[:60]).strip()
    if record.place is None:
        found = IN_PLACE_RE.match(tail)
        if found:
            record.place = found.group("place")
    if published is not None:
        if END_TODAY_RE.search(sentence) and record.end is None:
            record.end = published
        elif START_TODAY_RE.search(sentence) and record.start is None:
            record.start = published
        elif YESTERDAY_RE.search(sentence) and record.start is None and not record.days:
            record.start = record.end = published - dt.timedelta(days=1)
        elif HELD_TODAY_RE.search(sentence) and record.start is None and record.end is None \
                and not (record.days or days or 1) > 1:
            record.start = record.end = published
        _explicit_dates(record, sentence, published)
    found = ORGANISED_RE.search(sentence)
    if found and found.group("list").strip() not in record.organisers:
        record.organisers.append(found.group("list").strip())
    found = HOST_SUBJECT_RE.match(sentence[:match.start()])
    if found and found.group("org").strip() not in record.organisers:
        record.organisers.append(found.group("org").strip())
    found = PART_OF_RE.search(sentence)
    if found and record.part_of is None:
        record.part_of = found.group("x").strip()
    found = PARTICIPANTS_RE.search(sentence)
    if found and record.participants is None:
        record.participants = _number(found.group("n"))


def _explicit_dates(record: EventRecord, sentence: str, published: dt.date) -> None:
    if record.start is not None:
        return
    found = RANGE_RE.search(sentence)
    try:
        if found:
            d1, m1, d2, m2, year = found.groups()
            year_no = int(year) if year else published.year
            month2 = MONTHS[m2.lower().rstrip(".")]
            month1 = MONTHS[m1.lower().rstrip(".")] if m1 else month2
            record.start = dt.date(year_no, month1, int(d1))
            record.end = dt.date(year_no, month2, int(d2))
            return
        found = ON_DATE_RE.search(sentence)
        if found:
            day, month, year = found.groups()
            record.start = dt.date(int(year) if year else published.year,
                                   MONTHS[month.lower().rstrip(".")], int(day))
            if not record.days or record.days == 1:
                record.end = record.start
    except (KeyError, ValueError):
        record.start = record.end = None
