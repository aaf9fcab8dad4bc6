"""What an entity page is made of: the kinds of things, the values and groups a page shows,
and how a term is named for readers (its label, a prefixed name, the inverse wording)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS
from rdflib.term import Identifier

from osce_kg.namespaces import OSCE, PREFIXES, SCHEMA
from osce_kg.pages import dates
from osce_kg.pages.sources import SourceGroup
from osce_kg.pages.wording import (
    INVERSE_FALLBACK,
    INVERSE_PHRASES,
)

DEFAULT_LANG = "en"


LABEL_PROPERTIES = (RDFS.label, SKOS.prefLabel, SCHEMA.name, DCTERMS.title)
DATE_TYPES = dates.DATE_TYPES

RELEASE_TYPES = frozenset({OSCE.Release, OSCE.PressRelease, OSCE.NewsItem, OSCE.Statement,
                           OSCE.News, OSCE.DailyReport, OSCE.SpotReport, OSCE.WeeklyReport,
                           OSCE.PressStatement, OSCE.FeatureStory, SCHEMA.NewsArticle})
EVENT_TYPES = frozenset({SCHEMA.Event, OSCE.SummitMeeting, OSCE.MinisterialCouncilMeeting,
                         OSCE.Conference, OSCE.Meeting, OSCE.Workshop})
STRUCTURE_TYPES = frozenset({OSCE.Structure, OSCE.Institution, OSCE.SecretariatUnit,
                             OSCE.DecisionMakingBody})
STATE_TYPES = frozenset({OSCE.ParticipatingState, OSCE.FormerParticipatingState})

@dataclass(frozen=True)
class Value:
    """One object of a property (or subject of an incoming link), ready to show."""

    term: Identifier
    text: str                         # label or lexical form
    lang: str | None = None           # a literal's language tag
    datatype: URIRef | None = None
    coordinates: tuple[float, float] | None = None
    label_lang: str | None = None     # the language of an IRI's label (``text``)
    display: str | None = None        # how a reader writes it (a date in the page language)
    url: str | None = None            # a linked web page's address (schema:url)

    @property
    def is_iri(self) -> bool:
        return isinstance(self.term, URIRef)

    @property
    def shown(self) -> str:
        return self.display or self.text


@dataclass
class PropertyGroup:
    prop: URIRef
    label: str                        # in the page language, else English
    values: list[Value] = field(default_factory=list)
    rank: int = 6
    section: str = "what"
    label_lang: str | None = None
    likely: bool = False              # the curation marked this fact as likely, not verified


@dataclass
class IncomingGroup:
    prop: URIRef
    phrase: str                       # message id (wording.INVERSE_PHRASES), translated on the page
    total: int
    values: list[Value] = field(default_factory=list)
    label: str = ""                   # the property's label, for phrases that name it


@dataclass
class Section:
    key: str
    title: str                        # message id
    groups: list[PropertyGroup]


@dataclass
class Quotation:
    text: str
    lang: str | None
    speaker: Value | None
    role: str | None
    on_behalf_of: Value | None


@dataclass
class Release:
    """What a release page shows besides its properties."""

    paragraphs: list[str]
    body_lang: str | None
    dateline: str | None
    quotations: list[Quotation]
    original: str | None              # the page on the publisher's site


@dataclass
class Summary:
    """The facts the one-line summary at the top is written from (worded by the page)."""

    kind: str                         # field-operation, state, partner, chairpersonship, …
    facts: dict[str, Value] = field(default_factory=dict)
    active: bool | None = None


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
    sections: list[Section] = field(default_factory=list)
    summary: Summary | None = None
    notes: list[str] = field(default_factory=list)
    sources: list[SourceGroup] = field(default_factory=list)
    release: Release | None = None


@dataclass(frozen=True)
class ClassCount:
    cls: URIRef
    label: str
    count: int


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


def inverse_phrase(prop: URIRef) -> str:
    """The message id of how a link by ``prop`` reads on its object's page."""
    return INVERSE_PHRASES.get(prop, INVERSE_FALLBACK)


def pick_label(labels: dict[str, str], lang: str) -> tuple[str | None, str | None]:
    """The label in ``lang``, else English, else the first by tag; with its tag (all None
    when there is none). ``labels`` maps a language tag to a text."""
    for wanted in (lang, DEFAULT_LANG):
        for tag, text in labels.items():
            if tag.split("-")[0] == wanted:
                return text, tag
    if labels:
        tag = sorted(labels)[0]
        return labels[tag], tag or None
    return None, None
