"""What an entity page shows: label by language, types, grouped properties, incoming links.

:func:`describe` answers an entity page with three store queries (outgoing with labels,
incoming counts, one page of incoming links); :func:`serialize_description` answers ``/data/``
with one ASK and one CONSTRUCT, serialized by the store (:func:`description_graph` is the same
description as an rdflib graph). Every IRI or value reaches the store only through ``bindings``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Identifier

from osce_kg.conneg import Format
from osce_kg.errors import NotFound
from osce_kg.lru import Lru
from osce_kg.namespaces import OSCE, PREFIXES, SCHEMA, bind_prefixes
from osce_kg.store.base import Store

DEFAULT_LANG = "en"

_PROLOGUE = (f"PREFIX rdfs: <{RDFS}>\nPREFIX schema: <{SCHEMA}>\nPREFIX rdf: <{RDF}>\n")

OUTGOING_QUERY = _PROLOGUE + """
SELECT ?s ?lang ?p ?o ?olabel ?oen ?plabel ?lat ?long WHERE {
  ?s ?p ?o .
  OPTIONAL { ?o rdfs:label ?olabel FILTER(langMatches(lang(?olabel), ?lang)) }
  OPTIONAL { ?o rdfs:label ?oen FILTER(langMatches(lang(?oen), "en")) }
  OPTIONAL { ?p rdfs:label ?plabel FILTER(langMatches(lang(?plabel), "en")) }
  OPTIONAL { ?o schema:latitude ?lat ; schema:longitude ?long }
}"""

INCOMING_COUNT_QUERY = """
SELECT ?s ?p (COUNT(?x) AS ?n) WHERE { ?x ?p ?s } GROUP BY ?s ?p"""

# LIMIT and OFFSET cannot be bound as variables; they are formatted from Python ints only.
# The page is cut in a subquery ordered by IRI, so labels are joined for one page only (a
# State is the object of many thousand releases).
INCOMING_PAGE_QUERY = _PROLOGUE + """
SELECT ?s ?lang ?x ?p ?xlabel ?xen ?plabel WHERE {
  { SELECT ?s ?x ?p WHERE { ?x ?p ?s } ORDER BY ?p ?x LIMIT %d OFFSET %d }
  OPTIONAL { ?x rdfs:label ?xlabel FILTER(langMatches(lang(?xlabel), ?lang)) }
  OPTIONAL { ?x rdfs:label ?xen FILTER(langMatches(lang(?xen), "en")) }
  OPTIONAL { ?p rdfs:label ?plabel FILTER(langMatches(lang(?plabel), "en")) }
} ORDER BY ?p ?x"""

DESCRIPTION_QUERY = _PROLOGUE + """
CONSTRUCT { ?s ?p ?o . ?x ?q ?y } WHERE {
  { ?s ?p ?o }
  UNION
  { ?s ?p0 ?x . ?x ?q ?y . FILTER(?q = rdfs:label || ?q = rdf:type || isBlank(?x)) }
}"""

CLASS_COUNT_QUERY = _PROLOGUE + """
SELECT ?class (COUNT(?s) AS ?n) (SAMPLE(?l) AS ?label) WHERE {
  ?s a ?class .
  OPTIONAL { ?class rdfs:label ?l FILTER(langMatches(lang(?l), "en")) }
} GROUP BY ?class ORDER BY DESC(?n) ?class"""

PROPERTY_COUNT_QUERY = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p"

CLASS_TOTAL_QUERY = "SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class"

CLASS_PAGE_QUERY = _PROLOGUE + """
SELECT ?class ?lang ?s ?label ?en WHERE {
  ?s a ?class .
  OPTIONAL { ?s rdfs:label ?label FILTER(langMatches(lang(?label), ?lang)) }
  OPTIONAL { ?s rdfs:label ?en FILTER(langMatches(lang(?en), "en")) }
} ORDER BY LCASE(STR(?en)) ?s LIMIT %d OFFSET %d"""

# Above this many instances, a class is listed in IRI order (labels joined for one page only).
LABEL_ORDER_MAX = 5000
BIG_CLASS_PAGE_QUERY = _PROLOGUE + """
SELECT ?class ?lang ?s ?label ?en WHERE {
  { SELECT ?class ?s WHERE { ?s a ?class } ORDER BY ?s LIMIT %d OFFSET %d }
  OPTIONAL { ?s rdfs:label ?label FILTER(langMatches(lang(?label), ?lang)) }
  OPTIONAL { ?s rdfs:label ?en FILTER(langMatches(lang(?en), "en")) }
} ORDER BY ?s"""

EXISTS_QUERY = "ASK { ?s ?p ?o }"

LABEL_PROPERTIES = (RDFS.label, SKOS.prefLabel, SCHEMA.name, DCTERMS.title)
IDENTIFIER_PROPERTIES = (SCHEMA.identifier, OSCE.iso3166Alpha2, OSCE.iso3166Alpha3, OSCE.acronym,
                         SKOS.altLabel, OSCE.formerName, DCTERMS.identifier, SCHEMA.url)
PROVENANCE_PROPERTIES = (DCTERMS.source, PROV.wasDerivedFrom, SKOS.editorialNote,
                         OSCE.likelyProperty)
DATE_TYPES = (XSD.date, XSD.gYear, XSD.gYearMonth, XSD.dateTime)

# Rank of a property group on the page: label, type, identifiers, links out, relations,
# dates, other literals, provenance.
_FIXED_RANK = {
    **{p: 0 for p in LABEL_PROPERTIES}, RDF.type: 1, **{p: 2 for p in IDENTIFIER_PROPERTIES},
    OWL.sameAs: 3, **{p: 7 for p in PROVENANCE_PROPERTIES},
}

# How an incoming link reads from the object's page; the default is "is <label> of".
INVERSE_PHRASES: dict[URIRef, str] = {
    RDF.type: "is the type of",
    ORG.subOrganizationOf: "has as sub-organisation",
    ORG.hasSite: "is the seat of",
    ORG.postIn: "has the post",
    ORG.heldBy: "held the post",
    SCHEMA.location: "is the location of",
    SCHEMA.containedInPlace: "contains",
    SCHEMA.mentions: "is mentioned in",
    SCHEMA.about: "is the subject of",
    SCHEMA.superEvent: "has the event",
    SCHEMA.creator: "is the author of",
    SCHEMA.nationality: "is the nationality of",
    SCHEMA.locationCreated: "is the place of issue of",
    SCHEMA.organizer: "organised",
    SCHEMA.citation: "is cited in",
    DCTERMS.publisher: "published",
    SKOS.inScheme: "contains the concept",
    SKOS.topConceptOf: "has the top concept",
    SKOS.broader: "has the narrower concept",
    OSCE.partnerGroup: "has the member",
    OSCE.holder: "held the tenure",
    OSCE.post: "has the tenure",
    OSCE.chairpersonInOffice: "was Chairperson-in-Office in",
    PROV.wasDerivedFrom: "is the source of",
    OWL.sameAs: "is the same as",
}


@dataclass(frozen=True)
class Value:
    """One object of a property (or subject of an incoming link), ready to show."""

    term: Identifier
    text: str                         # label or lexical form
    lang: str | None = None
    datatype: URIRef | None = None
    coordinates: tuple[float, float] | None = None

    @property
    def is_iri(self) -> bool:
        return isinstance(self.term, URIRef)


@dataclass
class PropertyGroup:
    prop: URIRef
    label: str
    values: list[Value] = field(default_factory=list)
    rank: int = 6


@dataclass
class IncomingGroup:
    prop: URIRef
    phrase: str
    total: int
    values: list[Value] = field(default_factory=list)


@dataclass
class EntityView:
    iri: URIRef
    label: str
    lang: str                         # the language the page was asked in
    label_lang: str | None            # the language of ``label`` (fallback shows here)
    labels: dict[str, str]            # every rdfs:label by language tag
    types: list[Value]
    groups: list[PropertyGroup]
    incoming: list[IncomingGroup]
    incoming_total: int
    offset: int
    limit: int
    same_as: list[URIRef]
    coordinates: list[tuple[float, float]]


@dataclass(frozen=True)
class ClassCount:
    cls: URIRef
    label: str
    count: int


@dataclass
class ClassPage:
    cls: URIRef
    label: str
    total: int
    offset: int
    limit: int
    members: list[Value]


def humanize(term: URIRef) -> str:
    """``schema:containedInPlace`` → ``contained in place`` (a label when the store has none)."""
    local = re.split(r"[#/]", str(term))[-1] or str(term)
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", local).replace("_", " ").lower()


_PREFIX_OF = {iri: prefix for prefix, iri in reversed(PREFIXES.items())}  # the first wins


def prefixed(term: URIRef) -> str:
    """``osce:ParticipatingState`` for a term in a known namespace, else the IRI."""
    text = str(term)
    # every namespace ends with `/` or `#`: the one ending at the last of them is the longest
    cut = max(text.rfind("/"), text.rfind("#")) + 1
    prefix = _PREFIX_OF.get(text[:cut])
    if prefix is not None:
        return f"{prefix}:{text[cut:]}"
    best = max((ns for ns in PREFIXES.values() if text.startswith(ns)), key=len, default=None)
    if best is None:
        return text
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{text[len(best):]}"


def inverse_phrase(prop: URIRef, label: str) -> str:
    return INVERSE_PHRASES.get(prop, f"is {label} of")


def _text(term: Identifier | None) -> str | None:
    return None if term is None else str(term)


def _value(term: Identifier, label: Identifier | None, en: Identifier | None,
           lat: Identifier | None = None, long: Identifier | None = None) -> Value:
    if isinstance(term, Literal):
        return Value(term, str(term), term.language, term.datatype)
    coordinates = None
    if lat is not None and long is not None:
        try:
            coordinates = (float(lat), float(long))
        except ValueError:
            coordinates = None
    if isinstance(term, BNode):
        text = f"{coordinates[0]}, {coordinates[1]}" if coordinates else "(blank node)"
        return Value(term, text, coordinates=coordinates)
    return Value(term, _text(label) or _text(en) or prefixed(term), coordinates=coordinates)


def _rank(prop: URIRef, first: Value) -> int:
    if prop in _FIXED_RANK:
        return _FIXED_RANK[prop]
    if first.is_iri or first.coordinates:
        return 4
    if first.datatype in DATE_TYPES:
        return 5
    return 6


def _pick_label(labels: dict[str, str], lang: str) -> tuple[str | None, str | None]:
    for wanted in (lang, DEFAULT_LANG):
        for tag, text in labels.items():
            if tag.split("-")[0] == wanted:
                return text, tag
    if labels:
        tag = sorted(labels)[0]
        return labels[tag], tag or None
    return None, None


def _outgoing(store: Store, iri: URIRef, lang: str) -> list[PropertyGroup]:
    groups: dict[URIRef, PropertyGroup] = {}
    seen: set[tuple[Identifier, Identifier]] = set()
    rows = store.select(OUTGOING_QUERY, {"s": iri, "lang": Literal(lang)})
    for row in rows:
        prop, obj = row["p"], row["o"]
        if (prop, obj) in seen:
            continue
        seen.add((prop, obj))
        value = _value(obj, row.get("olabel"), row.get("oen"), row.get("lat"), row.get("long"))
        group = groups.get(prop)
        if group is None:
            label = _text(row.get("plabel")) or humanize(prop)
            group = groups[prop] = PropertyGroup(prop, label)
        group.values.append(value)
    for group in groups.values():
        group.values.sort(key=lambda v: (v.lang or "", v.text.casefold()))
        if group.prop == RDFS.label:  # English first, then the other languages
            group.values.sort(key=lambda v: (v.lang != DEFAULT_LANG, v.lang or ""))
        group.rank = _rank(group.prop, group.values[0])
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
                label = _text(row.get("plabel")) or humanize(prop)
                group = groups[prop] = IncomingGroup(prop, inverse_phrase(prop, label),
                                                     totals.get(prop, 0))
            value = _value(row["x"], row.get("xlabel"), row.get("xen"))
            if not group.values or group.values[-1].term != value.term:
                group.values.append(value)
    for group in groups.values():
        group.values.sort(key=lambda v: v.text.casefold())
    return list(groups.values()), sum(totals.values())


# An entity linked from more than this many triples is a hub (a State, a field operation, a
# unit that published thousands of releases): ordering its links for one page costs ~15 ms
# at two million triples, so a page of them is kept in the caller's ``hubs`` (an LRU, one per build).
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


def describe(store: Store, iri: URIRef, lang: str = DEFAULT_LANG, *, limit: int = 50,
             offset: int = 0, hubs: Lru | None = None) -> EntityView:
    """The page of ``iri`` in ``lang`` (labels fall back to English); ``NotFound`` if unknown.
    With ``hubs``, the incoming links of a hub are read from and kept in it."""
    groups = _outgoing(store, iri, lang)
    if not groups:
        raise NotFound(f"no entity {iri}")
    by_prop = {g.prop: g for g in groups}

    def values(prop: URIRef) -> list[Value]:
        return by_prop[prop].values if prop in by_prop else []

    labels = {v.lang or "": v.text for v in values(RDFS.label)}
    label, label_lang = _pick_label(labels, lang)
    if label is None:
        other = next((by_prop[p] for p in LABEL_PROPERTIES if p in by_prop), None)
        label = other.values[0].text if other else prefixed(iri)
    incoming, incoming_total = _incoming_of(store, iri, lang, limit, offset, hubs)
    coordinates = [v.coordinates for g in groups for v in g.values if v.coordinates
                   and isinstance(v.term, BNode)]
    return EntityView(
        iri=iri, label=label, lang=lang, label_lang=label_lang, labels=labels,
        types=list(values(RDF.type)), groups=groups, incoming=incoming,
        incoming_total=incoming_total, offset=offset, limit=limit,
        same_as=[v.term for v in values(OWL.sameAs) if isinstance(v.term, URIRef)],
        coordinates=coordinates)


def exists(store: Store, iri: URIRef) -> bool:
    """Whether ``iri`` is the subject of any triple."""
    return store.ask(EXISTS_QUERY, {"s": iri})


def serialize_description(store: Store, iri: URIRef, fmt: Format) -> bytes:
    """:func:`description_graph` serialized in ``fmt`` by the store itself (``/data/``)."""
    if not exists(store, iri):
        raise NotFound(f"no entity {iri}")
    return store.serialize_construct(DESCRIPTION_QUERY, fmt, {"s": iri})


def description_graph(store: Store, iri: URIRef) -> Graph:
    """Outgoing triples of ``iri`` plus labels and types of what it links to (``/data/``)."""
    graph = bind_prefixes(store.construct(DESCRIPTION_QUERY, {"s": iri}))
    if (iri, None, None) not in graph:
        raise NotFound(f"no entity {iri}")
    return graph


def class_counts(store: Store) -> list[ClassCount]:
    """Every class with instances, most instances first."""
    return [ClassCount(row["class"], _text(row.get("label")) or prefixed(row["class"]),
                       int(row["n"]))
            for row in store.select(CLASS_COUNT_QUERY) if isinstance(row.get("class"), URIRef)]


def property_counts(store: Store) -> dict[URIRef, int]:
    """How many triples use each property."""
    return {row["p"]: int(row["n"]) for row in store.select(PROPERTY_COUNT_QUERY)}


def class_members(store: Store, cls: URIRef, lang: str = DEFAULT_LANG, *, limit: int = 50,
                  offset: int = 0, label: str | None = None) -> ClassPage:
    """One page of the instances of ``cls``, ordered by English label."""
    totals = store.select(CLASS_TOTAL_QUERY, {"class": cls})
    total = int(totals[0]["n"]) if totals else 0
    template = CLASS_PAGE_QUERY if total <= LABEL_ORDER_MAX else BIG_CLASS_PAGE_QUERY
    query = template % (int(limit), int(offset))
    rows = store.select(query, {"class": cls, "lang": Literal(lang)}) if total else []
    members = [_value(row["s"], row.get("label"), row.get("en")) for row in rows]
    return ClassPage(cls, label or prefixed(cls), total, offset, limit, members)
