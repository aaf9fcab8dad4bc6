"""Label search over every language: insensitive to case and diacritics, forgiving of typos,
and aware of class words ("field operations" finds the table of field operations).

SPARQL has no accent folding or edit distance, so the labels are read once into a
:class:`LabelIndex` (one query) and searched in memory. A query word that occurs in no label
is matched to the label words within a small edit distance (found through their trigrams):
"Lithuana" → "lithuania", "Vilnus" → "vilnius", "Skopie" → "skopje". The index belongs to one
build of the store.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from osce_kg.namespaces import OSCE, SCHEMA, split_entity_iri
from osce_kg.pages import dates
from osce_kg.queries import HIT_QUERY
from osce_kg.queries import SEARCH_LABELS_QUERY as LABELS_QUERY
from osce_kg.store.base import Store

GENERIC_TYPES = frozenset({SCHEMA.Event, SCHEMA.Place, SCHEMA.Country, SCHEMA.Organization,
                           OSCE.Structure, OSCE.Release, SCHEMA.NewsArticle})

MAX_QUERY_CHARS = 200
CLASS_KIND = "class"
_SPACES = re.compile(r"[\s\-_/,.;:'\"()]+")


def normalize(text: str) -> str:
    """Case- and diacritics-folded text with punctuation turned into single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (char_a != char_b)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def allowed_typos(word: str) -> int:
    """How many edits a word may be off: none below 4 letters, one up to 7, then two."""
    return 0 if len(word) < 4 else 1 if len(word) < 8 else 2


def same_stem(a: str, b: str) -> bool:
    """Whether two words of 5 letters or more differ only in their last two or three letters
    (an inflected ending: "operations"/"operation", "полевые"/"полевая")."""
    if min(len(a), len(b)) < 5:
        return False
    common = 0
    for char_a, char_b in zip(a, b, strict=False):
        if char_a != char_b:
            break
        common += 1
    return common >= max(4, max(len(a), len(b)) - 3)


def trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


@dataclass(frozen=True)
class Hit:
    iri: URIRef
    label: str          # the English label (what links show when no other is asked)
    matched: str        # the label that matched, in its own language
    lang: str | None
    kind: str | None    # the IRI's kind (state, place, …), or "class" for a class's table
    score: int          # lower is better: 0 exact, 1 starts with, 2 a word starts with,
                        # 3 inside, 4+ with typos (4 + edits)


@dataclass(frozen=True)
class _Entry:
    iri: URIRef
    label: str
    matched: str
    lang: str | None
    folded: str
    kind: str | None
    tokens: tuple[str, ...] = ()
    is_label: bool = False             # an rdfs:label (the name shown), not another name


