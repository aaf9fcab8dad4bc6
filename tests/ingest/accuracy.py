"""Per-field accuracy of ingest over the invented fixture pages (and the seed).

Run: ``.venv/bin/python tests/ingest/accuracy.py`` (prints a Markdown table). The test
``test_accuracy.py`` runs the same computation and checks a floor per field.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF

HERE = Path(__file__).resolve().parent
if __package__ in (None, ""):  # run as a script
    sys.path.insert(0, str(HERE.parents[1]))
    from tests.ingest.conftest import FIXTURES, PAGES, ingest_file  # noqa: E402
    from tests.ingest.expected import EXPECTED, SEED  # noqa: E402
else:
    from .conftest import FIXTURES, PAGES, ingest_file
    from .expected import EXPECTED, SEED

from osce_kg.ingest.names import Gazetteer  # noqa: E402
from osce_kg.namespaces import ID_BASE, OSCE, SCHEMA  # noqa: E402
from osce_kg.rdf.io import load_graph  # noqa: E402

FIELDS = ("title", "date", "place", "publisher", "fields", "speakers", "roles", "event")
SEED_DIR = HERE.parents[1].parent / "shared" / "seed"


def _slug(node) -> str | None:
    return str(node)[len(ID_BASE):] if node is not None else None


def _slugs(g: Graph, s, p) -> set[str]:
    return {_slug(o) for o in g.objects(s, p) if isinstance(o, URIRef)}


def observed(g: Graph, release: URIRef) -> dict:
    quotes = list(g.objects(release, SCHEMA.citation))
    event = g.value(release, SCHEMA.about)
    ev = None
    if event is not None:
        kind = next((str(t).rsplit("#", 1)[-1] for t in g.objects(event, RDF.type)
                     if str(t).startswith(str(OSCE._NS))), None)
        count = g.value(event, OSCE.participantCount)
        start, end = g.value(event, SCHEMA.startDate), g.value(event, SCHEMA.endDate)
        ev = dict(kind=kind, start=str(start) if start else None, end=str(end) if end else None,
                  location=_slug(g.value(event, SCHEMA.location)),
                  organisers=_slugs(g, event, SCHEMA.organizer),
                  participants=int(count) if count is not None else None)
    return dict(
        title=str(g.value(release, DCTERMS.title)),
        date=str(g.value(release, SCHEMA.datePublished)),
        places=_slugs(g, release, SCHEMA.locationCreated),
        publisher=_slugs(g, release, DCTERMS.publisher),
        fields=_slugs(g, release, OSCE.fieldOfWork),
        speakers={_slug(g.value(q, SCHEMA.creator)) for q in quotes},
        roles={str(g.value(q, OSCE.speakerRole)) for q in quotes
               if g.value(q, OSCE.speakerRole) is not None},
        event=ev,
    )


def measure() -> tuple[dict[str, float], list[str]]:
    context = load_graph([FIXTURES / "context.ttl"])
    hits = {f: 0 for f in FIELDS}
    misses: list[str] = []
    total = 0
    for (name, index), want in sorted(EXPECTED.items()):
        path = SEED_DIR / name if name == SEED else PAGES / name
        if not path.exists():
            continue
        releases = ingest_file(path, Gazetteer(context))
        got = observed(releases[index].graph, releases[index].iri)
        total += 1
        for f in FIELDS:
            key = "places" if f == "place" else f
            if got[key] == want[key]:
                hits[f] += 1
            else:
                misses.append(f"{name}[{index}] {f}: expected {want[key]!r}, got {got[key]!r}")
    return {f: hits[f] / total for f in FIELDS}, misses


def main() -> None:
    scores, misses = measure()
    print("| field | accuracy |\n| --- | --- |")
    for f, score in scores.items():
        print(f"| {f} | {score:.0%} |")
    for line in misses:
        print("-", line)


if __name__ == "__main__":
    main()
