"""What an entity page shows: label by language, types, grouped properties, incoming links.

:func:`describe` answers an entity page with three store queries (outgoing with labels,
incoming counts, one page of incoming links); :func:`serialize_description` answers ``/data/``
with one ASK and one CONSTRUCT, serialized by the store (:func:`description_graph` is the same
description as an rdflib graph). Every IRI or value reaches the store only through ``bindings``.
"""

from __future__ import annotations

import re

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Identifier

from osce_kg.conneg import Format
from osce_kg.errors import UnknownEntity
from osce_kg.lru import Lru
from osce_kg.namespaces import OSCE, SCHEMA, bind_prefixes, split_entity_iri
from osce_kg.pages import dates
from osce_kg.pages.entity import (
    DATE_TYPES,
    DEFAULT_LANG,
    EVENT_TYPES,
    LABEL_PROPERTIES,
    RELEASE_TYPES,
    STATE_TYPES,
    STRUCTURE_TYPES,
        EntityView,
    IncomingGroup,
    PropertyGroup,
    Quotation,
    Release,
    Section,
    Summary,
    Value,
    humanize,
    inverse_phrase,
    pick_label,
    prefixed,
)
from osce_kg.pages.sources import as_original, group_sources, reader_note
from osce_kg.pages.wording import (
    BUILT_IN_LABELS,
    NOT_A_ROW,
    POSITION,
    SECTION_OF,
    SECTIONS,
)
from osce_kg.queries import (
    DESCRIPTION_QUERY,
    EXISTS_QUERY,
    INCOMING_COUNT_QUERY,
    INCOMING_PAGE_QUERY,
    OUTGOING_QUERY,
    QUOTATIONS_QUERY,
)
from osce_kg.store.base import Store


def _text(term: Identifier | None) -> str | None:
    return None if term is None else str(term)


def _tag(term: Identifier | None) -> str | None:
    return term.language if isinstance(term, Literal) else None


def _value(term: Identifier, label: Identifier | None, en: Identifier | None,
           lat: Identifier | None = None, long: Identifier | None = None,
           locale: str = DEFAULT_LANG, url: Identifier | None = None) -> Value:
    if isinstance(term, Literal):
        return Value(term, str(term), term.language, term.datatype,
                     display=dates.format_literal(term, locale))
    coordinates = None
    if lat is not None and long is not None:
        try:
            coordinates = (float(lat), float(long))
        except ValueError:
            coordinates = None
    if isinstance(term, BNode):
        text = f"{coordinates[0]}, {coordinates[1]}" if coordinates else "(blank node)"
        return Value(term, text, coordinates=coordinates)
    shown, tag = (label, _tag(label)) if label is not None else (en, _tag(en))
    return Value(term, _text(shown) or prefixed(term), coordinates=coordinates,
                 label_lang=tag if shown is not None else None, url=_text(url))


def _section(prop: URIRef, first: Value) -> str:
    if prop in SECTION_OF:
        return SECTION_OF[prop]
    if first.datatype in DATE_TYPES:
        return "when"
    if first.is_iri:
        return "related"
    return "what"


def _rank(prop: URIRef, section: str) -> int:
    order = [key for key, _title in SECTIONS]
    return order.index(section) * 100 + POSITION.get(prop, 99)


def _property_label(prop: URIRef, label: Identifier | None, en: Identifier | None
                    ) -> tuple[str, str | None]:
    if label is not None:
        return str(label), _tag(label)
    if en is not None:
        return str(en), "en"
    if prop in BUILT_IN_LABELS:
        return BUILT_IN_LABELS[prop], None
    return humanize(prop), "en"


