"""The OSCE itself, its institutions, decision-making bodies, Secretariat units and the
Secretary General post with its tenures."""

from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import ORG, OWL, SKOS, XSD

from osce_kg.curate.context import Curation, en
from osce_kg.curate.reference import (
    WHOLE_ROW,
    ReferenceTableError,
    date_literal,
    parse_confidence,
    parse_sources,
    year_literal,
)
from osce_kg.curate.static import (
    DECISION_MAKING_BODIES,
    INSTITUTION_FORMER_NAMES,
    INSTITUTIONS,
    SECRETARIAT_UNITS,
    SEED_PAGE,
)
from osce_kg.namespaces import OSCE, SCHEMA, WD, entity_iri, slugify

OSCE_ORG = entity_iri("organisation", "osce")
SECRETARIAT = entity_iri("structure", "secretariat")
SG_POST = entity_iri("post", "secretary-general")
TROIKA = entity_iri("structure", "troika")
TROIKA_NAMES = ("Troika", "Ministerial Troika")

_SEAT = [ORG.hasSite, SCHEMA.location]


def add_organisation(cur: Curation) -> None:
    """The OSCE (CSCE until 1994) itself."""
    graph = cur.describe("organisation", OSCE_ORG, [ORG.FormalOrganization, SCHEMA.Organization],
                         "Organization for Security and Co-operation in Europe")
    graph.add((OSCE_ORG, OSCE.acronym, en("OSCE")))
    graph.add((OSCE_ORG, OSCE.formerName, en("Conference on Security and Co-operation in Europe")))
    graph.add((OSCE_ORG, SKOS.altLabel, en("CSCE")))
    graph.add((OSCE_ORG, OWL.sameAs, WD.Q81299))
    graph.add((OSCE_ORG, SCHEMA.foundingDate, Literal("1975", datatype=XSD.gYear)))
    cur.seat("organisation", OSCE_ORG, "Vienna")
    cur.annotate("organisation", OSCE_ORG, sources=parse_sources(
        "https://osce.org/event/summit_1975 ; https://osce.org/summits ; "
        "https://www.osce.org/who/timeline/1990s/05"), notes=[
        "The Conference on Security and Co-operation in Europe (CSCE) opened at Helsinki in "
        "July 1973; the Helsinki Final Act was signed on 1 August 1975; the Budapest Summit of "
        "1994 renamed it OSCE from 1 January 1995 (reference: participating_states.csv, "
        "summits.csv)",
        "Wikidata Q81299: two independent Wikidata-derived lists agree (reference SOURCES.md)",
        "Seat Vienna: the seat of the Secretariat (reference: institutions.csv)"])


def add_institutions(cur: Curation) -> None:
    """Secretariat, the three institutions, the Parliamentary Assembly and the Court."""
    for row in cur.table("institutions"):
        slug, class_name = INSTITUTIONS[row["institution"]]
        iri = entity_iri("structure", slug)
        label = row["full_name"]
        graph = cur.describe("structures", iri, [OSCE[class_name]], label)
        cur.alt_labels("structures", iri, label, [row["institution"]])
        if row["acronym"]:
            graph.add((iri, OSCE.acronym, en(row["acronym"])))
        for name in INSTITUTION_FORMER_NAMES.get(slug, ()):
            graph.add((iri, OSCE.formerName, en(name)))
        graph.add((iri, ORG.subOrganizationOf, OSCE_ORG))
        graph.add((iri, SCHEMA.foundingDate, year_literal(row["founding_year"])))
        if row["wikidata_qid"]:
            graph.add((iri, OWL.sameAs, WD[row["wikidata_qid"]]))
        cur.seat("structures", iri, row["seat_city"])
        cur.annotate("structures", iri, sources=parse_sources(row["source"]),
                     doubts=[("", parse_confidence(row["confidence"]),
                              {"seat": _SEAT, "dates": [SCHEMA.foundingDate]})],
                     notes=[row["founding_note"]])


def add_bodies(cur: Curation) -> None:
    """The four decision-making bodies (no fixed seat for Summit and Ministerial Council)."""
    for slug, label, acronym, seat in DECISION_MAKING_BODIES:
        iri = entity_iri("structure", slug)
        graph = cur.describe("structures", iri, [OSCE.DecisionMakingBody], label)
        if acronym:
            graph.add((iri, OSCE.acronym, en(acronym)))
        graph.add((iri, ORG.subOrganizationOf, OSCE_ORG))
        notes = [f"Decision-making body whose meetings are listed in {SEED_PAGE} "
                 "(menu 'Meetings and conferences')"]
        if seat is None:
            notes.append("No fixed seat: it meets where the Chairpersonship holds it")
        else:
            cur.seat("structures", iri, seat)
            for prop in _SEAT:
                graph.add((iri, OSCE.likelyProperty, prop))
            notes.append(f"Seat {seat}: likely (own knowledge; not stated in the reference)")
        cur.annotate("structures", iri, sources=parse_sources(), notes=notes)


