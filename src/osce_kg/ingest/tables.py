"""The small tables ingest relies on, kept as data in ``ingest/data/*.csv``.

- ``demonyms.csv``: adjectives/demonyms of the 57 participating States and the 11 Partners, keyed
  by ISO 3166-1 alpha-2 ("Lithuanian" → LT), resolved to the State through the graph;
- ``organisations.csv``: organisations outside the OSCE that releases name (UNODC, UN.GIFT …);
- ``field_names.csv``: other names a field of work has had ("Combating human trafficking");
- ``topics.csv``: finer topics of a field ("Safety of journalists");
- ``keywords.csv``: words that tie an unknown topic to a field ("water" → environmental activities);
- ``series.csv``: phrases that name one of the 16 meeting kinds.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

CONTENT_TYPES: dict[str, str] = {  # content type as written → osce: class name
    "press release": "PressRelease",
    "news item": "NewsItem",
    "statement": "Statement",
    "news": "News",
    "daily report": "DailyReport",
    "spot report": "SpotReport",
    "weekly report": "WeeklyReport",
    "press statement": "PressStatement",
    "feature story": "FeatureStory",
    "feature": "FeatureStory",
    "story": "FeatureStory",
}


@dataclass(frozen=True)
class Organisation:
    slug: str
    label: str
    acronyms: tuple[str, ...]
    aliases: tuple[str, ...]
    kind: str  # "organisation" | "initiative"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.acronyms, *self.aliases)


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _split(cell: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in (cell or "").split(";") if v.strip())


@cache
def demonyms() -> dict[str, str]:
    """Adjective/demonym → ISO alpha-2 (also the State's name as the table writes it)."""
    out: dict[str, str] = {}
    for row in _rows("demonyms.csv"):
        for word in _split(row["adjectives"]):
            out[word] = row["alpha2"]
    return out


@cache
def state_names() -> dict[str, str]:
    """The table's State names → ISO alpha-2 (used when the graph lacks a label)."""
    return {row["state"]: row["alpha2"] for row in _rows("demonyms.csv")}


@cache
def organisations() -> tuple[Organisation, ...]:
    return tuple(Organisation(r["slug"], r["label"], _split(r["acronyms"]), _split(r["aliases"]),
                              r["kind"]) for r in _rows("organisations.csv"))


@cache
def field_names() -> dict[str, str]:
    """Another name a field of work has had (as written) → the slug of the field."""
    return {row["name"]: row["field"] for row in _rows("field_names.csv")}


@cache
def topics() -> dict[str, str]:
    """Finer topic (as written) → the slug of its field of work."""
    return {row["topic"]: row["field"] for row in _rows("topics.csv")}


@cache
def field_keywords() -> dict[str, tuple[str, ...]]:
    return {row["field"]: _split(row["keywords"]) for row in _rows("keywords.csv")}


@cache
def series_patterns() -> tuple[tuple[str, str], ...]:
    """(phrase, series slug), longest phrase first."""
    pairs = [(p.lower(), row["series"]) for row in _rows("series.csv")
             for p in _split(row["patterns"])]
    return tuple(sorted(pairs, key=lambda pair: (-len(pair[0]), pair[0])))
