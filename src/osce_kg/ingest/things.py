"""Descriptions of the things ingest creates: cities, persons, topics, organisations.

Each release describes what it links to that ingest created, so its file stands on its own;
a city's coordinates (a blank node: at most one per city, by the shapes) are described once,
in the city's own file, written when a release first names it (:func:`describe_new_cities`).
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from osce_kg.ingest.linking import NewThing
from osce_kg.ingest.names import TOPICS_SCHEME, Gazetteer
from osce_kg.namespaces import OSCE, SCHEMA

TOPICS_LABEL = "Topics of OSCE releases"


def describe_created(g: Graph, things: Iterable[NewThing], gazetteer: Gazetteer) -> None:
    for thing in sorted(things, key=lambda t: str(t.iri)):
        label = Literal(thing.label, lang="en")
        if thing.kind == "city":
            _describe_city(g, thing)
            if "alt" in thing.extra:  # the spelling of this release's dateline
                g.add((thing.iri, SKOS.altLabel, Literal(thing.extra["alt"], lang="en")))
        elif thing.kind == "person":
            g.add((thing.iri, RDF.type, SCHEMA.Person))
            g.add((thing.iri, RDFS.label, label))
            g.add((thing.iri, SCHEMA.name, Literal(thing.label)))
        elif thing.kind == "topic":
            g.add((thing.iri, RDF.type, SKOS.Concept))
            g.add((thing.iri, RDFS.label, label))
            g.add((thing.iri, SKOS.prefLabel, label))
            g.add((thing.iri, SKOS.inScheme, TOPICS_SCHEME))
            if thing.parent is not None:
                g.add((thing.iri, SKOS.broader, thing.parent))
            if not gazetteer.is_curated(TOPICS_SCHEME):
                g.add((TOPICS_SCHEME, RDF.type, SKOS.ConceptScheme))
                g.add((TOPICS_SCHEME, RDFS.label, Literal(TOPICS_LABEL, lang="en")))
        elif thing.kind == "organisation":
            org = thing.extra["org"]
            g.add((thing.iri, RDF.type, SCHEMA.Organization))
            if org.kind == "initiative":
                g.add((thing.iri, RDF.type, SCHEMA.Project))
            g.add((thing.iri, RDFS.label, label))
            g.add((thing.iri, SCHEMA.name, Literal(org.label)))
            for acronym in org.acronyms:
                g.add((thing.iri, OSCE.acronym, Literal(acronym, lang="en")))
            for alias in org.aliases:
                g.add((thing.iri, SKOS.altLabel, Literal(alias, lang="en")))


def describe_new_cities(things: Iterable[NewThing]) -> dict[URIRef, Graph]:
    """The file of each city placed from GeoNames for the first time: what a release says of
    it, its GeoNames page (``dcterms:source``) and its coordinates."""
    out: dict[URIRef, Graph] = {}
    for thing in things:
        if thing.kind != "city" or "geo" not in thing.extra:
            continue
        g = Graph(store="SimpleMemory")
        _describe_city(g, thing)
        if "source" in thing.extra:
            g.add((thing.iri, DCTERMS.source, thing.extra["source"]))
        lat, lon = thing.extra["geo"]
        geo = BNode()
        g.add((thing.iri, SCHEMA.geo, geo))
        g.add((geo, RDF.type, SCHEMA.GeoCoordinates))
        g.add((geo, SCHEMA.latitude, Literal(f"{lat:.4f}", datatype=XSD.decimal)))
        g.add((geo, SCHEMA.longitude, Literal(f"{lon:.4f}", datatype=XSD.decimal)))
        out[thing.iri] = g
    return out


def _describe_city(g: Graph, thing: NewThing) -> None:
    """What every file that names a city says of it: a city, its names, its country."""
    g.add((thing.iri, RDF.type, SCHEMA.City))
    g.add((thing.iri, RDFS.label, Literal(thing.label, lang="en")))
    g.add((thing.iri, SCHEMA.name, Literal(thing.label)))
    if thing.parent is not None:
        g.add((thing.iri, SCHEMA.containedInPlace, thing.parent))
