"""States, organisations, structures and known people that a release body names."""

from __future__ import annotations

import re
import unicodedata

from rdflib import Literal, URIRef

from osce_kg.ingest import tables
from osce_kg.ingest.linking import Linker
from osce_kg.ingest.names import NAME_PREDICATES, PERSON, STATE, STRUCTURE, Gazetteer

MIN_NAME_CHARS = 4
_CACHE: dict[tuple[int, int], tuple[re.Pattern | None, dict[str, URIRef]]] = {}


def fold(text: str) -> str:
    """Diacritics off, same length and case (so matches map back onto the text)."""
    return "".join(unicodedata.normalize("NFKD", ch)[:1] or ch for ch in text)


def find_mentions(text: str, linker: Linker) -> set[URIRef]:
    found: set[URIRef] = set()
    pattern, names = _pattern(linker.gazetteer)
    folded = fold(text)
    if pattern is not None:
        for match in pattern.finditer(folded):
            found.add(names[match.group(0)])
    for word, code in tables.demonyms().items():
        if len(word) > 2 and re.search(rf"\b{re.escape(word)}\b", text):
            state = linker.gazetteer.state_by_alpha2(code)
            if state is not None:
                found.add(state)
    names = sorted(((name, org) for org in tables.organisations() for name in org.names
                    if len(name) > 1), key=lambda pair: (-len(pair[0]), pair[0]))
    masked = text
    for name, org in names:
        pattern = re.compile(rf"(?<![\w.]){re.escape(name)}(?![\w])")
        if pattern.search(masked):
            masked = pattern.sub(lambda m: " " * len(m.group(0)), masked)
            iri = linker.organisation(org.label)
            if iri is not None:
                found.add(iri)
    return found


def _pattern(gazetteer: Gazetteer) -> tuple[re.Pattern | None, dict[str, URIRef]]:
    key = (id(gazetteer), gazetteer.version)
    if key not in _CACHE:
        names: dict[str, URIRef] = {}
        for category in (STATE, STRUCTURE, PERSON):
            for thing in gazetteer.things(category):
                for predicate in NAME_PREDICATES:
                    for name in gazetteer.graph.objects(thing, predicate):
                        if isinstance(name, Literal) and (name.language or "en").startswith("en") \
                                and len(str(name)) >= MIN_NAME_CHARS:
                            names.setdefault(fold(str(name)), thing)
        alternatives = sorted(names, key=lambda n: (-len(n), n))
        pattern = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(n) for n in alternatives)
                             + r")(?![\w])") if alternatives else None
        _CACHE.clear()
        _CACHE[key] = (pattern, names)
    return _CACHE[key]