def add_troika(cur: Curation) -> None:
    """The OSCE Troika: the Chairpersonship of the year with the previous and the next one.

    Added because the reference's chairpersonship sources speak of it (a Troika photo of
    January 1999, the incoming Chair in the 1999 Troika, Kazakhstan in the Troika for 2010,
    Malta in the 2024 Troika) and the newsroom files releases under "Troika"."""
    mentions = [part for row in cur.table("chairpersonships")
                for part in row["source"].split(";") if "troika" in part.lower()]
    graph = cur.describe("structures", TROIKA, [OSCE.Structure], "OSCE Troika")
    for name in TROIKA_NAMES:
        graph.add((TROIKA, SKOS.altLabel, en(name)))
    graph.add((TROIKA, ORG.subOrganizationOf, OSCE_ORG))
    cur.annotate("structures", TROIKA, sources=parse_sources(*mentions), notes=[
        "The Chairpersonship of the year, the previous and the incoming one; named in the "
        "sources of chairpersonships.csv",
        "Composition (previous, current and next Chair): own knowledge, consistent with the "
        "sources (the incoming Chair in the 1999 Troika, Kazakhstan in the Troika for 2010)"])


def add_secretariat_units(cur: Curation) -> None:
    """The 11 units of the seed's Secretariat menu, below the Secretariat or the OSG."""
    rows = {row["unit"]: row for row in cur.table("secretariat_units")}
    osg = entity_iri("structure", slugify("Office of the Secretary General"))
    for name in SECRETARIAT_UNITS:
        row = rows.pop(name, None)
        if row is None:
            raise ReferenceTableError(f"secretariat_units.csv has no row for {name!r}")
        iri = entity_iri("structure", slugify(name))
        graph = cur.describe("structures", iri, [OSCE.SecretariatUnit], name)
        if row["acronym"]:
            graph.add((iri, OSCE.acronym, en(row["acronym"])))
        parent = osg if row["parent_unit"].startswith("Office of the Secretary General") \
            else SECRETARIAT
        graph.add((iri, ORG.subOrganizationOf, parent))
        cur.seat("structures", iri, row["seat"])
        whole = [ORG.subOrganizationOf, *_SEAT] + ([OSCE.acronym] if row["acronym"] else [])
        cur.annotate("structures", iri, sources=parse_sources(row["source"]),
                     doubts=[("", parse_confidence(row["confidence"]),
                              {WHOLE_ROW: whole, "acronym": [OSCE.acronym]})],
                     notes=[row["note"], f"Parent as the reference gives it: {row['parent_unit']}"])
    if rows:
        raise ReferenceTableError(f"secretariat_units.csv: rows not in the seed's menu: {sorted(rows)}")


def add_secretary_general(cur: Curation) -> None:
    """The post (``org:Post``) and one ``osce:Tenure`` per term."""
    graph = cur.describe("posts", SG_POST, [ORG.Post], "Secretary General of the OSCE")
    graph.add((SG_POST, ORG.postIn, SECRETARIAT))
    graph.add((SG_POST, SKOS.editorialNote, en(f"Listed first in the Secretariat menu of "
                                               f"{SEED_PAGE}.")))
    for row in cur.table("secretaries_general"):
        ordinal = int(row["order"])
        holder = cur.person(row["name"], cur.country(row["nationality"]))
        graph.add((SG_POST, ORG.heldBy, holder))
        iri = entity_iri("tenure", f"secretary-general-{ordinal}")
        end = row["term_end"]
        years = f"{row['term_start'][:4]}–{end[:4]}" if end else f"since {row['term_start'][:4]}"
        cur.describe("posts", iri, [OSCE.Tenure],
                     f"Secretary General of the OSCE: {row['name']} ({years})")
        graph.add((iri, OSCE.post, SG_POST))
        graph.add((iri, OSCE.holder, holder))
        graph.add((iri, OSCE.ordinal, Literal(ordinal)))
        graph.add((iri, SCHEMA.startDate, date_literal(row["term_start"])))
        if end:
            graph.add((iri, SCHEMA.endDate, date_literal(end)))
        dates = [SCHEMA.startDate] + ([SCHEMA.endDate] if end else [])
        cur.annotate("posts", iri, sources=parse_sources(row["source"]),
                     doubts=[("", parse_confidence(row["confidence"]),
                              {"dates": dates, "start": [SCHEMA.startDate],
                               WHOLE_ROW: [OSCE.holder, *dates]})])


def add_structures(cur: Curation) -> None:
    add_organisation(cur)
    add_institutions(cur)
    add_bodies(cur)
    add_troika(cur)
    add_secretariat_units(cur)
    add_secretary_general(cur)
