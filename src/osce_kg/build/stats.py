"""What the graph holds in numbers: triples, entities, instances per class, triples per property.

The counts come from any :class:`~osce_kg.store.base.Store` (the built store, a remote endpoint, or an
in-memory store over the sources), so ``osce-kg stats``, the VoID description and the home page
report the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from osce_kg.namespaces import ID_BASE
from osce_kg.queries import DISTINCT_OBJECTS, DISTINCT_SUBJECTS, ENTITY_COUNT
from osce_kg.queries import STATS_CLASS_COUNTS as CLASS_COUNTS
from osce_kg.queries import STATS_PROPERTY_COUNTS as PROPERTY_COUNTS
from osce_kg.store.base import Store


@dataclass(frozen=True)
class GraphStats:
    """Counts of one graph. ``entities`` are the distinct subjects under ``uri_space``."""

    triples: int
    entities: int
    distinct_subjects: int
    distinct_objects: int
    classes: list[tuple[URIRef, int]] = field(default_factory=list)
    properties: list[tuple[URIRef, int]] = field(default_factory=list)
    uri_space: str = ID_BASE

    def as_json(self) -> dict:
        return {
            "triples": self.triples,
            "entities": self.entities,
            "distinct_subjects": self.distinct_subjects,
            "distinct_objects": self.distinct_objects,
            "uri_space": self.uri_space,
            "classes": {str(c): n for c, n in self.classes},
            "properties": {str(p): n for p, n in self.properties},
        }


def count_graph(store: Store, *, uri_space: str = ID_BASE) -> GraphStats:
    """Every count of :class:`GraphStats`, asked of ``store``."""
    return GraphStats(
        triples=store.triple_count(),
        entities=_single_count(store, ENTITY_COUNT, {"space": Literal(uri_space)}),
        distinct_subjects=_single_count(store, DISTINCT_SUBJECTS),
        distinct_objects=_single_count(store, DISTINCT_OBJECTS),
        classes=_counts(store, CLASS_COUNTS, "class"),
        properties=_counts(store, PROPERTY_COUNTS, "property"),
        uri_space=uri_space,
    )


def _counts(store: Store, query: str, key: str) -> list[tuple[URIRef, int]]:
    return [(row[key], int(row["n"])) for row in store.select(query)
            if isinstance(row.get(key), URIRef)]


def _single_count(store: Store, query: str, bindings=None) -> int:
    rows = store.select(query, bindings)
    return int(rows[0]["n"]) if rows and "n" in rows[0] else 0


def format_table(rows: list[tuple[str, int]], *, heading: tuple[str, str]) -> list[str]:
    """An aligned two-column table: names left, counts right with thousands separators."""
    width = max([len(heading[0])] + [len(name) for name, _ in rows])
    numbers = [f"{n:,}" for _, n in rows]
    count_width = max([len(heading[1])] + [len(n) for n in numbers])
    lines = [f"{heading[0]:<{width}}  {heading[1]:>{count_width}}",
             f"{'-' * width}  {'-' * count_width}"]
    lines += [f"{name:<{width}}  {number:>{count_width}}"
              for (name, _), number in zip(rows, numbers, strict=True)]
    return lines


_RDF_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def count_ntriples(ntriples: bytes, *, uri_space: str = ID_BASE) -> GraphStats:
    """The counts of sorted, de-duplicated N-Triples lines, in one pass without a store.

    The build uses it for big graphs, where the same counts by SPARQL over the on-disk store
    would take longer than the rest of the build. Sorted lines put a subject's triples next to
    each other, so distinct subjects are counted by change of subject.
    """
    space = b"<" + uri_space.encode("utf-8")
    predicates: dict[bytes, int] = {}
    classes: dict[bytes, int] = {}
    objects: set[bytes] = set()
    subjects = entities = triples = 0
    previous = None
    for line in ntriples.splitlines():
        if not line:
            continue
        subject, predicate, rest = line.split(b" ", 2)
        obj = rest[:-2]
        triples += 1
        if subject != previous:
            previous = subject
            subjects += 1
            entities += subject.startswith(space)
        predicates[predicate] = predicates.get(predicate, 0) + 1
        if predicate == _RDF_TYPE:
            classes[obj] = classes.get(obj, 0) + 1
        objects.add(obj)
    return GraphStats(triples=triples, entities=entities, distinct_subjects=subjects,
                      distinct_objects=len(objects), classes=_iri_counts(classes),
                      properties=_iri_counts(predicates), uri_space=uri_space)


def _iri_counts(counts: dict[bytes, int]) -> list[tuple[URIRef, int]]:
    items = [(URIRef(term[1:-1].decode("utf-8")), n) for term, n in counts.items()
             if term.startswith(b"<")]
    return sorted(items, key=lambda item: (-item[1], str(item[0])))