@dataclass
class LabelIndex:
    """Every label of every entity and class, folded for matching, with a trigram index of
    the words of the labels for typo-forgiving matches."""

    _entries: list[_Entry]
    _labels: dict[URIRef, dict[str, str]] = field(default_factory=dict)
    _grams: dict[str, set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        grams: dict[str, set[str]] = defaultdict(set)
        for entry in self._entries:
            for token in entry.tokens:
                for gram in trigrams(token):
                    grams[gram].add(token)
            if entry.is_label:
                self._labels.setdefault(entry.iri, {}).setdefault(entry.lang or "", entry.matched)
        self._grams = dict(grams)

    @classmethod
    def from_store(cls, store: Store, classes: frozenset[URIRef] = frozenset()) -> LabelIndex:
        """The labels of ``store``'s entities, and of ``classes`` (those with instances)."""
        entries = []
        for row in store.select(LABELS_QUERY):
            iri, text = row["s"], row["l"]
            split = split_entity_iri(str(iri))
            kind = split[0] if split else CLASS_KIND if iri in classes else None
            if kind is None:  # ontology terms without instances, shapes: not what people seek
                continue
            english = row.get("en")
            folded = normalize(str(text))
            entries.append(_Entry(iri, str(english) if english is not None else str(text),
                                  str(text), text.language if isinstance(text, Literal) else None,
                                  folded, kind, tuple(dict.fromkeys(folded.split())),
                                  row.get("p") == RDFS.label))
        return cls(entries)

    def __len__(self) -> int:
        return len(self._entries)

    def label_in(self, iri: URIRef, lang: str) -> tuple[str | None, str | None]:
        """The entity's label in ``lang`` (else English), with the language it is in."""
        labels = self._labels.get(iri, {})
        for wanted in (lang, "en"):
            for tag, text in labels.items():
                if tag.split("-")[0] == wanted:
                    return text, tag
        return None, None

    def _near(self, word: str) -> dict[str, int]:
        """Label words within the allowed edits of ``word``, with their distance."""
        limit = allowed_typos(word)
        if not limit:
            return {}
        counts: dict[str, int] = defaultdict(int)
        for gram in trigrams(word):
            for token in self._grams.get(gram, ()):
                counts[token] += 1
        need = max(1, len(trigrams(word)) - 3 * limit - 3)
        near = {}
        for token, shared in counts.items():
            if shared >= need:
                distance = edit_distance(word, token, limit)
                if distance > limit and same_stem(word, token):
                    distance = 1  # another ending of the same word (полевые/полевая)
                if distance <= limit:
                    near[token] = distance
        return near

    def search(self, query: str, *, limit: int = 20, kind: str | None = None) -> list[Hit]:
        """The best hit per entity for ``query``, best first: every word must occur in a label,
        or a word of the label must be a near miss of it (a typo). A class whose name matches
        comes first (its kind is ``"class"``)."""
        folded = normalize(query[:MAX_QUERY_CHARS])
        if not folded:
            return []
        words = folded.split()
        near = {w: self._near(w) for w in words}
        best: dict[URIRef, Hit] = {}
        for entry in self._entries:
            if kind is not None and entry.kind != kind:
                continue
            typos = 0
            for word in words:
                if word in entry.folded:
                    continue
                misses = [near[word][t] for t in entry.tokens if t in near[word]]
                if not misses:
                    break
                typos += min(misses)
            else:
                score = 4 + typos if typos else _score(entry.folded, folded, words)
                if entry.kind == CLASS_KIND and score < 4:
                    score = 0  # the table of a class named like that comes first
                current = best.get(entry.iri)
                rank = (score, len(entry.matched))
                if current is None or rank < (current.score, len(current.matched)):
                    best[entry.iri] = Hit(entry.iri, entry.label, entry.matched, entry.lang,
                                          entry.kind, score)
        ranked = sorted(best.values(), key=lambda h: (h.score, h.kind != CLASS_KIND,
                                                      len(h.label), h.label.casefold()))
        return ranked[:limit]

    def similar(self, text: str, *, kind: str | None = None, limit: int = 5) -> list[Hit]:
        """Entities whose labels resemble ``text`` (a mistyped slug or name), for "did you mean"."""
        return [h for h in self.search(text, kind=kind, limit=limit * 2)
                if h.kind != CLASS_KIND][:limit]


def _score(label: str, query: str, words: list[str]) -> int:
    if label == query:
        return 0
    if label.startswith(query):
        return 1
    tokens = label.split()
    if all(any(t.startswith(w) for t in tokens) for w in words):
        return 2
    return 3


def _pick(row_values: list[tuple[object, object]]) -> str | None:
    for label, english in row_values:
        if label is not None:
            return str(label)
        if english is not None:
            return str(english)
    return None


def describe_hit(store: Store, iri: URIRef, lang: str, locale: str) -> tuple[str | None,
                                                                             str | None, str | None]:
    """(type, place, date) of a hit in ``lang``, for its one-line description."""
    rows = store.select(HIT_QUERY, {"s": iri, "lang": Literal(lang)})
    specific = [r for r in rows if r.get("type") is not None and r["type"] not in GENERIC_TYPES
                and (r.get("tl") is not None or r.get("ten") is not None)]
    typed = specific or [r for r in rows if r.get("tl") is not None or r.get("ten") is not None]
    kind = _pick([(r.get("tl"), r.get("ten")) for r in typed])
    placed = sorted((r for r in rows if r.get("where") is not None), key=lambda r: int(r["rank"]))
    place = _pick([(r.get("wl"), r.get("wen")) for r in placed])
    found = [r["date"] for r in rows if isinstance(r.get("date"), Literal)]
    when = None
    if found:
        first = min(found, key=lambda d: dates.sort_key(str(d), d.datatype))
        when = dates.format_literal(first, locale) or str(first)
    return kind, place, when
