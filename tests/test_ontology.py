"""The ontology: every osce: term of namespaces.py is defined there (and nothing else), it parses
with two parsers, it links to the reused vocabularies as MODELLING.md says, and every term the
data uses is declared."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from rdflib import (
    BNode,
    Graph,
    Literal,
    URIRef,
    namespace,  # XSD via the module: pytest probes module globals, XSD warns
)
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS

from osce_kg.namespaces import ONTOLOGY_IRI, OSCE, SCHEMA

PROJECT_DIR = Path(__file__).resolve().parents[1]
ONTOLOGY_FILE = PROJECT_DIR / "ontology" / "osce.ttl"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "shapes"
VANN = namespace.Namespace("http://purl.org/vocab/vann/")

OSCE_NS = str(OSCE._NS)
OSCE_TERMS = sorted(OSCE[name] for name in OSCE.__annotations__)
TERM_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
PROPERTY_TYPES = TERM_TYPES - {OWL.Class}
# The RDF, RDFS, OWL and XSD vocabularies are the language itself, not terms to declare.
BUILT_IN = (str(RDF), str(RDFS), str(OWL), str(namespace.XSD))


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def english(graph: Graph, subject, predicate) -> list[Literal]:
    return [o for o in graph.objects(subject, predicate)
            if isinstance(o, Literal) and o.language == "en"]


def declared_terms(ontology: Graph) -> set[URIRef]:
    return {s for t in TERM_TYPES for s in ontology.subjects(RDF.type, t)}


def used_terms(data: Graph) -> set[URIRef]:
    """Every predicate, and every class (object of rdf:type), the data uses."""
    return set(data.predicates()) | {o for o in data.objects(None, RDF.type)
                                     if isinstance(o, URIRef)}


def undeclared_terms(data: Graph, ontology: Graph) -> set[URIRef]:
    return {t for t in used_terms(data) - declared_terms(ontology)
            if not str(t).startswith(BUILT_IN)}


def misused_terms(data: Graph, ontology: Graph) -> set[tuple[URIRef, str]]:
    """Terms used against their declaration: a class as predicate, a property as class, a
    datatype property with an IRI value, an object property with a literal value."""
    problems: set[tuple[URIRef, str]] = set()
    for cls in {o for o in data.objects(None, RDF.type) if isinstance(o, URIRef)}:
        if (cls, RDF.type, OWL.Class) not in ontology and not str(cls).startswith(BUILT_IN):
            problems.add((cls, "used as a class"))
    for _s, p, o in data:
        if (p, RDF.type, OWL.DatatypeProperty) in ontology and not isinstance(o, Literal):
            problems.add((p, "datatype property with a non-literal value"))
        if (p, RDF.type, OWL.ObjectProperty) in ontology and isinstance(o, Literal):
            problems.add((p, "object property with a literal value"))
        if (p, RDF.type, OWL.Class) in ontology:
            problems.add((p, "class used as a predicate"))
    return problems


def data_files() -> list[Path]:
    return sorted((PROJECT_DIR / "data").glob("*.ttl")) + \
        sorted((PROJECT_DIR / "data" / "releases").glob("*.ttl"))


# --- namespaces.py and the ontology agree --------------------------------------------------

@pytest.mark.parametrize("term", OSCE_TERMS, ids=[t.fragment for t in OSCE_TERMS])
def test_every_osce_term_is_defined_with_english_label_and_comment(term, ontology):
    assert set(ontology.objects(term, RDF.type)) & TERM_TYPES, f"{term} has no OWL type"
    assert len(english(ontology, term, RDFS.label)) == 1
    assert len(english(ontology, term, RDFS.comment)) == 1
    assert (term, RDFS.isDefinedBy, ONTOLOGY_IRI) in ontology


def test_the_ontology_defines_no_osce_term_that_namespaces_lacks(ontology):
    mentioned = {t for triple in ontology for t in triple
                 if isinstance(t, URIRef) and str(t).startswith(OSCE_NS)}
    assert mentioned - set(OSCE_TERMS) == set()
    assert {t for t in declared_terms(ontology) if str(t).startswith(OSCE_NS)} == set(OSCE_TERMS)


def test_each_term_has_exactly_one_kind(ontology):
    for term in declared_terms(ontology):
        assert len(set(ontology.objects(term, RDF.type)) & TERM_TYPES) == 1, term


# --- parsing -----------------------------------------------------------------------------

def test_the_ontology_parses_with_rdflib_and_pyoxigraph_into_the_same_graph(ontology):
    quads = list(pyoxigraph.parse(path=str(ONTOLOGY_FILE), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(ontology)
    ntriples = pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_TRIPLES)
    assert isomorphic(Graph().parse(data=ntriples, format="nt"), ontology)


def test_the_ontology_has_no_blank_nodes(ontology):
    assert not [t for triple in ontology for t in triple if isinstance(t, BNode)]


# --- the ontology header -------------------------------------------------------------------

def test_the_ontology_document_describes_itself(ontology):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    version_iri = ontology.value(ONTOLOGY_IRI, OWL.versionIRI)
    assert str(version_iri).startswith(str(ONTOLOGY_IRI) + "/")
    assert (ONTOLOGY_IRI, DCTERMS.license,
            URIRef("https://creativecommons.org/licenses/by/4.0/")) in ontology
    assert (ONTOLOGY_IRI, DCTERMS.creator, Literal("osce-kg contributors")) in ontology
    for predicate in (DCTERMS.title, DCTERMS.description, RDFS.comment):
        assert english(ontology, ONTOLOGY_IRI, predicate), predicate
    assert (ONTOLOGY_IRI, VANN.preferredNamespacePrefix, Literal("osce")) in ontology
    assert (ONTOLOGY_IRI, VANN.preferredNamespaceUri, Literal(OSCE_NS)) in ontology


# --- links to the reused vocabularies (MODELLING.md) ----------------------------------------

CONTENT_TYPES = [OSCE.PressRelease, OSCE.NewsItem, OSCE.Statement, OSCE.News, OSCE.DailyReport,
                 OSCE.SpotReport, OSCE.WeeklyReport, OSCE.PressStatement, OSCE.FeatureStory]
EVENT_TYPES = [OSCE.SummitMeeting, OSCE.MinisterialCouncilMeeting, OSCE.Conference, OSCE.Meeting,
               OSCE.Workshop]
LINKS = [
    (OSCE.ParticipatingState, RDFS.subClassOf, SCHEMA.Country),
    (OSCE.FormerParticipatingState, RDFS.subClassOf, SCHEMA.Country),
    (OSCE.FormerParticipatingState, OWL.disjointWith, OSCE.ParticipatingState),
    (OSCE.PartnerForCooperation, RDFS.subClassOf, SCHEMA.Country),
    (OSCE.Territory, RDFS.subClassOf, SCHEMA.AdministrativeArea),
    (OSCE.Territory, RDFS.subClassOf, SCHEMA.Place),
    (OSCE.Structure, RDFS.subClassOf, ORG.OrganizationalUnit),
    (OSCE.Institution, RDFS.subClassOf, OSCE.Structure),
    (OSCE.SecretariatUnit, RDFS.subClassOf, OSCE.Structure),
    (OSCE.DecisionMakingBody, RDFS.subClassOf, OSCE.Structure),
    (OSCE.FieldOperation, RDFS.subClassOf, OSCE.Structure),
    (OSCE.Tenure, RDFS.subClassOf, PROV.Activity),
    (OSCE.Release, RDFS.subClassOf, SCHEMA.NewsArticle),
    (OSCE.Release, RDFS.subClassOf, FOAF.Document),
    *[(t, RDFS.subClassOf, OSCE.Release) for t in CONTENT_TYPES],
    *[(t, RDFS.subClassOf, SCHEMA.Event) for t in EVENT_TYPES],
    (OSCE.formerName, RDFS.subPropertyOf, SKOS.altLabel),
    (OSCE.acronym, RDFS.subPropertyOf, SKOS.altLabel),
    (OSCE.predecessor, RDFS.subPropertyOf, DCTERMS.replaces),
    (OSCE.successor, RDFS.subPropertyOf, DCTERMS.isReplacedBy),
    (OSCE.predecessor, OWL.inverseOf, OSCE.successor),
    (OSCE.successor, OWL.inverseOf, OSCE.predecessor),
    (OSCE.holder, RDFS.subPropertyOf, PROV.wasAssociatedWith),
    (OSCE.fieldOfWork, RDFS.subPropertyOf, DCTERMS.subject),
    (OSCE.partnerGroup, RDFS.range, OSCE.PartnerGroup),
    (OSCE.hostCountry, RDFS.domain, OSCE.FieldOperation),
    (OSCE.chairingState, RDFS.domain, OSCE.Chairpersonship),
    (OSCE.year, RDFS.range, namespace.XSD.gYear),
]


@pytest.mark.parametrize("triple", LINKS, ids=lambda t: f"{t[0].fragment}-{t[2].n3()}")
def test_modelling_links_are_stated(triple, ontology):
    assert triple in ontology


def test_a_domain_or_range_never_sits_on_an_imported_term(ontology):
    """With RDFS inference before validation, a domain or range on a reused term would type
    all its subjects or values (schema:startDate is used by events and tenures)."""
    for predicate in (RDFS.domain, RDFS.range):
        assert {s for s in ontology.subjects(predicate, None)
                if not str(s).startswith(OSCE_NS)} == set()


def test_participation_date_is_not_limited_to_current_participating_states(ontology):
    """Former participating States have an osce:participatingSince too: a domain of
    osce:ParticipatingState would make them current ones by inference."""
    assert ontology.value(OSCE.participatingSince, RDFS.domain) == SCHEMA.Country


def test_imported_terms_are_labelled_and_point_to_their_vocabulary(ontology):
    imported = {t for t in declared_terms(ontology) if not str(t).startswith(OSCE_NS)}
    assert {SCHEMA.Country, ORG.Post, SKOS.Concept, PROV.wasDerivedFrom, DCTERMS.title} <= imported
    for term in imported:
        assert english(ontology, term, RDFS.label), term
        defined_by = ontology.value(term, RDFS.isDefinedBy)
        assert defined_by is not None and str(term).startswith(str(defined_by)), term



# The six languages of the site's interface (web/i18n.py): every page names properties and
# classes by these labels, so each term has exactly one label in each.
PAGE_LANGUAGES = ("en", "fr", "de", "it", "ru", "es")


def labels_by_language(graph: Graph, term) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for label in graph.objects(term, RDFS.label):
        if isinstance(label, Literal):
            found.setdefault(label.language or "", []).append(str(label))
    return found


def test_every_class_and_property_is_labelled_once_in_each_page_language(ontology):
    incomplete = {}
    for term in sorted(declared_terms(ontology)):
        labels = labels_by_language(ontology, term)
        wrong = [lang for lang in PAGE_LANGUAGES if len(labels.get(lang, [])) != 1
                 or not labels[lang][0].strip()]
        if wrong or set(labels) - set(PAGE_LANGUAGES):
            incomplete[str(term)] = sorted(set(wrong) | (set(labels) - set(PAGE_LANGUAGES)))
    assert incomplete == {}


def test_labels_are_words_for_readers_not_camel_case_names(ontology):
    camel = [str(term) for term in declared_terms(ontology)
             for label in ontology.objects(term, RDFS.label)
             if any(a.islower() and b.isupper() for a, b in zip(str(label), str(label)[1:], strict=False))]
    assert camel == []

# --- no term used in the data is undeclared -------------------------------------------------

def test_every_term_used_in_the_data_is_declared(ontology):
    files = data_files()
    assert files, "the project's data/*.ttl are missing"
    problems = {}
    for path in files:
        data = Graph().parse(path, format="turtle")
        found = sorted(undeclared_terms(data, ontology)) + sorted(misused_terms(data, ontology))
        if found:
            problems[path.relative_to(PROJECT_DIR).as_posix()] = found
    assert problems == {}


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.ttl")), ids=lambda p: p.name)
def test_every_term_the_shape_fixtures_use_is_declared(path, ontology):
    """Also the invalid fixtures: they break shapes, never the vocabulary."""
    data = Graph().parse(path, format="turtle")
    assert used_terms(data)
    assert undeclared_terms(data, ontology) == set()


def test_the_valid_fixture_uses_every_term_as_declared(ontology):
    data = Graph().parse(FIXTURES / "valid.ttl", format="turtle")
    assert misused_terms(data, ontology) == set()


def test_an_undeclared_or_misused_term_is_found(ontology):
    data = Graph().parse(format="turtle", data="""
        @prefix osce: <https://w3id.org/osce/ontology#> .
        @prefix schema: <https://schema.org/> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <https://w3id.org/osce/id/state/x> a schema:Nation , osce:partnerGroup ;
            rdfs:label "X"@en ;
            schema:populationSize 3 ;
            osce:hostCountry "Kosovo" .
    """)
    assert undeclared_terms(data, ontology) == {SCHEMA.Nation, SCHEMA.populationSize}
    assert misused_terms(data, ontology) == {
        (SCHEMA.Nation, "used as a class"),
        (OSCE.partnerGroup, "used as a class"),
        (OSCE.hostCountry, "object property with a literal value"),
    }
