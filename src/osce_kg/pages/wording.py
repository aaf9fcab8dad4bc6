"""How a page reads: its sections in order, which property goes where, and how a link reads
from the other end ("organiser of", "part of").

Strings here are English message ids marked with :func:`N_` for the catalogs; the page
translates them where it shows them (``web/i18n.py``), so this module needs no web code.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS

from osce_kg.namespaces import OSCE, SCHEMA


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    """Marks ``message`` for the catalogs; the page translates it when it shows it."""
    return message


# (key, heading) in the order a reader meets them
SECTIONS: tuple[tuple[str, str], ...] = (
    ("what", N_("What it is")),
    ("when", N_("When")),
    ("where", N_("Where")),
    ("who", N_("Who")),
    ("related", N_("Related")),
    ("sources", N_("Sources")),
)

# Properties of each section, in the order shown inside it.
SECTION_PROPERTIES: dict[str, tuple[URIRef, ...]] = {
    "what": (RDF.type, OSCE.acronym, SKOS.altLabel, SCHEMA.alternateName, OSCE.formerName,
             OSCE.iso3166Alpha2, OSCE.iso3166Alpha3, SCHEMA.identifier, SCHEMA.jobTitle,
             OSCE.partnerGroup, OSCE.post, OSCE.ordinal, SKOS.definition, DCTERMS.description,
             SKOS.inScheme, SKOS.topConceptOf, SKOS.broader, SKOS.narrower, SKOS.hasTopConcept,
             SKOS.notation),
    "when": (OSCE.year, SCHEMA.foundingDate, SCHEMA.dissolutionDate, OSCE.participatingSince,
             OSCE.partnerSince, SCHEMA.startDate, SCHEMA.endDate, SCHEMA.datePublished,
             SCHEMA.dateline, DCTERMS.created, DCTERMS.modified),
    "where": (OSCE.hostCountry, ORG.hasSite, SCHEMA.location, SCHEMA.locationCreated,
              SCHEMA.containedInPlace, SCHEMA.areaServed, SCHEMA.nationality, SCHEMA.geo),
    "who": (OSCE.chairingState, OSCE.chairpersonInOffice, OSCE.holder, ORG.heldBy, ORG.postIn,
            SCHEMA.organizer, DCTERMS.publisher, SCHEMA.creator, OSCE.speakerRole,
            OSCE.onBehalfOf, OSCE.participantCount),
    "related": (ORG.subOrganizationOf, ORG.hasSubOrganization, OSCE.predecessor,
                OSCE.successor, DCTERMS.replaces, DCTERMS.isReplacedBy, SCHEMA.superEvent,
                SCHEMA.subEvent, SCHEMA.isPartOf, SCHEMA.about, OSCE.fieldOfWork,
                SCHEMA.mentions, SCHEMA.citation, OSCE.mainDocument, DCTERMS.subject,
                OWL.sameAs, SCHEMA.sameAs, FOAF.page),
    "sources": (DCTERMS.source, PROV.wasDerivedFrom, SCHEMA.url),
}
SECTION_OF: dict[URIRef, str] = {p: key for key, props in SECTION_PROPERTIES.items()
                                 for p in props}
POSITION: dict[URIRef, int] = {p: i for props in SECTION_PROPERTIES.values()
                               for i, p in enumerate(props)}

# Shown otherwise than as a row (the heading, the body, the notes) or only in the data view.
NOT_A_ROW = frozenset({RDFS.label, SKOS.prefLabel, SCHEMA.name, DCTERMS.title,
                       SKOS.editorialNote, OSCE.likelyProperty, SCHEMA.articleBody, SCHEMA.text,
                       DCTERMS.identifier, RDFS.comment, RDF.type, OWL.sameAs})

# Labels of the RDF language's own terms (they are not in the ontology).
BUILT_IN_LABELS: dict[URIRef, str] = {
    RDF.type: N_("type"),
    RDFS.label: N_("name"),
    RDFS.comment: N_("comment"),
    OWL.sameAs: N_("same as"),
}

# How an incoming link reads on the page of its object: "<this page's thing> is … <the other>".
INVERSE_PHRASES: dict[URIRef, str] = {
    RDF.type: N_("type of"),
    ORG.subOrganizationOf: N_("has the unit"),
    ORG.hasSite: N_("seat of"),
    ORG.postIn: N_("has the post"),
    ORG.heldBy: N_("held"),
    SCHEMA.location: N_("place of"),
    SCHEMA.containedInPlace: N_("contains"),
    SCHEMA.mentions: N_("mentioned in"),
    SCHEMA.about: N_("subject of"),
    SCHEMA.superEvent: N_("series of"),
    SCHEMA.isPartOf: N_("includes"),
    SCHEMA.creator: N_("speaker in"),
    SCHEMA.nationality: N_("nationality of"),
    SCHEMA.locationCreated: N_("place of issue of"),
    SCHEMA.organizer: N_("organiser of"),
    SCHEMA.citation: N_("quoted in"),
    DCTERMS.publisher: N_("publisher of"),
    DCTERMS.source: N_("source of"),
    SKOS.inScheme: N_("scheme of"),
    SKOS.topConceptOf: N_("has the top concept"),
    SKOS.hasTopConcept: N_("top concept of"),
    SKOS.narrower: N_("narrower concept of"),
    ORG.hasSubOrganization: N_("part of"),
    ORG.hasPost: N_("post in"),
    ORG.holds: N_("held by"),
    SCHEMA.subEvent: N_("part of"),
    SKOS.broader: N_("has the narrower concept"),
    OSCE.partnerGroup: N_("has the member"),
    OSCE.hostCountry: N_("host country of"),
    OSCE.holder: N_("holder in"),
    OSCE.post: N_("holders"),
    OSCE.chairingState: N_("chairing State in"),
    OSCE.chairpersonInOffice: N_("Chairperson-in-Office in"),
    OSCE.fieldOfWork: N_("field of work of"),
    OSCE.onBehalfOf: N_("represented in"),
    OSCE.predecessor: N_("predecessor of"),
    OSCE.successor: N_("successor of"),
    PROV.wasDerivedFrom: N_("source of"),
    OWL.sameAs: N_("same as"),
}
INVERSE_FALLBACK = N_("is “%(label)s” of")
