"""An event a release reports (found by :mod:`osce_kg.ingest.events`) → its triples in the
release graph: kind, label, place, dates, series, organisers, what it is part of."""

from __future__ import annotations

import datetime as dt
import re

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from osce_kg.ingest import tables
from osce_kg.ingest.events import EventRecord
from osce_kg.ingest.linking import Linker
from osce_kg.ingest.names import SERIES, Gazetteer
from osce_kg.namespaces import OSCE, SCHEMA, entity_iri, slugify


def add_event(g: Graph, release: URIRef, event: EventRecord, places: list[URIRef],
               fields: list[URIRef], page: URIRef, linker: Linker, published: dt.date) -> None:
    location = None
    if event.place:
        location = linker.gazetteer.lookup(event.place, "place") or next(
            (p for p in places if (linker.gazetteer.label(p) or linker.created[p].label
                                   if p in linker.created else "").casefold()
             == event.place.casefold()), None)
    if location is None and places:
        location = places[0]
    series = _series(event, linker.gazetteer)
    kind = event.kind
    if series is not None and str(series).endswith("/ministerial-council"):
        kind = "MinisterialCouncilMeeting"
    elif series is not None and str(series).endswith("/summit"):
        kind = "SummitMeeting"
    kind, series = _mintable(kind, series, event, location, linker)
    start = event.start or published
    city = _label_of(location, linker)
    parts = [start.isoformat()] + ([slugify(city)] if city else []) + [slugify(event.noun)]
    iri = entity_iri("event", "-".join(p for p in parts if p))
    g.add((release, SCHEMA.about, iri))
    g.add((iri, RDF.type, OSCE[kind]))
    g.add((iri, RDFS.label, Literal(_event_label(event, city), lang="en")))
    g.add((iri, PROV.wasDerivedFrom, page))
    if location is not None:
        g.add((iri, SCHEMA.location, location))
    if event.start:
        g.add((iri, SCHEMA.startDate, Literal(event.start.isoformat(), datatype=XSD.date)))
    if event.end:
        g.add((iri, SCHEMA.endDate, Literal(event.end.isoformat(), datatype=XSD.date)))
    if series is not None:
        g.add((iri, SCHEMA.superEvent, series))
    if event.participants:
        g.add((iri, OSCE.participantCount, Literal(event.participants, datatype=XSD.integer)))
    for field_iri in fields:
        g.add((iri, OSCE.fieldOfWork, field_iri))
    for organiser in _organisers(event, linker, published.year):
        g.add((iri, SCHEMA.organizer, organiser))
    if event.part_of:
        whole = linker.organisation(event.part_of)
        if whole is not None:
            g.add((iri, SCHEMA.isPartOf, whole))
            g.add((release, SCHEMA.mentions, whole))
        else:
            linker.notes.append(f"unknown initiative {event.part_of!r} (event part of)")


def _mintable(kind: str, series: URIRef | None, event: EventRecord, location: URIRef | None,
              linker: Linker) -> tuple[str, URIRef | None]:
    """The kind an ingested event may have. OSCE summits are curated (each names its main
    document), so a release never mints one: a "summit" it reports is a meeting outside the
    series. A Ministerial Council meeting needs its series, start date and city, else it is a
    meeting too."""
    if kind == "SummitMeeting" or (kind == "MinisterialCouncilMeeting" and (
            series is None or event.start is None or location is None)):
        linker.notes.append(f"{event.noun!r} kept as a meeting (not a curated {kind})")
        return "Meeting", None
    return kind, series


def _label_of(thing: URIRef | None, linker: Linker) -> str | None:
    if thing is None:
        return None
    if thing in linker.created:
        return linker.created[thing].label
    return linker.gazetteer.label(thing)


def _event_label(event: EventRecord, city: str | None) -> str:
    words = " ".join(event.modifiers + [event.noun])
    label = words[:1].upper() + words[1:]
    if city:
        label += f" in {city}"
    if event.start and event.end and event.start != event.end:
        label += f", {event.start.isoformat()} to {event.end.isoformat()}"
    elif event.start or event.end:
        label += f", {(event.start or event.end).isoformat()}"
    return label


def _series(event: EventRecord, gazetteer: Gazetteer) -> URIRef | None:
    phrase = " ".join(event.modifiers + [event.noun]).lower()
    for pattern, slug in tables.series_patterns():
        if re.search(rf"\b{re.escape(pattern)}\b", phrase):
            iri = entity_iri("series", slug)
            return iri if gazetteer.is_a(iri, SERIES) else None
    return None


def _organisers(event: EventRecord, linker: Linker, year: int) -> list[URIRef]:
    found: list[URIRef] = []
    for text in event.organisers:
        for name in _split_list(text, lambda n: linker.actor(n, year) is not None):
            actor = linker.actor(name, year)
            if actor is None:
                linker.notes.append(f"unknown organiser {name!r}")
            elif actor not in found:
                found.append(actor)
    return found


def _split_list(text: str, known) -> list[str]:
    """"the OSCE, the X Government and the UN Office on Drugs and Crime" → three names."""
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?", text) if p.strip()]
    out: list[str] = []
    for part in parts:
        if known(part) or " and " not in part:
            out.append(part)
            continue
        pieces = part.split(" and ")
        for cut in range(1, len(pieces)):
            left, right = " and ".join(pieces[:cut]), " and ".join(pieces[cut:])
            if known(left) and known(right):
                out.extend([left, right])
                break
        else:
            out.append(part)
    return out