def _outgoing(store: Store, iri: URIRef, lang: str, locale: str) -> list[PropertyGroup]:
    groups: dict[URIRef, PropertyGroup] = {}
    seen: set[tuple[Identifier, Identifier]] = set()
    rows = store.select(OUTGOING_QUERY, {"s": iri, "lang": Literal(lang)})
    for row in rows:
        prop, obj = row["p"], row["o"]
        if (prop, obj) in seen:
            continue
        seen.add((prop, obj))
        value = _value(obj, row.get("olabel"), row.get("oen"), row.get("lat"), row.get("long"),
                       locale, row.get("ourl"))
        group = groups.get(prop)
        if group is None:
            label, tag = _property_label(prop, row.get("plabel"), row.get("pen"))
            group = groups[prop] = PropertyGroup(prop, label, label_lang=tag)
        group.values.append(value)
    for group in groups.values():
        if all(v.datatype in DATE_TYPES for v in group.values):
            group.values.sort(key=lambda v: dates.sort_key(v.text, v.datatype))
        else:
            group.values.sort(key=lambda v: (v.lang or "", v.text.casefold()))
        if group.prop == RDFS.label:  # English first, then the other languages
            group.values.sort(key=lambda v: (v.lang != DEFAULT_LANG, v.lang or ""))
        group.section = _section(group.prop, group.values[0])
        group.rank = _rank(group.prop, group.section)
    likely = {v.term for v in groups[OSCE.likelyProperty].values} \
        if OSCE.likelyProperty in groups else set()
    for group in groups.values():
        group.likely = group.prop in likely
    return sorted(groups.values(), key=lambda g: (g.rank, g.label.casefold()))


def _incoming(store: Store, iri: URIRef, lang: str, limit: int,
              offset: int) -> tuple[list[IncomingGroup], int]:
    totals = {row["p"]: int(row["n"]) for row in store.select(INCOMING_COUNT_QUERY, {"s": iri})}
    groups: dict[URIRef, IncomingGroup] = {}
    if totals and limit > 0:
        query = INCOMING_PAGE_QUERY % (int(limit), int(offset))
        for row in store.select(query, {"s": iri, "lang": Literal(lang)}):
            prop = row["p"]
            group = groups.get(prop)
            if group is None:
                label, _tag_ = _property_label(prop, row.get("plabel"), row.get("pen"))
                group = groups[prop] = IncomingGroup(prop, inverse_phrase(prop),
                                                     totals.get(prop, 0), label=label)
            value = _value(row["x"], row.get("xlabel"), row.get("xen"))
            if not group.values or group.values[-1].term != value.term:
                group.values.append(value)
    for group in groups.values():
        group.values.sort(key=lambda v: v.text.casefold())
    return list(groups.values()), sum(totals.values())


# An entity linked from more than this many triples is a hub (a State, a field operation, a
# unit that published thousands of releases): ordering its links for one page is costly on a
# big graph (docs/performance.md), so a page of them is kept in the caller's ``hubs`` (an LRU,
# one per build).
HUB_INCOMING = 500


HUB_PAGES = 512  # pages of hub links a process keeps (see web/state.py)


def _incoming_of(store: Store, iri: URIRef, lang: str, limit: int, offset: int,
                 hubs: Lru | None) -> tuple[list[IncomingGroup], int]:
    key = (iri, lang, limit, offset)
    found = hubs.get(key) if hubs is not None else None
    if found is not None:
        return found
    page = _incoming(store, iri, lang, limit, offset)
    if hubs is not None and page[1] > HUB_INCOMING:
        hubs.put(key, page)
    return page


# On a release, what its own block shows (the quotations, the dateline) is not a row again.
RELEASE_BLOCK = frozenset({SCHEMA.citation, SCHEMA.dateline})


def _sections(groups: list[PropertyGroup], release: bool = False) -> list[Section]:
    """The reader's view: rows by meaning, without what the heading, body and notes show."""
    rows: dict[str, list[PropertyGroup]] = {key: [] for key, _title in SECTIONS}
    shown: list[set[Identifier]] = []
    for group in groups:
        if group.prop in NOT_A_ROW or group.section == "sources":
            continue
        if release and group.prop in RELEASE_BLOCK:
            continue
        if group.prop == SCHEMA.geo and not group.values[0].coordinates:
            continue
        terms = {v.term for v in group.values}
        if terms in shown:  # the seat and the location, a code given twice
            continue
        shown.append(terms)
        rows[group.section].append(group)
    return [Section(key, title, rows[key]) for key, title in SECTIONS if rows[key]]


