"""Participating States, Partners for Co-operation and their groups, former States, territories.

Labels other than English come from CLDR through Babel (by ISO alpha-2), never typed by hand.
"""

from __future__ import annotations

from babel import Locale
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDFS, SKOS

from osce_kg.curate.context import Curation, en
from osce_kg.curate.reference import (
    WHOLE_ROW,
    date_literal,
    parse_confidence,
    parse_sources,
    year_literal,
)
from osce_kg.curate.static import FORMER_STATES, PARTNER_GROUPS, SEED_PAGE, TERRITORIES
from osce_kg.namespaces import OSCE, SCHEMA, WD, entity_iri, slugify

# The OSCE's official languages other than English, in which States are labelled.
LABEL_LANGUAGES: tuple[str, ...] = ("de", "fr", "it", "ru", "es")

_CODE_PARTS = {WHOLE_ROW: [OSCE.iso3166Alpha2, OSCE.iso3166Alpha3, OWL.sameAs]}


def cldr_name(alpha2: str, language: str) -> str:
    """The CLDR name of a country in ``language`` (Babel)."""
    return Locale.parse(language).territories[alpha2]


def add_country_core(cur: Curation, file: str, iri: URIRef, row: dict[str, str],
                     label: str) -> None:
    """Labels (CLDR in five languages), alternative names, ISO codes and Wikidata."""
    graph = cur.graphs[file]
    alpha2 = row["iso3166_alpha2"]
    for language in LABEL_LANGUAGES:
        graph.add((iri, RDFS.label, Literal(cldr_name(alpha2, language), lang=language)))
    others = [row["wikidata_label"], cldr_name(alpha2, "en")]
    cur.alt_labels(file, iri, label, sorted(set(others)))
    graph.add((iri, OSCE.iso3166Alpha2, Literal(alpha2)))
    graph.add((iri, OSCE.iso3166Alpha3, Literal(row["iso3166_alpha3"])))
    graph.add((iri, SCHEMA.identifier, Literal(alpha2)))
    graph.add((iri, OWL.sameAs, WD[row["wikidata_qid"]]))
    cur.alpha2[alpha2] = iri
    for name in [label, *others]:
        cur.add_country_name(name, iri)


def annotate_country(cur: Curation, file: str, iri: URIRef, row: dict[str, str],
                     dated: tuple[str, str, URIRef], *, notes: list[str]) -> None:
    """A country row's sources and doubts: its codes and Wikidata (``codes_qid_*``) and its one
    dated fact, ``(what, column prefix, property)`` (``{prefix}_source``, ``{prefix}_confidence``)."""
    what, prefix, prop = dated
    cur.annotate(file, iri,
                 sources=parse_sources(row["codes_qid_source"], row[f"{prefix}_source"]),
                 doubts=[("codes and Wikidata", parse_confidence(row["codes_qid_confidence"]),
                          _CODE_PARTS),
                         (what, parse_confidence(row[f"{prefix}_confidence"]), {WHOLE_ROW: [prop]})],
                 notes=notes)


def add_states(cur: Curation) -> None:
    for row in cur.table("participating_states"):
        label = row["name_osce"]
        iri = entity_iri("state", slugify(label))
        cur.describe("states", iri, [OSCE.ParticipatingState], label)
        add_country_core(cur, "states", iri, row, label)
        cur.graphs["states"].add((iri, OSCE.participatingSince, date_literal(row["joined"])))
        annotate_country(cur, "states", iri, row, ("joining date", "join", OSCE.participatingSince),
                         notes=[row["qid_note"], row["join_note"]])


def add_former_states(cur: Curation) -> None:
    for slug, label, others, note in FORMER_STATES:
        iri = entity_iri("state", slug)
        cur.describe("states", iri, [OSCE.FormerParticipatingState], label)
        cur.alt_labels("states", iri, label, others)
        cur.graphs["states"].add((iri, SKOS.editorialNote, en(note + ".")))
        for name in [label, *others]:
            cur.add_country_name(name, iri)


def add_partners(cur: Curation) -> None:
    groups: dict[str, URIRef] = {}
    for slug, label, reference_name in PARTNER_GROUPS:
        iri = entity_iri("partner-group", slug)
        graph = cur.describe("partners", iri, [OSCE.PartnerGroup], label)
        graph.add((iri, SKOS.editorialNote, en(f"Named in {SEED_PAGE} (menu 'Countries').")))
        groups[reference_name] = iri
    for row in cur.table("partners"):
        label = row["name"]
        iri = entity_iri("state", slugify(label))
        graph = cur.describe("partners", iri, [OSCE.PartnerForCooperation], label)
        add_country_core(cur, "partners", iri, row, label)
        graph.add((iri, OSCE.partnerGroup, groups[row["group"]]))
        graph.add((iri, OSCE.partnerSince, year_literal(row["partner_since"])))
        annotate_country(cur, "partners", iri, row, ("partnership year", "year", OSCE.partnerSince),
                         notes=[row["note"]])


def add_territories(cur: Curation) -> None:
    """Territories live with the places (``places``)."""
    for slug, label, state, note in TERRITORIES:
        iri = entity_iri("place", slug)
        graph = cur.describe("places", iri, [OSCE.Territory], label)
        graph.add((iri, SKOS.editorialNote, en(note)))
        if state is not None:
            graph.add((iri, SCHEMA.containedInPlace, cur.country(state)))
        cur.add_country_name(label, iri)
