"""Documentation models of the ontology and the shapes, read from their Turtle files."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS
from rdflib.term import Identifier

from osce_kg.pages.entity import prefixed

CLASS_TYPES = (OWL.Class, RDFS.Class)
PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                  RDF.Property)


@dataclass
class Term:
    iri: URIRef
    anchor: str                       # the local name: the page's #fragment
    label: str
    comment: str
    kind: str                         # "class" | "property"
    types: list[URIRef] = field(default_factory=list)
    supers: list[URIRef] = field(default_factory=list)
    domains: list[URIRef] = field(default_factory=list)
    ranges: list[URIRef] = field(default_factory=list)
    count: int = 0


@dataclass
class Constraint:
    path: str
    facets: list[tuple[str, str]]     # (facet, value): minCount 1, datatype xsd:date …
    message: str


@dataclass
class Shape:
    iri: Identifier
    anchor: str
    label: str
    targets: list[URIRef]
    message: str
    constraints: list[Constraint]


@dataclass
class OntologyDoc:
    iri: URIRef | None
    title: str
    description: str
    metadata: list[tuple[str, str]]
    classes: list[Term]
    properties: list[Term]


def anchor_of(iri: Identifier) -> str:
    text = str(iri)
    for sep in ("#", "/"):
        if sep in text:
            text = text.rsplit(sep, 1)[-1]
            break
    return text or str(iri)


def _english(graph: Graph, subject: Identifier, *predicates: URIRef) -> str:
    for predicate in predicates:
        values = list(graph.objects(subject, predicate))
        english = [v for v in values if isinstance(v, Literal) and v.language in (None, "en")]
        if english or values:
            return str(sorted(english or values)[0])
    return ""


def _iris(graph: Graph, subject: Identifier, predicate: URIRef) -> list[URIRef]:
    return sorted(o for o in graph.objects(subject, predicate) if isinstance(o, URIRef))


def document_ontology(graph: Graph, counts: dict[URIRef, int]) -> OntologyDoc:
    """Every class and property of ``graph`` with label, comment, domain, range, supers, count."""
    ontology = next((s for s in graph.subjects(RDF.type, OWL.Ontology) if isinstance(s, URIRef)),
                    None)
    terms: dict[URIRef, Term] = {}
    for kind, types in (("class", CLASS_TYPES), ("property", PROPERTY_TYPES)):
        for rdf_type in types:
            for subject in graph.subjects(RDF.type, rdf_type):
                if not isinstance(subject, URIRef) or subject in terms:
                    continue
                terms[subject] = Term(
                    subject, anchor_of(subject), _english(graph, subject, RDFS.label) or
                    anchor_of(subject), _english(graph, subject, RDFS.comment, SKOS.definition),
                    kind, _iris(graph, subject, RDF.type),
                    _iris(graph, subject, RDFS.subClassOf if kind == "class" else
                          RDFS.subPropertyOf),
                    _iris(graph, subject, RDFS.domain), _iris(graph, subject, RDFS.range),
                    counts.get(subject, 0))
    metadata = []
    if ontology is not None:
        for predicate in (OWL.versionInfo, OWL.versionIRI, DCTERMS.license, DCTERMS.creator,
                          DCTERMS.modified, DCTERMS.created):
            for value in graph.objects(ontology, predicate):
                metadata.append((prefixed(predicate), str(value)))
    ordered = sorted(terms.values(), key=lambda t: t.anchor.casefold())
    return OntologyDoc(
        ontology, _english(graph, ontology, DCTERMS.title, RDFS.label) if ontology else "Ontology",
        _english(graph, ontology, DCTERMS.description, RDFS.comment) if ontology else "",
        metadata, [t for t in ordered if t.kind == "class"],
        [t for t in ordered if t.kind == "property"])


def _facets(graph: Graph, node: Identifier) -> list[tuple[str, str]]:
    facets = []
    for predicate in (SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH.nodeKind,
                      SH.pattern, SH.languageIn, SH.uniqueLang, SH["in"], SH.hasValue,
                      SH.minLength, SH.maxLength, SH.node, SH.severity):
        for value in graph.objects(node, predicate):
            shown = prefixed(value) if isinstance(value, URIRef) else str(value)
            if predicate in (SH.languageIn, SH["in"]):
                shown = " ".join(str(v) for v in graph.items(value))
            facets.append((anchor_of(predicate), shown))
    return facets


def document_shapes(graph: Graph) -> list[Shape]:
    """Every node shape with its targets, message and property constraints."""
    shapes = []
    for node in sorted(set(graph.subjects(RDF.type, SH.NodeShape)), key=str):
        constraints = []
        for prop in graph.objects(node, SH.property):
            path = next(graph.objects(prop, SH.path), None)
            shown = prefixed(path) if isinstance(path, URIRef) else ("(complex path)" if path
                                                                      else "(no path)")
            constraints.append(Constraint(shown, _facets(graph, prop),
                                          _english(graph, prop, SH.message)))
        sparql = [_english(graph, c, SH.message) or "SPARQL constraint"
                  for c in graph.objects(node, SH.sparql)]
        constraints += [Constraint("(SPARQL)", [], text) for text in sparql]
        constraints.sort(key=lambda c: c.path)
        shapes.append(Shape(node, anchor_of(node), _english(graph, node, RDFS.label) or
                            anchor_of(node), _iris(graph, node, SH.targetClass),
                            _english(graph, node, SH.message, RDFS.comment), constraints))
    return shapes