def _kind(types: set[Identifier]) -> str:
    for kind, members in (("field-operation", {OSCE.FieldOperation}),
                          ("state", STATE_TYPES), ("partner", {OSCE.PartnerForCooperation}),
                          ("chairpersonship", {OSCE.Chairpersonship}), ("tenure", {OSCE.Tenure}),
                          ("release", RELEASE_TYPES), ("event", EVENT_TYPES),
                          ("structure", STRUCTURE_TYPES), ("person", {SCHEMA.Person}),
                          ("place", {SCHEMA.City, SCHEMA.Place, SCHEMA.AdministrativeArea,
                                     OSCE.Territory}),
                          ("concept", {SKOS.Concept})):
        if types & members:
            return kind
    return "thing"


_SUMMARY_FACTS = {
    "host": OSCE.hostCountry, "seat": ORG.hasSite, "founded": SCHEMA.foundingDate,
    "dissolved": SCHEMA.dissolutionDate, "joined": OSCE.participatingSince,
    "partner_since": OSCE.partnerSince, "group": OSCE.partnerGroup, "state": OSCE.chairingState,
    "chair": OSCE.chairpersonInOffice, "year": OSCE.year, "post": OSCE.post,
    "holder": OSCE.holder, "start": SCHEMA.startDate, "end": SCHEMA.endDate,
    "published": SCHEMA.datePublished, "issued_in": SCHEMA.locationCreated,
    "publisher": DCTERMS.publisher, "location": SCHEMA.location, "parent": ORG.subOrganizationOf,
    "job": SCHEMA.jobTitle, "nationality": SCHEMA.nationality, "country": SCHEMA.containedInPlace,
    "scheme": SKOS.inScheme, "alpha2": OSCE.iso3166Alpha2, "alpha3": OSCE.iso3166Alpha3,
    "acronym": OSCE.acronym, "series": SCHEMA.superEvent,
}


def _summary(groups: dict[URIRef, PropertyGroup], types: list[Value]) -> Summary:
    kind = _kind({v.term for v in types})
    facts = {name: groups[prop].values[0] for name, prop in _SUMMARY_FACTS.items()
             if prop in groups and groups[prop].values}
    kind_value = next((v for v in types if v.term not in (OSCE.Structure, SCHEMA.Event,
                                                         SCHEMA.Country, SCHEMA.Place)), None)
    if kind_value is not None:
        facts["type"] = kind_value
    active = None
    if kind in ("field-operation", "structure"):
        active = SCHEMA.dissolutionDate not in groups
    elif kind == "state":
        active = not any(v.term == OSCE.FormerParticipatingState for v in types)
    return Summary(kind, facts, active)


def _paragraphs(body: str) -> list[str]:
    parts = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", body)]
    if len(parts) == 1:  # one block: a line break is a paragraph break
        parts = [re.sub(r"\s+", " ", p).strip() for p in body.splitlines()]
    return [p for p in parts if p]


def _release(store: Store, iri: URIRef, groups: dict[URIRef, PropertyGroup], lang: str
             ) -> Release:
    bodies = groups[SCHEMA.articleBody].values if SCHEMA.articleBody in groups else []
    body = next((v for v in bodies if (v.lang or "").split("-")[0] == lang),
                bodies[0] if bodies else None)
    quotations = []
    for row in store.select(QUOTATIONS_QUERY, {"s": iri, "lang": Literal(lang)}):
        if row.get("text") is None:
            continue
        who = row.get("who")
        speaker = _value(who, row.get("wlabel"), row.get("wen")) if who is not None else None
        behalf = row.get("behalf")
        quotations.append(Quotation(
            str(row["text"]), _tag(row.get("text")), speaker, _text(row.get("role")),
            _value(behalf, row.get("blabel"), row.get("ben")) if behalf is not None else None))
    pages = [v.url for v in groups[PROV.wasDerivedFrom].values
             if v.url] if PROV.wasDerivedFrom in groups else []
    sources = [str(v.term) for v in groups[DCTERMS.source].values
               if v.is_iri] if DCTERMS.source in groups else []
    original = next(iter(pages + sources), None)
    dateline = groups[SCHEMA.dateline].values[0].text if SCHEMA.dateline in groups else None
    return Release(_paragraphs(body.text) if body else [], body.lang if body else None,
                   dateline, quotations, as_original(original) if original else None)


