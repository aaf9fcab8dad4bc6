"""Fields of work (SKOS), event series, summits and Ministerial Council meetings,
chairpersonships with their Chairpersons-in-Office."""

from __future__ import annotations

import re
from datetime import date

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from osce_kg.curate.context import Curation, en
from osce_kg.curate.reference import (
    WHOLE_ROW,
    date_literal,
    date_range,
    parse_confidence,
    parse_sources,
    without_parenthesis,
    year_literal,
)
from osce_kg.curate.static import (
    EVENT_SERIES,
    FIELD_LABEL_LANGUAGES,
    FIELDS_OF_WORK,
    FIELDS_OF_WORK_LABELS,
    SEED_PAGE,
)
from osce_kg.curate.structures import OSCE_ORG
from osce_kg.namespaces import OSCE, SCHEMA, entity_iri, slugify

FIELDS_SCHEME = entity_iri("scheme", "fields-of-work")
# Series whose meetings are those of a decision-making body (same slug under id/structure/).
BODY_SERIES = ("summit", "ministerial-council", "permanent-council",
               "forum-for-security-co-operation")


def add_fields_of_work(cur: Curation) -> None:
    graph = cur.describe("fields-of-work", FIELDS_SCHEME, [SKOS.ConceptScheme],
                         "OSCE fields of work")
    graph.add((FIELDS_SCHEME, SKOS.prefLabel, en("OSCE fields of work")))
    graph.add((FIELDS_SCHEME, SKOS.editorialNote, en(
        f"The 23 entries of the menu 'Fields of work' in {SEED_PAGE}.")))
    for name in FIELDS_OF_WORK:
        iri = entity_iri("field", slugify(name))
        cur.describe("fields-of-work", iri, [SKOS.Concept], name)
        graph.add((iri, SKOS.prefLabel, en(name)))
        for lang, label in zip(FIELD_LABEL_LANGUAGES, FIELDS_OF_WORK_LABELS[name], strict=True):
            for predicate in (RDFS.label, SKOS.prefLabel):  # one of each per language
                graph.add((iri, predicate, Literal(label, lang=lang)))
        graph.add((iri, SKOS.inScheme, FIELDS_SCHEME))
        graph.add((iri, SKOS.topConceptOf, FIELDS_SCHEME))
        graph.add((FIELDS_SCHEME, SKOS.hasTopConcept, iri))


def add_series(cur: Curation) -> None:
    for slug, label in EVENT_SERIES:
        iri = entity_iri("series", slug)
        graph = cur.describe("series", iri, [SCHEMA.EventSeries], label)
        graph.add((iri, SKOS.editorialNote, en(
            f"An entry of the menu 'Meetings and conferences' in {SEED_PAGE}.")))
        if slug in BODY_SERIES:
            graph.add((iri, SCHEMA.organizer, entity_iri("structure", slug)))


def add_summits(cur: Curation) -> None:
    graph = cur.graphs["events"]
    for row in cur.table("summits"):
        city = row["city"]
        start, end = date_literal(row["start_date"]), date_literal(row["end_date"])
        iri = entity_iri("event", f"{start}-{slugify(city)}-summit")
        cur.describe("events", iri, [OSCE.SummitMeeting], f"{city} Summit {str(start)[:4]}")
        _meeting(cur, iri, "summit", city, start, end)
        document, remark = without_parenthesis(row["main_document"])
        for title in document.split(" / "):
            graph.add((iri, OSCE.mainDocument, en(title.strip())))
        cur.annotate("events", iri, sources=parse_sources(row["source"]),
                     doubts=[("", parse_confidence(row["confidence"]),
                              {WHOLE_ROW: [SCHEMA.location, SCHEMA.startDate, SCHEMA.endDate]})],
                     notes=[remark])


