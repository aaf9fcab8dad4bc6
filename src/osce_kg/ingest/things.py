"""Descriptions of the things ingest creates: cities, persons, topics, organisations."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from osce_kg.ingest.linking import NewThing
from osce_kg.ingest.names import TOPICS_SCHEME, Gazetteer
from osce_kg.namespaces import OSCE, SCHEMA

TOPICS_LABEL = "Topics of OSCE releases"


def describe_created(g: Graph, things: Iterable[NewThing], gazetteer: Gazetteer) -> None:
    for thing in sorted(things, key=lambda t: str(t.iri)):
        label = Literal(thing.label, lang="en")
        if thing.kind == "city":
            g.add((thing.iri, RDF.type, SCHEMA.City))
            g.add((thing.iri, RDFS.label, label))
            g.add((thing.iri, SCHEMA.name, Literal(thing.label)))
            if "alt" in thing.extra:
                g.add((thing.iri, SKOS.altLabel, Literal(thing.extra["alt"], lang="en")))
            if thing.parent is not None:
                g.add((thing.iri, SCHEMA.containedInPlace, thing.parent))
            if "geo" in thing.extra:
                lat, lon = thing.extra["geo"]
                geo = BNode("geo" + hashlib.sha1(str(thing.iri).encode()).hexdigest()[:16])
                g.add((thing.iri, SCHEMA.geo, geo))
                g.add((geo, RDF.type, SCHEMA.GeoCoordinates))
                g.add((geo, SCHEMA.latitude, Literal(f"{lat:.4f}", datatype=XSD.decimal)))
                g.add((geo, SCHEMA.longitude, Literal(f"{lon:.4f}", datatype=XSD.decimal)))
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
