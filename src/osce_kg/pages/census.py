"""The graph's classes and properties counted and named, for the home page, the class index
and the ontology's documentation (each answer kept per build by the web layer)."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from osce_kg.pages.entity import ClassCount, pick_label, prefixed
from osce_kg.queries import CLASS_COUNT_QUERY, CLASS_LABELS_QUERY, PROPERTY_COUNT_QUERY
from osce_kg.store.base import Store


def _text(term: Identifier | None) -> str | None:
    return None if term is None else str(term)


def class_counts(store: Store) -> list[ClassCount]:
    """Every class with instances, most instances first."""
    return [ClassCount(row["class"], _text(row.get("label")) or prefixed(row["class"]),
                       int(row["n"]))
            for row in store.select(CLASS_COUNT_QUERY) if isinstance(row.get("class"), URIRef)]


def class_labels(store: Store) -> dict[URIRef, dict[str, str]]:
    """Every label of every class, by language tag (``{cls: {"fr": "…"}}``)."""
    labels: dict[URIRef, dict[str, str]] = {}
    for row in store.select(CLASS_LABELS_QUERY):
        label = row["l"]
        if isinstance(row["class"], URIRef) and isinstance(label, Literal):
            labels.setdefault(row["class"], {})[label.language or ""] = str(label)
    return labels


def label_in(labels: dict[str, str], lang: str, default: str) -> tuple[str, str | None]:
    """The label in ``lang``, else English, else ``default``; with the language it is in."""
    text, tag = pick_label(labels, lang)
    return (text, tag) if text is not None else (default, None)


def property_counts(store: Store) -> dict[URIRef, int]:
    """How many triples use each property."""
    return {row["p"]: int(row["n"]) for row in store.select(PROPERTY_COUNT_QUERY)}
