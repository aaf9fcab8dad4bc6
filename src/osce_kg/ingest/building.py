"""One :class:`Entry` → the release's RDF graph, linked to the things of the graph.

The graph holds the release, its source page, its quotations, the event it reports on, and a
description of everything ingest created for it (persons, cities, topics, organisations), so each
release file stands on its own and the same page always gives the same triples.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from osce_kg.errors import IngestError
from osce_kg.ingest import tables
from osce_kg.ingest.dates import Dateline, parse_date, parse_dateline, to_date
from osce_kg.ingest.eventgraph import add_event
from osce_kg.ingest.events import find_event
from osce_kg.ingest.linking import CHAIR_RE, OSCE_ORG, Linker
from osce_kg.ingest.mentions import find_mentions
from osce_kg.ingest.model import Entry, Page
from osce_kg.ingest.names import Gazetteer
from osce_kg.ingest.quotes import extract_quotes
from osce_kg.ingest.things import describe_created, describe_new_cities
from osce_kg.namespaces import OSCE, SCHEMA, entity_iri, slugify

TITLE_SLUG_CHARS = 60
QUOTE_LABEL_CHARS = 60
BEHALF_RE = re.compile(r"\b(?:represent(?:ed|ing|s)?|on behalf of|speaking for|for)\s+(?:the\s+)?"
                       r"(?P<who>[A-Z][^,;.]*)")


@dataclass
class BuiltRelease:
    iri: URIRef
    slug: str
    title: str
    graph: Graph
    notes: list[str] = field(default_factory=list)
    item: int = 1  # position of its entry on the page
    places: dict[URIRef, Graph] = field(default_factory=dict)  # cities it created → their files

    def files(self) -> list[tuple[URIRef, Graph]]:
        """(IRI, graph) of each file the release gives: its own, then the cities it created."""
        return [(self.iri, self.graph), *sorted(self.places.items())]


def title_slug(title: str) -> str:
    """The title's slug cut at 60 characters on a word boundary (words of the title)."""
    out = ""
    for word in title.split():
        part = slugify(word)
        if not part:
            continue
        candidate = f"{out}-{part}" if out else part
        if len(candidate) > TITLE_SLUG_CHARS:
            break
        out = candidate
    return out or slugify(title)[:TITLE_SLUG_CHARS].strip("-")


def release_slug(published: dt.date, title: str) -> str:
    return f"{published.isoformat()}-{title_slug(title)}"


def find_dateline(paragraphs: list[str]) -> tuple[int, Dateline | None]:
    """The dateline opening the first paragraph, or the second one after a photo caption
    (only a dated dateline there): (its paragraph, the dateline)."""
    for at, paragraph in enumerate(paragraphs[:2]):
        dateline = parse_dateline(paragraph)
        if dateline is not None and (at == 0 or (dateline.date is not None and not dateline.weak)):
            return at, dateline
    return 0, None


def publication_dates(entry: Entry, dateline: Dateline | None,
                      source: str) -> tuple[dt.date, dt.date | None]:
    """(the date published, the dateline's date when it says another day).

    The Date field or a listing item's "Publishing date" is the date published; without it,
    the dateline's date. A dateline without a year takes the year of the date published; a
    dateline that disagrees with it is kept beside it (schema:dateCreated), never dropped."""
    stated = to_date(parse_date(entry.date))
    from_dateline = to_date(dateline.date if dateline else None, stated)
    published = stated or from_dateline
    if published is None:
        raise IngestError(f"no publication date for {entry.title!r} (no Date field, no dated "
                          "dateline)", source=source)
    return published, from_dateline if from_dateline not in (None, published) else None


