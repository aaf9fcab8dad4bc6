"""Label search over every language, insensitive to case and diacritics.

SPARQL has no accent folding, so the labels are read once into a :class:`LabelIndex`
(one query) and searched in memory. The index belongs to one build of the store.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from osce_kg.namespaces import OSCE, SCHEMA, split_entity_iri
from osce_kg.store.base import Store

SEARCHED_PROPERTIES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, SCHEMA.name, OSCE.acronym,
                       OSCE.formerName)

_SEARCHED_IRIS = ", ".join(f"<{p}>" for p in SEARCHED_PROPERTIES)
LABELS_QUERY = (
    f"SELECT ?s ?l ?en WHERE {{ ?s ?p ?l . "
    f"FILTER(isIRI(?s) && isLiteral(?l) && ?p IN ({_SEARCHED_IRIS})) "
    f"OPTIONAL {{ ?s <{RDFS.label}> ?en FILTER(langMatches(lang(?en), \"en\")) }} }}"
)

MAX_QUERY_CHARS = 200
_SPACES = re.compile(r"[\s\-_/,.;:'\"()]+")


def normalize(text: str) -> str:
    """Case- and diacritics-folded text with punctuation turned into single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", stripped.casefold()).strip()


@dataclass(frozen=True)
class Hit:
    iri: URIRef
    label: str          # the English label (what links show)
    matched: str        # the label that matched, in its own language
    lang: str | None
    kind: str | None    # the IRI's kind (state, place, …)
    score: int          # lower is better: 0 exact, 1 starts with, 2 a word starts with, 3 inside


@dataclass(frozen=True)
class _Entry:
    iri: URIRef
    label: str
    matched: str
    lang: str | None
    folded: str
    kind: str | None


class LabelIndex:
    """Every label of every IRI subject, folded for matching."""

    def __init__(self, entries: list[_Entry]) -> None:
        self._entries = entries

    @classmethod
    def from_store(cls, store: Store) -> LabelIndex:
        entries = []
        for row in store.select(LABELS_QUERY):
            iri, text = row["s"], row["l"]
            english = row.get("en")
            split = split_entity_iri(str(iri))
            entries.append(_Entry(iri, str(english) if english is not None else str(text),
                                  str(text), text.language if isinstance(text, Literal) else None,
                                  normalize(str(text)), split[0] if split else None))
        return cls(entries)

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, query: str, *, limit: int = 20, kind: str | None = None) -> list[Hit]:
        """The best hit per entity for ``query`` (all its words must occur), best first."""
        folded = normalize(query[:MAX_QUERY_CHARS])
        if not folded:
            return []
        words = folded.split()
        best: dict[URIRef, Hit] = {}
        for entry in self._entries:
            if kind is not None and entry.kind != kind:
                continue
            if not all(w in entry.folded for w in words):
                continue
            score = _score(entry.folded, folded, words)
            current = best.get(entry.iri)
            rank = (score, len(entry.matched))
            if current is None or rank < (current.score, len(current.matched)):
                best[entry.iri] = Hit(entry.iri, entry.label, entry.matched, entry.lang,
                                      entry.kind, score)
        ranked = sorted(best.values(), key=lambda h: (h.score, len(h.label), h.label.casefold()))
        return ranked[:limit]

    def similar(self, text: str, *, kind: str | None = None, limit: int = 5) -> list[Hit]:
        """Entities whose labels resemble ``text`` (a mistyped slug or name), for "did you mean"."""
        hits = self.search(text, kind=kind, limit=limit)
        if hits:
            return hits
        folded = normalize(text)
        pool = [e for e in self._entries if kind is None or e.kind == kind][:5000]
        by_folded: dict[str, _Entry] = {}
        for entry in pool:
            by_folded.setdefault(entry.folded, entry)
        close = difflib.get_close_matches(folded, list(by_folded), n=limit * 2, cutoff=0.6)
        seen: dict[URIRef, Hit] = {}
        for rank, match in enumerate(close):
            entry = by_folded[match]
            seen.setdefault(entry.iri, Hit(entry.iri, entry.label, entry.matched, entry.lang,
                                           entry.kind, 4 + rank))
        return list(seen.values())[:limit]


def _score(label: str, query: str, words: list[str]) -> int:
    if label == query:
        return 0
    if label.startswith(query):
        return 1
    tokens = label.split()
    if all(any(t.startswith(w) for t in tokens) for w in words):
        return 2
    return 3
