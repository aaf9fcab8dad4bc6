"""Names → things of the graph: the lookup ingest links releases with.

Built once from the loaded graph (curated data, ontology, earlier releases). Every name a thing
carries counts: ``rdfs:label`` in every language, ``skos:prefLabel``/``skos:altLabel``,
``osce:acronym``, ``osce:formerName``, ``schema:name``; structures also answer without or with
their "OSCE " prefix. Matching ignores case, diacritics, hyphens ("co-operation") and a leading
"the"; the -ise/-ize spellings are the same word.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_right
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, RDF, RDFS, SKOS

from osce_kg.namespaces import OSCE, SCHEMA, entity_iri, slugify

STATE, PLACE, STRUCTURE, ORGANISATION, FIELD, TOPIC = (
    "state", "place", "structure", "organisation", "field", "topic")
SERIES, PERSON, CHAIRPERSONSHIP, PARTNER_GROUP, EVENT, POST = (
    "series", "person", "chairpersonship", "partner-group", "event", "post")

CATEGORY_CLASSES: dict[str, tuple[URIRef, ...]] = {
    STATE: (OSCE.ParticipatingState, OSCE.PartnerForCooperation, OSCE.FormerParticipatingState,
            SCHEMA.Country),
    PLACE: (SCHEMA.City, SCHEMA.Place, OSCE.Territory, SCHEMA.AdministrativeArea),
    STRUCTURE: (OSCE.Structure, OSCE.Institution, OSCE.SecretariatUnit, OSCE.DecisionMakingBody,
                OSCE.FieldOperation, ORG.OrganizationalUnit),
    ORGANISATION: (SCHEMA.Organization, ORG.FormalOrganization, ORG.Organization, SCHEMA.Project),
    SERIES: (SCHEMA.EventSeries,),
    PERSON: (SCHEMA.Person, FOAF.Person),
    CHAIRPERSONSHIP: (OSCE.Chairpersonship,),
    PARTNER_GROUP: (OSCE.PartnerGroup,),
    POST: (ORG.Post,),
    EVENT: (SCHEMA.Event, OSCE.Conference, OSCE.Meeting, OSCE.Workshop, OSCE.SummitMeeting,
            OSCE.MinisterialCouncilMeeting),
}
MIN_FUZZY_CHARS = 5  # names shorter than this are not matched by near spelling
FIELDS_SCHEME = entity_iri("scheme", "fields-of-work")
TOPICS_SCHEME = entity_iri("scheme", "topics")
NAME_PREDICATES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, OSCE.acronym, OSCE.formerName,
                   SCHEMA.name, FOAF.name, SCHEMA.alternateName)
PREFIX_RE = re.compile(r"^(?:csce/osce|osce/csce|osce|csce)\s+", re.IGNORECASE)
SUFFIX_RE = re.compile(r"\s*\((?:closed|former|until [^)]*|\d{4}[^)]*)\)\s*$", re.IGNORECASE)


def normalize(text: str) -> str:
    """The matching key of a name: ASCII, lowercase, no hyphens, no leading "the"."""
    text = text.replace("&", " and ").replace("’", "'").replace("'s ", " ")
    text = re.sub(r"(?<=\w)[-‐‑.](?=\w)", "", text)
    key = slugify(text)
    key = re.sub(r"^the-", "", key)
    return re.sub(r"is(e|ed|ing|ation|ations)\b", r"iz\1", key)


def name_variants(name: str) -> set[str]:
    name = SUFFIX_RE.sub("", name.strip())
    out = {name}
    bare = PREFIX_RE.sub("", name)
    out.add(bare)
    out.add("OSCE " + bare)
    return {v for v in out if v.strip()}


def nameable(paths: list[Path], schema: Graph) -> Graph:
    """What a :class:`Gazetteer` reads of the files ``paths`` (the releases written before): the
    triples of each thing with a category (by the classes of ``schema`` and their sub-classes)
    or in the fields' and topics' schemes, and of its blank nodes (a city's coordinates).

    pyoxigraph parses the files; only these triples become rdflib's (rdflib took a minute to
    parse 10,000 release files, this a few seconds)."""
    from osce_kg.build.sources import ntriples_from_files
    from osce_kg.rdf.terms import to_oxigraph, to_rdflib

    out = Graph(store="SimpleMemory")
    if not paths:
        return out
    store = ox.Store()
    store.bulk_load(ntriples_from_files(paths), format=ox.RdfFormat.N_TRIPLES, lenient=True)
    closure = _subclass_closure(schema)
    classes = {sub for group in CATEGORY_CLASSES.values() for cls in group
               for sub in closure.get(cls, {cls})}
    things = {q.subject for cls in sorted(classes)
              for q in store.quads_for_pattern(None, to_oxigraph(RDF.type), to_oxigraph(cls))}
    things |= {q.subject for scheme in (FIELDS_SCHEME, TOPICS_SCHEME) for q in
               store.quads_for_pattern(None, to_oxigraph(SKOS.inScheme), to_oxigraph(scheme))}
    todo = list(things)
    while todo:
        for quad in store.quads_for_pattern(todo.pop(), None, None):
            out.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
            if isinstance(quad.object, ox.BlankNode) and quad.object not in things:
                things.add(quad.object)
                todo.append(quad.object)
    return out


class Gazetteer:
    """Lookup of the graph's things by any of their names, within categories."""

    def __init__(self, curated: Graph, releases: Graph | None = None) -> None:
        self.graph = Graph(store="SimpleMemory")  # one graph: faster than "Memory"
        self.graph += curated
        if releases is not None:
            self.graph += releases
        self._curated = {s for s in curated.subjects() if isinstance(s, URIRef)}
        self._reindex()

    def add(self, graph: Graph) -> None:
        """Make the things of ``graph`` (a release just built) known to later lookups.

        Only the subjects of ``graph`` are indexed again (names and types are read from a
        thing's own triples, and a graph only grows, so the index only grows): the same index
        as a whole re-index, in time proportional to ``graph``, not to all releases so far.
        """
        if (None, RDFS.subClassOf, None) in graph:
            self.graph += graph
            self._reindex()  # new subclasses can put old things in new categories
            return
        self.version += 1
        triples = list(graph)
        things = {s for s, p, o in triples if self._categories.get(s) or (
            p == RDF.type and o in self._class_categories) or p == SKOS.inScheme}
        # only what lookups read: the triples of things with a category (and of their blank
        # nodes: a city's coordinates), not the release, its page and quotations
        blanks = {o for s, _, o in triples if s in things and isinstance(o, BNode)}
        self.graph.addN((s, p, o, self.graph) for s, p, o in triples
                        if s in things or s in blanks)
        self._index_things(things)

    def is_curated(self, thing: URIRef) -> bool:
        return thing in self._curated

    def _reindex(self) -> None:
        graph = self.graph
        self.version = getattr(self, "version", 0) + 1
        self._index: dict[str, dict[str, set[URIRef]]] = defaultdict(lambda: defaultdict(set))
        self._categories: dict[URIRef, set[str]] = defaultdict(set)
        self._labels: dict[URIRef, str] = {}
        self._members: dict[str, set[URIRef]] = defaultdict(set)
        self._sorted: dict[str, list[URIRef]] = {}
        self._chairs: tuple[list[URIRef], dict[str, URIRef]] | None = None  # (members, by year)
        self._touched: list[URIRef] = []  # things indexed, in order; the version of each:
        self._touched_versions: list[int] = []
        self._class_categories: dict[URIRef, set[str]] = defaultdict(set)
        subclasses = _subclass_closure(graph)
        for category, classes in CATEGORY_CLASSES.items():
            for cls in classes:
                for sub in subclasses.get(cls, {cls}):
                    self._class_categories[sub].add(category)
        things = {t for cls in self._class_categories for t in graph.subjects(RDF.type, cls)
                  if isinstance(t, URIRef)}
        things.update(graph.subjects(SKOS.inScheme, FIELDS_SCHEME))
        things.update(graph.subjects(SKOS.inScheme, TOPICS_SCHEME))
        self._index_things(things)

    def _index_things(self, things: set) -> None:
        """(Re-)index ``things`` from their triples: categories, English label, names."""
        graph = self.graph
        for thing in things:
            categories = {c for cls in graph.objects(thing, RDF.type)
                          for c in self._class_categories.get(cls, ())
                          } if isinstance(thing, URIRef) else set()
            if (thing, SKOS.inScheme, FIELDS_SCHEME) in graph:
                categories.add(FIELD)
            if (thing, SKOS.inScheme, TOPICS_SCHEME) in graph:
                categories.add(TOPIC)
            if not categories:
                continue
            self._touched.append(thing)
            self._touched_versions.append(self.version)
            for category in categories - self._categories[thing]:
                self._members[category].add(thing)
                self._sorted.pop(category, None)
            self._categories[thing] |= categories
            categories = self._categories[thing]
            self._labels[thing] = _english_label(graph, thing)
            for name in _names(graph, thing):
                for variant in name_variants(name) if categories & {STRUCTURE} else {name}:
                    key = normalize(variant)
                    if key:
                        for category in categories:
                            self._index[key][category].add(thing)

    def touched_since(self, version: int) -> list[URIRef]:
        """The things (re-)indexed after ``version``: what a cache built then must look at."""
        return list(dict.fromkeys(self._touched[bisect_right(self._touched_versions, version):]))

    def lookup(self, name: str, *categories: str) -> URIRef | None:
        """The thing of one of ``categories`` called ``name`` (first category wins), else None."""
        for variant in sorted(name_variants(name), key=len, reverse=True):
            found = self._index.get(normalize(variant))
            if not found:
                continue
            for category in categories:
                if found.get(category):
                    return sorted(found[category])[0]
        return None

    def closest(self, name: str, *categories: str, n: int = 3) -> list[str]:
        """English labels of the things whose names are closest to ``name`` (difflib)."""
        keys = [k for k, found in self._index.items() if any(found.get(c) for c in categories)]
        matches = difflib.get_close_matches(normalize(name), keys, n=n * 2, cutoff=0.5)
        labels: list[str] = []
        for key in matches:
            for category in categories:
                for thing in sorted(self._index[key].get(category, ())):
                    label = self._labels.get(thing) or str(thing)
                    if label not in labels:
                        labels.append(label)
        return labels[:n]

    def closest_thing(self, name: str, category: str, cutoff: float = 0.84) -> URIRef | None:
        """The one thing of ``category`` whose name is spelt nearly like ``name`` ("Tblisi" →
        Tbilisi, "Yeravan" → Yerevan); None when none is that close or several are."""
        key = normalize(name)
        if len(key) < MIN_FUZZY_CHARS:
            return None
        keys = [k for k, found in self._index.items() if found.get(category)]
        matches = difflib.get_close_matches(key, keys, n=2, cutoff=cutoff)
        things = {t for k in matches for t in self._index[k][category]}
        return next(iter(things)) if len(things) == 1 else None

    def by_source(self, source: URIRef) -> URIRef | None:
        """The place of the graph that cites ``source`` (a GeoNames page) as its dcterms:source."""
        for thing in sorted(self.graph.subjects(DCTERMS.source, source)):
            if self.is_a(thing, PLACE):
                return thing
        return None

    def label(self, thing: URIRef) -> str | None:
        return self._labels.get(thing) or _english_label(self.graph, thing)

    def things(self, category: str) -> list[URIRef]:
        if category not in self._sorted:  # kept until a thing joins the category
            self._sorted[category] = sorted(self._members.get(category, ()))
        return list(self._sorted[category])

    def is_a(self, thing: URIRef, category: str) -> bool:
        return category in self._categories.get(thing, ())

    def state_by_alpha2(self, code: str) -> URIRef | None:
        for thing in self.graph.subjects(OSCE.iso3166Alpha2, Literal(code)):
            return thing
        for thing in self.graph.subjects(SCHEMA.identifier, Literal(code)):
            if self.is_a(thing, STATE):
                return thing
        return None

    def chairpersonship(self, year: int) -> URIRef | None:
        members = self.things(CHAIRPERSONSHIP)
        if self._chairs is None or self._chairs[0] != members:
            by_year: dict[str, URIRef] = {}
            for thing in members:
                value = self.graph.value(thing, OSCE.year)
                if value is not None:
                    by_year.setdefault(str(value)[:4], thing)
            self._chairs = (members, by_year)
        return self._chairs[1].get(f"{year:04d}")


def _subclass_closure(graph: Graph) -> dict[URIRef, set[URIRef]]:
    closure: dict[URIRef, set[URIRef]] = {}
    for classes in CATEGORY_CLASSES.values():
        for cls in classes:
            seen, todo = {cls}, [cls]
            while todo:
                for sub in graph.subjects(RDFS.subClassOf, todo.pop()):
                    if isinstance(sub, URIRef) and sub not in seen:
                        seen.add(sub)
                        todo.append(sub)
            closure[cls] = seen
    return closure


def _names(graph: Graph, thing: URIRef) -> list[str]:
    return sorted({str(o) for p in NAME_PREDICATES for o in graph.objects(thing, p)
                   if isinstance(o, Literal)})


def _english_label(graph: Graph, thing: URIRef) -> str | None:
    labels = sorted(str(o) for o in graph.objects(thing, RDFS.label)
                    if isinstance(o, Literal) and (o.language or "").startswith("en"))
    if labels:
        return labels[0]
    others = sorted(str(o) for p in (RDFS.label, SKOS.prefLabel, SCHEMA.name)
                    for o in graph.objects(thing, p) if isinstance(o, Literal))
    return others[0] if others else None