def build_release(entry: Entry, gazetteer: Gazetteer, *, source: str, source_sha256: str,
                  url: str | None = None) -> BuiltRelease:
    """The release graph of one entry; raises :class:`IngestError` when it lacks title or date."""
    if not entry.title.strip():
        raise IngestError("no title", source=source)
    paragraphs = list(entry.paragraphs)
    at, dateline = find_dateline(paragraphs)
    published, dated = publication_dates(entry, dateline, source)
    slug = release_slug(published, entry.title)
    release = entity_iri("release", slug)
    linker = Linker(gazetteer)
    places = _places(entry, dateline, linker, published.year)
    if dateline is not None and dateline.weak and not places:
        dateline, dated = None, None  # capitals that name no known place: not a dateline
    g = Graph(store="SimpleMemory")  # no named graphs: adds and reads three times faster
    title = Literal(entry.title, lang="en")
    g.add((release, RDF.type, _release_class(entry.content_type, linker)))
    g.add((release, DCTERMS.title, title))
    g.add((release, RDFS.label, title))
    g.add((release, SCHEMA.datePublished, Literal(published.isoformat(), datatype=XSD.date)))
    if dated is not None:
        g.add((release, SCHEMA.dateCreated, Literal(dated.isoformat(), datatype=XSD.date)))
        linker.notes.append(f"dateline dated {dated.isoformat()}, published "
                            f"{published.isoformat()}: both kept")
    if dateline is not None:
        g.add((release, SCHEMA.dateline, Literal(dateline.text)))
        paragraphs[at] = dateline.rest
    if entry.paragraphs:
        g.add((release, SCHEMA.articleBody, Literal("\n\n".join(entry.paragraphs), lang="en")))
    for place in places:
        g.add((release, SCHEMA.locationCreated, place))
    _add_publishers(g, release, entry, linker, published.year)
    for name in entry.locations:
        state = linker.state(name)
        if state is not None:
            g.add((release, SCHEMA.mentions, state))
    fields = _add_fields(g, release, entry, linker)
    page = _add_page(g, release, slug, entry.title, source_sha256, url)
    g.add((release, PROV.wasDerivedFrom, page))
    speakers = _add_quotes(g, release, slug, paragraphs, linker, published.year)
    written = dated or published  # "today" in the text is the dateline's day
    event = find_event(paragraphs, written)
    if event is not None:
        add_event(g, release, event, places, fields, page, linker, written)
    for thing in sorted(find_mentions("\n".join(paragraphs), linker) | speakers):
        if thing != OSCE_ORG:
            g.add((release, SCHEMA.mentions, thing))
    describe_created(g, linker.created.values(), gazetteer)
    return BuiltRelease(release, slug, entry.title, g, linker.notes,
                        places=describe_new_cities(linker.created.values()))


def _places(entry: Entry, dateline: Dateline | None, linker: Linker, year: int) -> list[URIRef]:
    """The places the release was issued in: its Place field, else its dateline's places (a
    bilingual "PRISHTINË/PRIŠTINA" is one place), each placed in the graph or left out."""
    names = entry.places or (dateline.places if dateline else ())
    country = _country_hint(entry, dateline, linker, year)
    places: list[URIRef] = []
    for name in names:
        place = linker.place(name, country=country)
        if place is not None and place not in places:
            places.append(place)
    return places


def _country_hint(entry: Entry, dateline: Dateline | None, linker: Linker,
                  year: int) -> URIRef | None:
    """The country an unknown place is in: the dateline's ("OSH, Kyrgyzstan"), else the one
    host country of the field operations the item is filed under."""
    if dateline is not None and dateline.country:
        state = linker.state(dateline.country)
        if state is not None:
            return state
    hosts = {host for name in entry.sources
             if (found := linker.structure(name, year)) is not None
             for host in linker.gazetteer.graph.objects(found, OSCE.hostCountry)}
    return next(iter(hosts)) if len(hosts) == 1 else None


@dataclass
class ItemProblem:
    """One item of a page left out, and why (the rest of the page goes in)."""

    item: int  # 1-based position of the item on the page
    title: str
    reason: str

    def __str__(self) -> str:
        title = self.title if len(self.title) <= 70 else self.title[:69] + "…"
        return f"item {self.item} {title!r}: {self.reason}" if title else \
            f"item {self.item}: {self.reason}"


def build_releases(page: Page, gazetteer: Gazetteer, *, source: str, source_sha256: str,
                   ) -> tuple[list[BuiltRelease], list[ItemProblem]]:
    """Each entry of ``page`` on its own: the releases built, and the items left out with why.

    Each release built is added to ``gazetteer`` (so later items reuse what it created)."""
    releases: list[BuiltRelease] = []
    problems: list[ItemProblem] = []
    for n, entry in enumerate(page.entries, start=1):
        if entry.problem is not None:
            problems.append(ItemProblem(n, entry.title, entry.problem))
            continue
        try:
            release = build_release(entry, gazetteer, source=source, source_sha256=source_sha256,
                                    url=page.url)
        except IngestError as exc:
            problems.append(ItemProblem(n, entry.title, exc.reason))
            continue
        release.item = n
        releases.append(release)
        for _, graph in release.files():
            gazetteer.add(graph)
    return releases, problems


def _release_class(content_type: str | None, linker: Linker) -> URIRef:
    if content_type is None:
        return OSCE.Release
    name = tables.CONTENT_TYPES.get(content_type.strip().casefold())
    if name is None:
        linker.notes.append(f"unknown content type {content_type!r} (typed osce:Release)")
        return OSCE.Release
    return OSCE[name]


