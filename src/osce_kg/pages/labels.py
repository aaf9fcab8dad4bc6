"""Labels of many IRIs at once, in a language (English otherwise): the editor's result table.

One bound query per IRI (an IRI reaches the store only as a binding); at most
:data:`MAX_IRIS` per call, the rest left unnamed.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Literal, URIRef

from osce_kg.queries import RESULT_LABELS_QUERY as LABELS_QUERY
from osce_kg.store.base import Store

MAX_IRIS = 500
DEFAULT_LANG = "en"

def _rank(label: Literal, lang: str) -> int:
    tag = (label.language or "").lower()
    if tag == lang or tag.startswith(lang + "-"):
        return 0
    return 1 if tag in ("en", "") or tag.startswith("en-") else 2


def labels_of(store: Store, iris: Iterable[str], lang: str = DEFAULT_LANG) -> dict[str, str]:
    """``{iri: label}`` for the IRIs that have one (``lang`` first, then English, then any)."""
    found: dict[str, str] = {}
    wanted = [iri for iri in dict.fromkeys(iris) if iri.startswith(("http://", "https://", "urn:"))]
    for iri in wanted[:MAX_IRIS]:
        rows = store.select(LABELS_QUERY, {"s": URIRef(iri)})
        labels = [row["l"] for row in rows if isinstance(row.get("l"), Literal)]
        if labels:
            best = min(labels, key=lambda label: (_rank(label, lang), str(label)))
            found[iri] = str(best)
    return found
