"""What a reader sees of where facts come from: sources grouped by who published them (the
OSCE's own first, copies of OSCE pages shown as the OSCE page), and notes without the
curation's working notes (file names, repositories, confidence levels).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

OSCE_PUBLISHER = "OSCE"

# Hosts that serve copies of www.osce.org pages under the same path (an old Drupal front end,
# scrapers that mirror the site); a link to one is shown as the OSCE page it copies.
OSCE_MIRRORS = ("d6.web.osce.org", "web.osce.org", "shhada.ir")

# Publishers known by name (host without ``www.``, or a parent domain).
PUBLISHERS = {
    "osce.org": OSCE_PUBLISHER,
    "oscepa.org": "OSCE Parliamentary Assembly",
    "wikidata.org": "Wikidata",
    "geonames.org": "GeoNames",
    "cvce.eu": "CVCE (University of Luxembourg)",
    "reliefweb.int": "ReliefWeb (UN OCHA)",
    "usip.org": "United States Institute of Peace",
    "osce.usmission.gov": "U.S. Mission to the OSCE",
    "schema.org": "schema.org",
    "w3.org": "W3C",
}


@dataclass
class SourceGroup:
    publisher: str
    is_osce: bool
    links: list[str] = field(default_factory=list)


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def as_original(url: str) -> str:
    """A copy of an OSCE page (on a mirror host) as the www.osce.org page it copies."""
    parts = urlsplit(url)
    if (parts.hostname or "").lower() in OSCE_MIRRORS:
        return urlunsplit(("https", "www.osce.org", parts.path, parts.query, ""))
    return url


def publisher_of(url: str) -> str:
    """Who published ``url``: a known name, else its host without ``www.``."""
    host = _host(url)
    labels = host.split(".")
    for size in range(len(labels), 1, -1):
        known = PUBLISHERS.get(".".join(labels[-size:]))
        if known:
            return known
    return host or url


def group_sources(urls: list[str]) -> list[SourceGroup]:
    """``urls`` by publisher, the OSCE's own first, then by name; duplicates once."""
    groups: dict[str, SourceGroup] = {}
    seen: set[str] = set()
    for url in urls:
        shown = as_original(url)
        key = shown.rstrip("/").replace("http://", "https://", 1)
        if key in seen:
            continue
        seen.add(key)
        publisher = publisher_of(shown)
        group = groups.setdefault(publisher, SourceGroup(publisher, publisher == OSCE_PUBLISHER))
        group.links.append(shown)
    for group in groups.values():
        group.links.sort()
    return sorted(groups.values(), key=lambda g: (not g.is_osce, g.publisher.casefold()))


# Sentences or clauses of a note that belong to the curation's working notes.
_INTERNAL = re.compile(
    r"(sources?\s*:|reference|confidence|own knowledge|not looked up|no source read|"
    r"\.csv\b|\.md\b|\.ts\b|github|https?://|www\.|\bseed\b|wikipedia|mirror|"
    r"\b[a-z0-9-]+\.(org|com|int|eu|ir|net|gov|info|ch|no|se|cz|sk|me|al|am|is|mk|tj|gr|ua|uk|at)\b|@[0-9a-f]{7,}|:\s*likely\b|"
    r"\blikely\s*\(|as the reference|not stated|not read|by analogy|docslib|navigation of|"
    r"seen:|\bOWID\b|\bQ\d+\b|gazetteer|geonameid|not checked|\bread\b|typo|infobox|"
    r"older structure|agenziastampaitalia|regjeringen|inferred|mapped by)",
    re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")
_PARENTHESES = re.compile(r"\s*\([^()]*\)")


def _clean_clause(clause: str) -> str:
    """A clause without parenthesised remarks that name sources."""
    return _PARENTHESES.sub(lambda m: "" if _INTERNAL.search(m.group(0)) else m.group(0),
                            clause).strip()


def reader_note(note: str) -> str:
    """What of a curation note is for readers: its sentences (and ``;`` clauses) that do not
    name files, repositories, URLs, sources or confidence levels. May be empty."""
    kept = []
    for sentence in _SENTENCE.split(note.strip()):
        clauses = [_clean_clause(c) for c in sentence.rstrip(".").split(";")]
        clauses = [c for c in clauses if c and not _INTERNAL.search(c)]
        if clauses:
            kept.append("; ".join(clauses) + ".")
    text = " ".join(kept)
    return text if len(text) > 3 else ""