def _add_publishers(g: Graph, release: URIRef, entry: Entry, linker: Linker, year: int) -> None:
    """Source / "Where we are": structures, field operations (by any name they have had), the
    Chairpersonship of the year and the Troika publish; the Secretary General's post, a partner
    group or a State are what the release is filed under (schema:mentions)."""
    for name in entry.sources:
        found = linker.structure(name, year)
        if found is not None:
            g.add((release, DCTERMS.publisher, found))
            continue
        bare = re.sub(r"\s*\(closed\)$", "", name, flags=re.IGNORECASE)
        found = linker.post(bare) or linker.partner_group(bare) or linker.state(bare)
        if found is not None:
            g.add((release, SCHEMA.mentions, found))
            continue
        if not CHAIR_RE.search(name):
            linker.unknown("structure", name, "structure", "organisation")


def _add_fields(g: Graph, release: URIRef, entry: Entry, linker: Linker) -> list[URIRef]:
    fields: list[URIRef] = []
    for name in entry.fields:
        field_iri, topic = linker.field_of_work(name)
        for concept in (field_iri, topic):
            if concept is not None:
                g.add((release, OSCE.fieldOfWork, concept))
        if field_iri is not None and field_iri not in fields:
            fields.append(field_iri)
    return fields


def _add_page(g: Graph, release: URIRef, slug: str, title: str, sha256: str,
              url: str | None) -> URIRef:
    page = entity_iri("page", slug)
    g.add((page, RDF.type, SCHEMA.WebPage))
    g.add((page, RDFS.label, Literal(f"Source page of “{title}”", lang="en")))
    g.add((page, DCTERMS.identifier, Literal(f"sha256:{sha256}")))
    if url:
        g.add((page, SCHEMA.url, Literal(url, datatype=XSD.anyURI)))
    return page


def _add_quotes(g: Graph, release: URIRef, slug: str, paragraphs: list[str], linker: Linker,
                year: int) -> set[URIRef]:
    quotes, speakers = extract_quotes(paragraphs)
    people = [linker.person(s.name) for s in speakers]
    for speaker, person in zip(speakers, people, strict=True):
        for role in speaker.roles:
            g.add((person, SCHEMA.jobTitle, Literal(role, lang="en")))
            for state in _nationalities(role, linker):
                g.add((person, SCHEMA.nationality, state))
    for n, quote in enumerate(quotes, start=1):
        iri = entity_iri("quotation", f"{slug}-{n}")
        speaker = speakers[quote.speaker]
        short = quote.text if len(quote.text) <= QUOTE_LABEL_CHARS else \
            quote.text[:QUOTE_LABEL_CHARS].rsplit(" ", 1)[0] + " …"
        g.add((release, SCHEMA.citation, iri))
        g.add((iri, RDF.type, SCHEMA.Quotation))
        g.add((iri, RDFS.label, Literal(f"{speaker.name}: “{short}”", lang="en")))
        g.add((iri, SCHEMA.text, Literal(quote.text, lang="en")))
        g.add((iri, SCHEMA.creator, people[quote.speaker]))
        g.add((iri, SCHEMA.isPartOf, release))
        if quote.role:
            g.add((iri, OSCE.speakerRole, Literal(quote.role, lang="en")))
        for clause in ([quote.clause] if quote.clause else []) + speaker.clauses:
            behalf = _on_behalf(clause, linker, year)
            if behalf is not None:
                g.add((iri, OSCE.onBehalfOf, behalf))
    return set(people)


def _on_behalf(clause: str, linker: Linker, year: int) -> URIRef | None:
    match = BEHALF_RE.search(clause)
    if not match:
        return None
    who = re.sub(r"\s+(?:at|in|during|to)\s+.*$", "", match.group("who")).strip()
    return linker.structure(who, year) or linker.organisation(who) or linker.state(who)


def _nationalities(role: str, linker: Linker) -> set[URIRef]:
    found: set[URIRef] = set()
    for word in re.findall(r"[A-Z][\w.’'-]*", role):
        code = tables.demonyms().get(word)
        if code:
            state = linker.gazetteer.state_by_alpha2(code)
            if state is not None:
                found.add(state)
    for match in re.finditer(r"\bof (?:the )?([A-Z][\w-]*(?: (?:and |of )?[A-Z][\w-]*)*)", role):
        state = linker.state(match.group(1))
        if state is not None:
            found.add(state)
    return found
