"""Namespaces, the closed ``osce:`` term list, and IRI helpers.

Every ``osce:`` term the code uses is an attribute of :class:`OSCE`; a misspelt term raises
``AttributeError``. ``tests/test_ontology.py`` checks this list against ``ontology/osce.ttl``
in both directions, so the ontology stays the single place where terms are defined.
"""

from __future__ import annotations

import re
import unicodedata

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import (
    DCAT,
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SH,
    SKOS,
    VOID,
    XSD,
    DefinedNamespace,
)

BASE = "https://w3id.org/osce/"
ID_BASE = BASE + "id/"
ONTOLOGY_IRI = URIRef(BASE + "ontology")
SHAPES_IRI = URIRef(BASE + "shapes")
DATASET_IRI = URIRef(BASE + "dataset")

SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
ID = Namespace(ID_BASE)
SHAPES = Namespace(BASE + "shapes#")


class OSCE(DefinedNamespace):
    """The osce: ontology terms (``https://w3id.org/osce/ontology#``)."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    # --- classes: countries and groups
    ParticipatingState: URIRef
    FormerParticipatingState: URIRef
    PartnerForCooperation: URIRef
    PartnerGroup: URIRef
    Territory: URIRef
    # --- classes: structures
    Structure: URIRef
    Institution: URIRef
    SecretariatUnit: URIRef
    DecisionMakingBody: URIRef
    FieldOperation: URIRef
    Chairpersonship: URIRef
    Tenure: URIRef
    # --- classes: releases (by content type)
    Release: URIRef
    PressRelease: URIRef
    NewsItem: URIRef
    Statement: URIRef
    News: URIRef
    DailyReport: URIRef
    SpotReport: URIRef
    WeeklyReport: URIRef
    PressStatement: URIRef
    FeatureStory: URIRef
    # --- classes: events
    Conference: URIRef
    Meeting: URIRef
    Workshop: URIRef
    SummitMeeting: URIRef
    MinisterialCouncilMeeting: URIRef

    # --- properties: countries
    participatingSince: URIRef
    partnerGroup: URIRef
    partnerSince: URIRef
    iso3166Alpha2: URIRef
    iso3166Alpha3: URIRef
    # --- properties: structures, field operations, chairpersonships, posts
    hostCountry: URIRef
    formerName: URIRef
    acronym: URIRef
    predecessor: URIRef
    successor: URIRef
    chairingState: URIRef
    year: URIRef
    chairpersonInOffice: URIRef
    holder: URIRef
    post: URIRef
    ordinal: URIRef
    mainDocument: URIRef
    # --- properties: releases, events, quotations
    fieldOfWork: URIRef
    speakerRole: URIRef
    onBehalfOf: URIRef
    participantCount: URIRef
    # --- properties: provenance of curated facts
    likelyProperty: URIRef


PREFIXES: dict[str, str] = {
    "osce": str(OSCE._NS),
    "id": ID_BASE,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "prov": str(PROV),
    "void": str(VOID),
    "dcat": str(DCAT),
    "sh": str(SH),
    "org": str(ORG),
    "schema": str(SCHEMA),
    "wd": str(WD),
    "sd": str(SD),
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes on ``graph`` (replacing rdflib's defaults) and return it."""
    for prefix, uri in PREFIXES.items():
        graph.bind(prefix, uri, override=True, replace=True)
    return graph


def sparql_prologue() -> str:
    """The PREFIX lines for every prefix the project binds (for queries and the editor)."""
    return "\n".join(f"PREFIX {p}: <{u}>" for p, u in PREFIXES.items()) + "\n"


_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


# Latin letters that NFKD does not decompose into an ASCII base letter.
_UNDECOMPOSED = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE",
                               "œ": "oe", "Œ": "OE", "ß": "ss", "đ": "d", "Đ": "D", "ı": "i",
                               "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH"})


def slugify(text: str) -> str:
    """Lowercase ASCII words joined by ``-``: ``"Türkiye"`` → ``turkiye``, ``"Łódź"`` → ``lodz``."""
    text = text.translate(_UNDECOMPOSED)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def is_slug(text: str) -> bool:
    return bool(_SLUG_RE.match(text))


def entity_iri(kind: str, slug: str) -> URIRef:
    """The IRI of a thing: ``https://w3id.org/osce/id/{kind}/{slug}``."""
    return URIRef(f"{ID_BASE}{kind}/{slug}")


def split_entity_iri(iri: str) -> tuple[str, str] | None:
    """``(kind, slug)`` for an IRI under ``id/``, else ``None``."""
    if not iri.startswith(ID_BASE):
        return None
    kind, _, slug = iri[len(ID_BASE):].partition("/")
    if not kind or not slug:
        return None
    return kind, slug