def _source_urls(groups: dict[URIRef, PropertyGroup]) -> list[str]:
    urls = []
    for prop in (DCTERMS.source, PROV.wasDerivedFrom, SCHEMA.url, FOAF.page):
        for value in groups[prop].values if prop in groups else []:
            if value.url:
                urls.append(value.url)
            elif value.is_iri and split_entity_iri(str(value.term)) is None:
                urls.append(str(value.term))
            elif value.datatype == XSD.anyURI or (value.lang is None and
                                                  value.text.startswith(("http://", "https://"))):
                urls.append(value.text)
    return urls


def describe(store: Store, iri: URIRef, lang: str = DEFAULT_LANG, *, limit: int = 50,
             offset: int = 0, hubs: Lru | None = None, locale: str | None = None) -> EntityView:
    """The page of ``iri`` in ``lang`` (labels fall back to English); ``UnknownEntity`` if unknown.
    Dates are written for ``locale`` (default: ``lang``). With ``hubs``, the incoming links
    of a hub are read from and kept in it."""
    locale = locale or lang
    groups = _outgoing(store, iri, lang, locale)
    if not groups:
        raise UnknownEntity(f"no entity {iri}")
    by_prop = {g.prop: g for g in groups}

    def values(prop: URIRef) -> list[Value]:
        return by_prop[prop].values if prop in by_prop else []

    labels = {v.lang or "": v.text for v in values(RDFS.label)}
    label, label_lang = pick_label(labels, lang)
    if label is None:
        other = next((by_prop[p] for p in LABEL_PROPERTIES if p in by_prop), None)
        label = other.values[0].text if other else prefixed(iri)
    incoming, incoming_total = _incoming_of(store, iri, lang, limit, offset, hubs)
    coordinates = [v.coordinates for g in groups for v in g.values if v.coordinates
                   and isinstance(v.term, BNode)]
    types = list(values(RDF.type))
    summary = _summary(by_prop, types)
    is_release = summary.kind == "release"
    if is_release:  # its quotations are shown with the release, not again as links to it
        quoted = {v.term for v in values(SCHEMA.citation)}
        kept = [g for g in incoming if not (g.prop == SCHEMA.isPartOf
                                            and {v.term for v in g.values} <= quoted)]
        incoming_total -= sum(g.total for g in incoming if g not in kept)
        incoming = kept
    notes = [n for n in (reader_note(v.text) for v in values(SKOS.editorialNote)) if n]
    return EntityView(
        iri=iri, label=label, lang=lang, label_lang=label_lang, labels=labels,
        types=types, groups=groups, incoming=incoming,
        incoming_total=incoming_total, offset=offset, limit=limit,
        same_as=[v.term for v in values(OWL.sameAs) if isinstance(v.term, URIRef)],
        coordinates=coordinates, sections=_sections(groups, is_release), summary=summary,
        notes=notes, sources=group_sources(_source_urls(by_prop)),
        release=_release(store, iri, by_prop, lang) if is_release else None)


def exists(store: Store, iri: URIRef) -> bool:
    """Whether ``iri`` is the subject of any triple."""
    return store.ask(EXISTS_QUERY, {"s": iri})


def serialize_description(store: Store, iri: URIRef, fmt: Format) -> bytes:
    """:func:`description_graph` serialized in ``fmt`` by the store itself (``/data/``)."""
    if not exists(store, iri):
        raise UnknownEntity(f"no entity {iri}")
    return store.serialize_construct(DESCRIPTION_QUERY, fmt, {"s": iri})


def description_graph(store: Store, iri: URIRef) -> Graph:
    """Outgoing triples of ``iri`` plus labels and types of what it links to (``/data/``)."""
    graph = bind_prefixes(store.construct(DESCRIPTION_QUERY, {"s": iri}))
    if (iri, None, None) not in graph:
        raise UnknownEntity(f"no entity {iri}")
    return graph

