"""The curation in progress: one graph per data file and the names resolved so far."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, RDFS, SKOS

from osce_kg.curate.reference import (
    WHOLE_ROW,
    Confidence,
    ReferenceTableError,
    Sources,
    note_text,
    read_table,
)
from osce_kg.namespaces import OSCE, SCHEMA, entity_iri, slugify

# The data files, one per kind of thing (data/{name}.ttl).
DATA_FILES: tuple[str, ...] = (
    "organisation", "states", "partners", "structures", "field-operations", "chairpersonships",
    "people", "fields-of-work", "series", "events", "places", "posts",
)


Doubt = tuple[str, Confidence, Mapping[str, Sequence[URIRef]]]


def en(text: str) -> Literal:
    return Literal(text, lang="en")


class Curation:
    """Graphs per data file, plus lookups of countries, cities and people by name."""

    def __init__(self, reference_dir: Path) -> None:
        self.reference_dir = reference_dir
        self.graphs: dict[str, Graph] = {name: Graph() for name in DATA_FILES}
        self._countries: dict[str, URIRef] = {}
        self.alpha2: dict[str, URIRef] = {}
        self.cities: dict[str, URIRef] = {}
        self._people: dict[URIRef, str] = {}

    def table(self, name: str) -> list[dict[str, str]]:
        return read_table(self.reference_dir, name)

    # --- describing things --------------------------------------------------------------------

    def describe(self, file: str, subject: URIRef, types: Iterable[URIRef], label: str) -> Graph:
        """Add the types and the English label of ``subject`` to ``file``'s graph; return it."""
        graph = self.graphs[file]
        for rdf_type in types:
            graph.add((subject, RDF.type, rdf_type))
        graph.add((subject, RDFS.label, en(label)))
        return graph

    def alt_labels(self, file: str, subject: URIRef, label: str, names: Iterable[str]) -> None:
        """Other names as ``skos:altLabel`` (those equal to the label or empty skipped)."""
        for name in names:
            if name and name != label:
                self.graphs[file].add((subject, SKOS.altLabel, en(name)))

    def annotate(self, file: str, subject: URIRef, *, sources: Sources,
                 doubts: Sequence[Doubt] = (), notes: Sequence[str | None] = ()) -> None:
        """Sources, doubtful facts (``osce:likelyProperty``) and one editorial note.

        Each doubt is ``(what, confidence, parts)``: the confidence cell of the facts ``what``
        names, and the properties each part of it ("country", "CiO", or WHOLE_ROW) stands for.
        """
        graph = self.graphs[file]
        for url in sources.urls:
            graph.add((subject, DCTERMS.source, url))
        doubt_notes = []
        for what, confidence, parts in doubts:
            if confidence.verified:
                continue
            doubt_notes.append(f"Reference confidence{f' ({what})' if what else ''}: "
                               f"{confidence.text}")
            for prop in self._doubtful_properties(subject, confidence, parts):
                graph.add((subject, OSCE.likelyProperty, prop))
        source_note = f"Sources: {sources.text}" if sources.text else None
        text = note_text(*notes, source_note, *doubt_notes)
        if text:
            graph.add((subject, SKOS.editorialNote, en(text)))

    @staticmethod
    def _doubtful_properties(subject: URIRef, confidence: Confidence,
                             parts: Mapping[str, Sequence[URIRef]]) -> list[URIRef]:
        props: list[URIRef] = []
        for part in confidence.doubtful:
            if part not in parts:
                what = "the whole row" if part == WHOLE_ROW else repr(part)
                raise ReferenceTableError(
                    f"{subject}: no property known for {what} in confidence {confidence.text!r}")
            props.extend(parts[part])
        return props

    # --- names ----------------------------------------------------------------------------------

    def add_country_name(self, name: str, iri: URIRef) -> None:
        known = self._countries.setdefault(name.casefold(), iri)
        if known != iri:
            raise ReferenceTableError(f"the name {name!r} means both {known} and {iri}")

    def country(self, name: str) -> URIRef:
        """A State (participating, partner or former) or territory by any of its English names."""
        try:
            return self._countries[name.strip().casefold()]
        except KeyError:
            raise ReferenceTableError(f"unknown country or territory {name!r}") from None

    def city(self, name: str) -> URIRef:
        """The IRI of a city the reference names (described later by ``places``)."""
        iri = entity_iri("place", slugify(name))
        self.cities[name] = iri
        return iri

    def person(self, name: str, nationality: URIRef | None = None) -> URIRef:
        """One ``schema:Person`` per name, in ``people``."""
        iri = entity_iri("person", slugify(name))
        known = self._people.setdefault(iri, name)
        if known != name:
            raise ReferenceTableError(f"two people share the slug of {iri}: {known!r}, {name!r}")
        graph = self.describe("people", iri, [SCHEMA.Person], name)
        graph.add((iri, SCHEMA.name, Literal(name)))
        if nationality is not None:
            graph.add((iri, SCHEMA.nationality, nationality))
        return iri

    def seat(self, file: str, subject: URIRef, city_name: str) -> None:
        """``org:hasSite`` and ``schema:location`` → the city."""
        city = self.city(city_name)
        self.graphs[file].add((subject, ORG.hasSite, city))
        self.graphs[file].add((subject, SCHEMA.location, city))
