"""States, organisations, structures and known people that a release body names."""

from __future__ import annotations

import re
import unicodedata
import weakref
from functools import cache

from rdflib import Literal, URIRef

from osce_kg.ingest import tables
from osce_kg.ingest.linking import Linker
from osce_kg.ingest.names import NAME_PREDICATES, PERSON, STATE, STRUCTURE, Gazetteer

MIN_NAME_CHARS = 4


def fold(text: str) -> str:
    """Diacritics off, same length and case (so matches map back onto the text)."""
    return "".join(unicodedata.normalize("NFKD", ch)[:1] or ch for ch in text)


def find_mentions(text: str, linker: Linker) -> set[URIRef]:
    found: set[URIRef] = set()
    index = _index_of(linker.gazetteer)
    for name in index.matches(fold(text)):
        found.add(index.things[name])
    for word, pattern, code in _demonym_patterns():
        if word in text and pattern.search(text):  # the substring test first: ten times faster
            state = linker.gazetteer.state_by_alpha2(code)
            if state is not None:
                found.add(state)
    masked = text
    for name, pattern, org in _organisation_patterns():
        if name in masked and pattern.search(masked):
            masked = pattern.sub(lambda m: " " * len(m.group(0)), masked)
            iri = linker.organisation(org.label)
            if iri is not None:
                found.add(iri)
    return found


@cache
def _demonym_patterns() -> tuple[tuple[str, re.Pattern, str], ...]:
    """(word, the word as a whole word, the State's ISO alpha-2) for the table's demonyms."""
    return tuple((word, re.compile(rf"\b{re.escape(word)}\b"), code)
                 for word, code in tables.demonyms().items() if len(word) > 2)


@cache
def _organisation_patterns() -> tuple[tuple[str, re.Pattern, tables.Organisation], ...]:
    """Each name of the table's organisations and its pattern, longest name first."""
    names = sorted(((name, org) for org in tables.organisations() for name in org.names
                    if len(name) > 1), key=lambda pair: (-len(pair[0]), pair[0]))
    return tuple((name, re.compile(rf"(?<![\w.]){re.escape(name)}(?![\w])"), org)
                 for name, org in names)


class _NameIndex:
    """The names of the graph's States, structures and people, matched as whole words.

    It finds what one regular expression of every name (longest first, then alphabetical;
    not preceded or followed by a word character) would find, but is kept up to date as
    releases add people instead of being compiled again after each release (that took time
    growing with the releases ingested so far). A name belongs to the thing listed first
    by category (States, structures, people), then by IRI.
    """

    RANKS = {STATE: 0, STRUCTURE: 1, PERSON: 2}

    def __init__(self) -> None:
        self.version = 0
        self.things: dict[str, URIRef] = {}
        self._rank: dict[str, tuple[int, URIRef]] = {}
        self._by_start: dict[str, list[str]] = {}  # first MIN_NAME_CHARS characters -> names

    def update(self, gazetteer: Gazetteer) -> None:
        for thing in gazetteer.touched_since(self.version):
            ranks = [r for c, r in self.RANKS.items() if gazetteer.is_a(thing, c)]
            if not ranks:
                continue
            rank = (min(ranks), thing)
            for predicate in NAME_PREDICATES:
                for name in gazetteer.graph.objects(thing, predicate):
                    if isinstance(name, Literal) and (name.language or "en").startswith("en") \
                            and len(str(name)) >= MIN_NAME_CHARS:
                        self._add(fold(str(name)), rank)
        self.version = gazetteer.version

    def _add(self, name: str, rank: tuple[int, URIRef]) -> None:
        if name not in self._rank:
            bucket = self._by_start.setdefault(name[:MIN_NAME_CHARS], [])
            bucket.append(name)
            bucket.sort(key=lambda n: (-len(n), n))
        elif self._rank[name] <= rank:
            return
        self._rank[name] = rank
        self.things[name] = rank[1]

    def matches(self, text: str) -> list[str]:
        """The names found in ``text``, left to right, not overlapping."""
        out, at, end = [], 0, len(text)
        while at < end:
            if at == 0 or not _WORD.match(text, at - 1):
                for name in self._by_start.get(text[at:at + MIN_NAME_CHARS], ()):
                    stop = at + len(name)
                    if text.startswith(name, at) and not _WORD.match(text, stop):
                        out.append(name)
                        at = stop
                        break
                else:
                    at += 1
            else:
                at += 1
        return out


_WORD = re.compile(r"\w")
_INDEXES: weakref.WeakKeyDictionary[Gazetteer, _NameIndex] = weakref.WeakKeyDictionary()


def _index_of(gazetteer: Gazetteer) -> _NameIndex:
    index = _INDEXES.get(gazetteer)
    if index is None:
        index = _INDEXES[gazetteer] = _NameIndex()
    if index.version != gazetteer.version:
        index.update(gazetteer)
    return index