def add_ministerial_councils(cur: Curation) -> None:
    for row in cur.table("ministerial_councils"):
        city = row["city"]
        start, end = date_range(row["dates"])
        iri = entity_iri("event", f"{start}-{slugify(city)}-ministerial-council")
        meeting, _, tail = row["meeting"].partition(" - ")
        meeting, remark = without_parenthesis(meeting)
        cur.describe("events", iri, [OSCE.MinisterialCouncilMeeting],
                     f"{meeting}, {city} {row['year']}")
        _meeting(cur, iri, "ministerial-council", city, start, end)
        dates = [SCHEMA.startDate, SCHEMA.endDate]
        parts = {WHOLE_ROW: [SCHEMA.location, *dates], "city": [SCHEMA.location],
                 "dates": dates, "days": dates,
                 _day(start): [SCHEMA.startDate], _day(end): [SCHEMA.endDate]}
        cur.annotate("events", iri, sources=parse_sources(row["source"]),
                     doubts=[("", parse_confidence(row["confidence"]), parts)],
                     notes=[remark, tail])


def _day(value: Literal) -> str:
    """``30 Nov`` for 1993-11-30 (how the reference names a day in its confidence cells)."""
    day = value.toPython()
    return f"{day.day} {day:%b}" if isinstance(day, date) else str(value)


def _meeting(cur: Curation, iri: URIRef, series: str, city: str, start: Literal,
             end: Literal) -> None:
    graph = cur.graphs["events"]
    graph.add((iri, SCHEMA.superEvent, entity_iri("series", series)))
    graph.add((iri, SCHEMA.startDate, start))
    graph.add((iri, SCHEMA.endDate, end))
    graph.add((iri, SCHEMA.location, cur.city(city)))
    graph.add((iri, SCHEMA.organizer, OSCE_ORG))


# --- chairpersonships --------------------------------------------------------------------------

def chairpersons(cell: str) -> tuple[list[str], str]:
    """Names in office order and any remark: ``"A (then B from Dec 2017)"`` → ``[A, B]``."""
    main, remark = without_parenthesis(cell)
    if remark.startswith("then "):
        main, remark = f"{main}, {remark}", ""
    names = [re.sub(r"\s+from\s+.*$", "", name).strip() for name in main.split(", then ")]
    return [n for n in names if n], remark


def add_chairpersonships(cur: Curation) -> None:
    graph = cur.graphs["chairpersonships"]
    for row in cur.table("chairpersonships"):
        year = row["year"]
        iri = entity_iri("chairpersonship", year)
        cur.describe("chairpersonships", iri, [OSCE.Chairpersonship],
                     f"OSCE Chairpersonship {year}")
        old_names = [f"OSCE Chairmanship {year}"] + (
            [f"CSCE Chairmanship {year}"] if int(year) < 1995 else [])
        cur.alt_labels("chairpersonships", iri, f"OSCE Chairpersonship {year}", old_names)
        graph.add((iri, OSCE.year, year_literal(year)))
        state = cur.country(row["chairing_state"])
        graph.add((iri, OSCE.chairingState, state))
        names, remark = chairpersons(row["chairperson_in_office"])
        cio = [OSCE.chairpersonInOffice]
        parts: dict[str, list[URIRef]] = {WHOLE_ROW: [OSCE.chairingState, *cio],
                                          "country": [OSCE.chairingState], "CiO": cio}
        for name in names:
            graph.add((iri, OSCE.chairpersonInOffice, cur.person(name, state)))
            parts.update({word: cio for word in name.split()})
        confidence = parse_confidence(row["confidence"])
        if "expected" in remark and not confidence.doubtful:
            graph.add((iri, OSCE.likelyProperty, OSCE.chairpersonInOffice))
        notes = []
        if len(names) > 1 or remark:
            notes.append(f"Chairperson-in-Office as the reference gives it: "
                         f"{row['chairperson_in_office']}")
        cur.annotate("chairpersonships", iri, sources=parse_sources(row["source"]),
                     doubts=[("", confidence, parts)], notes=notes)


def add_events(cur: Curation) -> None:
    add_fields_of_work(cur)
    add_series(cur)
    add_summits(cur)
    add_ministerial_councils(cur)
    add_chairpersonships(cur)

