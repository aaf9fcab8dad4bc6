"""The SHACL shapes: each one rejects a small invalid graph, naming the focus node and message.

pySHACL runs as the build runs it (``osce_kg.validation.shacl.validate_graph``: the ontology as
``ont_graph``, RDFS inference, advanced features for the SPARQL-based targets), and the results
graph is parsed: a result is identified by its focus node and its ``sh:message``. The reports
on the fixture files are the session's (``shapes_fixture`` in conftest), shared with the
compiled validator's differential test.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import pytest
from rdflib import (
    BNode,
    Graph,
    Literal,
    URIRef,
    namespace,  # XSD via the module: pytest probes module globals, XSD warns
)
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH

from osce_kg.namespaces import ID, OSCE, SCHEMA, SHAPES
from osce_kg.validation.shacl import ValidationReport, validate_graph

TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
BUILT_IN = (str(RDF), str(RDFS), str(OWL), str(namespace.XSD))

LABEL = "Exactly one English rdfs:label (@en), and at most one label per language."
CODES = "A participating State or Partner for Co-operation has "


class Result(NamedTuple):
    focus: object
    path: object
    value: object
    message: str


# (shape, fixture, focus node, message): each shape with a target has at least one row.
CASES = [
    ("ThingShape", "thing", ID["place/Vienna_City"],
     "A thing of the graph is an IRI https://w3id.org/osce/id/{kind}/{slug}, "
     "the slug lowercase ASCII words joined by '-'."),
    ("ThingShape", "thing", ID["person/jane-doe"], LABEL),
    ("ThingShape", "thing", ID["series/summit"], LABEL),
    ("NoDanglingLinkShape", "dangling", ID["place/atlantis-city"],
     "Dangling link: https://w3id.org/osce/id/state/atlantis is under id/ but has no rdf:type "
     "or no English rdfs:label in the graph."),
    ("FoundingBeforeDissolutionShape", "dissolution", ID["field-operation/mission-to-nowhere"],
     "schema:foundingDate 2001-05 is after schema:dissolutionDate 2000."),
    ("StartBeforeEndShape", "start-end", ID["event/2011-12-07-vilnius-ministerial-council"],
     "schema:startDate 2011-12-07 is after schema:endDate 2011-12-06."),
    ("CountryShape", "country", ID["state/lithuania"],
     "osce:iso3166Alpha2 is one ISO 3166-1 alpha-2 code: two capital letters (xsd:string)."),
    ("CountryShape", "country", ID["state/lithuania"],
     "osce:iso3166Alpha3 is one ISO 3166-1 alpha-3 code: three capital letters (xsd:string)."),
    ("CountryShape", "country", ID["state/lithuania"],
     "A country's schema:identifier repeats its osce:iso3166Alpha2 code, once."),
    ("CountryShape", "country", ID["state/lithuania"],
     "A country's owl:sameAs is one Wikidata entity IRI (http://www.wikidata.org/entity/Q…)."),
    ("ParticipatingStateShape", "participating-state", ID["place/austria"],
     "A participating State's IRI is https://w3id.org/osce/id/state/{slug}."),
    ("ParticipatingStateShape", "participating-state", ID["state/lithuania"],
     CODES + "an osce:iso3166Alpha2 code."),
    ("ParticipatingStateShape", "participating-state", ID["state/lithuania"],
     CODES + "an osce:iso3166Alpha3 code."),
    ("ParticipatingStateShape", "participating-state", ID["state/lithuania"],
     CODES + "a schema:identifier (its alpha-2 code)."),
    ("ParticipatingStateShape", "participating-state", ID["state/lithuania"],
     "A participating State or Partner for Co-operation is owl:sameAs its Wikidata entity."),
    ("ParticipatingStateShape", "participating-state", ID["state/lithuania"],
     "A participating State has an osce:participatingSince date."),
    ("ParticipatingStateShape", "participating-state", ID["state/lithuania"],
     "A participating State has one rdfs:label in each OSCE official language "
     "(en, de, fr, it, ru, es), and none in other languages."),
    ("PartnerForCooperationShape", "partner", ID["state/japan"],
     "A Partner for Co-operation has exactly one osce:partnerGroup: id/partner-group/asian or "
     "id/partner-group/mediterranean."),
    ("PartnerForCooperationShape", "partner", ID["state/japan"],
     "A Partner for Co-operation has exactly one osce:partnerSince (xsd:gYear, or xsd:date when "
     "the day is known)."),
    ("FormerParticipatingStateShape", "former-state", ID["state/federal-republic-of-yugoslavia"],
     "A former participating State is not also an osce:ParticipatingState."),
    ("PartnerGroupShape", "partner-group", ID["partner-group/asian"],
     "A partner group has at least one Partner for Co-operation (osce:partnerGroup pointing at "
     "it)."),
    ("TerritoryShape", "territory", ID["place/kosovo"],
     "A territory is not typed schema:Country: its status is not the graph's to settle."),
    ("TerritoryShape", "territory", ID["place/kosovo"],
     "A territory is schema:containedInPlace at most one State (a schema:Country)."),
    ("CityShape", "city", ID["place/vienna"],
     "A city is schema:containedInPlace exactly one State or territory."),
    ("CityShape", "city", ID["place/vienna"],
     "A city has at most one schema:geo, a blank node of type schema:GeoCoordinates."),
    ("GeoCoordinatesShape", "geo", ID["place/vienna-geo"],
     "Coordinates have exactly one schema:latitude, an xsd:decimal from -90 to 90."),
    ("GeoCoordinatesShape", "geo", ID["place/vienna-geo"],
     "Coordinates have exactly one schema:longitude, an xsd:decimal from -180 to 180."),
    ("OrganizationShape", "organisation", ID["organisation/unodc"],
     "An organisation has at most one schema:foundingDate: xsd:date, xsd:gYearMonth or "
     "xsd:gYear."),
    ("OrganizationShape", "organisation", ID["organisation/unodc"],
     "org:hasSite points at a city (schema:City)."),
    ("OrganizationShape", "organisation", ID["organisation/unodc"],
     "osce:formerName is an English literal (@en)."),
    ("OsceShape", "osce", ID["organisation/osce"],
     "The OSCE is an org:FormalOrganization and a schema:Organization."),
    ("OsceShape", "osce", ID["organisation/osce"], "The OSCE is owl:sameAs wd:Q81299."),
    ("OsceShape", "osce", ID["organisation/osce"],
     "The OSCE's osce:formerName records \"Conference on Security and Co-operation in "
     "Europe\"@en."),
    ("OsceShape", "osce", ID["organisation/osce"], "The OSCE has its seat as org:hasSite."),
    ("StructureShape", "structure", ID["structure/court-of-conciliation-and-arbitration"],
     "The chain of org:subOrganizationOf from a structure ends at id/organisation/osce."),
    ("StructureShape", "structure", ID["field-operation/office-in-zagreb"],
     "osce:predecessor and osce:successor mirror each other: X osce:predecessor Y exactly when "
     "Y osce:successor X."),
    ("SecretariatUnitShape", "secretariat-unit", ID["structure/conflict-prevention-centre"],
     "A Secretariat unit is org:subOrganizationOf id/structure/secretariat or "
     "id/structure/office-of-the-secretary-general."),
    ("InstitutionShape", "institution", ID["structure/hcnm"],
     "An institution is org:subOrganizationOf id/organisation/osce."),
    ("InstitutionShape", "institution", ID["structure/hcnm"],
     "An institution has its osce:acronym (ODIHR, HCNM, RFoM)."),
    ("DecisionMakingBodyShape", "decision-making-body", ID["structure/permanent-council"],
     "A decision-making body is org:subOrganizationOf id/organisation/osce."),
    ("FieldOperationShape", "field-operation", ID["structure/mission-to-skopje"],
     "A field operation's IRI is https://w3id.org/osce/id/field-operation/{slug}."),
    ("FieldOperationShape", "field-operation", ID["structure/mission-to-skopje"],
     "A field operation has exactly one osce:hostCountry: a participating State, a former "
     "participating State or a territory."),
    ("FieldOperationShape", "field-operation", ID["structure/mission-to-skopje"],
     "A field operation has a schema:foundingDate (when it opened)."),
    ("ChairpersonshipShape", "chairpersonship", ID["chairpersonship/2030"],
     "A Chairpersonship has exactly one osce:year, an xsd:gYear."),
    ("ChairpersonshipShape", "chairpersonship", ID["chairpersonship/2030"],
     "A Chairpersonship has exactly one osce:chairingState: a participating State or a former "
     "participating State."),
    ("ChairpersonshipShape", "chairpersonship", ID["chairpersonship/2030"],
     "A Chairpersonship's label is \"OSCE Chairpersonship {year}\"@en."),
    ("PostShape", "post", ID["post/secretary-general"],
     "A post is org:postIn exactly one organisation or structure."),
    ("PostShape", "post", ID["post/secretary-general"], "org:heldBy points at a schema:Person."),
    ("TenureShape", "tenure", ID["tenure/secretary-general-1"],
     "A tenure has exactly one osce:holder (a schema:Person)."),
    ("TenureShape", "tenure", ID["tenure/secretary-general-1"],
     "A tenure has exactly one osce:ordinal, an xsd:integer from 1."),
    ("TenureShape", "tenure", ID["tenure/secretary-general-1"],
     "The tenure's osce:post is not org:heldBy its osce:holder "
     "https://w3id.org/osce/id/person/wilhelm-hoynck."),
    ("PersonShape", "person", ID["person/eva-biaudet"],
     "A person has exactly one schema:name (a literal)."),
    ("PersonShape", "person", ID["person/eva-biaudet"],
     "schema:nationality points at a State (schema:Country)."),
    ("ConceptSchemeShape", "concept-scheme", ID["scheme/topics"],
     "A concept scheme has at least one concept (skos:inScheme pointing at it)."),
    ("ConceptShape", "concept", ID["field/safety-of-journalists"],
     "A concept's skos:prefLabel equals its rdfs:label."),
    ("ConceptShape", "concept", ID["field/safety-of-journalists"],
     "A concept is either a field of work (skos:topConceptOf id/scheme/fields-of-work) or a "
     "topic of id/scheme/topics with a skos:broader field of work."),
    ("FieldOfWorkUseShape", "field-of-work", ID["structure/rfom"],
     "osce:fieldOfWork points at a field of work (skos:inScheme id/scheme/fields-of-work) or at "
     "a topic of id/scheme/topics whose skos:broader is a field of work."),
    ("EventShape", "event", ID["event/2007-10-25-vilnius-conference-on-trafficking"],
     "An event has at most one schema:startDate: xsd:date, xsd:gYearMonth or xsd:gYear."),
    ("EventShape", "event", ID["event/2007-10-25-vilnius-conference-on-trafficking"],
     "An event has at most one osce:participantCount, a non-negative xsd:integer."),
    ("SummitMeetingShape", "summit", ID["event/1999-11-18-istanbul-summit"],
     "A summit meeting is in the series id/series/summit (schema:superEvent)."),
    ("SummitMeetingShape", "summit", ID["event/1999-11-18-istanbul-summit"],
     "A summit meeting names its osce:mainDocument."),
    ("SummitMeetingShape", "summit", ID["event/1999-11-18-istanbul-summit"],
     "A summit meeting has a schema:location (the host city)."),
    ("MinisterialCouncilMeetingShape", "ministerial-council",
     ID["event/2011-12-06-vilnius-ministerial-council"],
     "A Ministerial Council meeting is in the series id/series/ministerial-council "
     "(schema:superEvent)."),
    ("MinisterialCouncilMeetingShape", "ministerial-council",
     ID["event/2011-12-06-vilnius-ministerial-council"],
     "A Ministerial Council meeting has a schema:location (the host city)."),
    ("EventSeriesShape", "event-series", ID["series/summit"],
     "What is in an event series (schema:superEvent pointing at it) is a schema:Event."),
    ("ReleaseShape", "release", ID["release/2007-10-26-osce-conference-in-vilnius"],
     "A release has at most one content-type class (osce:PressRelease, osce:NewsItem, "
     "osce:Statement …); a release of unknown content type is only an osce:Release."),
    ("ReleaseShape", "release", ID["release/2007-10-26-osce-conference-in-vilnius"],
     "A release has exactly one dcterms:title, equal to its rdfs:label."),
    ("ReleaseShape", "release", ID["release/2007-10-26-osce-conference-in-vilnius"],
     "A release has exactly one schema:datePublished, an xsd:date."),
    ("ReleaseShape", "release", ID["release/2007-10-26-osce-conference-in-vilnius"],
     "A release is prov:wasDerivedFrom exactly one source page (a schema:WebPage)."),
    ("QuotationShape", "quotation", ID["quotation/2007-10-26-osce-conference-in-vilnius-1"],
     "A quotation has exactly one schema:text."),
    ("QuotationShape", "quotation", ID["quotation/2007-10-26-osce-conference-in-vilnius-1"],
     "A quotation is the schema:citation of a release."),
    ("WebPageShape", "web-page", ID["page/2007-10-26-osce-conference-in-vilnius"],
     "A source page has exactly one dcterms:identifier \"sha256:<64 hex digits>\" of its saved "
     "bytes."),
    ("WebPageShape", "web-page", ID["page/2007-10-26-osce-conference-in-vilnius"],
     "A source page has at most one schema:url, an xsd:anyURI literal."),
    ("LikelyPropertyShape", "likely", ID["structure/permanent-council"],
     "A subject with osce:likelyProperty carries a skos:editorialNote saying why."),
    ("LikelyPropertyValueShape", "likely", ID["structure/permanent-council"],
     "osce:likelyProperty https://schema.org/location names a property the subject does not "
     "have."),
    ("SourcedShape", "sources", ID["structure/secretariat"],
     "dcterms:source is the URL (an http(s) IRI) of a source."),
    ("EditorialNoteShape", "sources", ID["structure/secretariat"],
     "skos:editorialNote is an English literal (@en)."),
]


def results_of(report: ValidationReport) -> list[Result]:
    """The report's top-level results, parsed from its results graph."""
    graph = report.results_graph
    return [Result(graph.value(r, SH.focusNode), graph.value(r, SH.resultPath),
                   graph.value(r, SH.value), str(graph.value(r, SH.resultMessage)))
            for r in graph.objects(None, SH.result)]


def shacl_validate(data: Graph, shapes: Graph, ontology: Graph) -> tuple[bool, list[Result]]:
    """pySHACL as the project runs it; the report's top-level results, parsed."""
    report = validate_graph(data, shapes=shapes, ontology=ontology)
    return report.conforms, results_of(report)


@pytest.fixture
def fixture_results(shapes_fixture):
    """The results on ``invalid-NAME.ttl`` (validated once a session: cases share a file)."""

    def results(name: str) -> tuple[bool, list[Result]]:
        _data, report = shapes_fixture(f"invalid-{name}.ttl")
        return report.conforms, results_of(report)

    return results


def messages_of(shapes: Graph, shape: URIRef) -> set[str]:
    """The sh:message texts a node shape declares: its own, its property shapes', its SPARQL's."""
    owners = [shape, *shapes.objects(shape, SH.property), *shapes.objects(shape, SH.sparql)]
    return {str(m) for owner in owners for m in shapes.objects(owner, SH.message)}


def matches_template(message: str, template: str) -> bool:
    """``template`` with its ``{?var}`` placeholders filled in gives ``message``."""
    pattern = re.sub(r"\\\{\\\?\w+\\\}", ".+", re.escape(template))
    return re.fullmatch(pattern, message) is not None


def targeted_node_shapes(shapes: Graph) -> set[URIRef]:
    return {s for p in TARGETS for s in shapes.subjects(p, None) if isinstance(s, URIRef)}


@pytest.mark.parametrize(
    ("shape", "fixture", "focus", "message"), CASES,
    ids=[f"{shape}-{i}" for i, (shape, *_rest) in enumerate(CASES)],
)
def test_shape_rejects_its_invalid_fixture(shape, fixture, focus, message, fixture_results,
                                           shapes_graph):
    assert any(matches_template(message, t) for t in messages_of(shapes_graph, SHAPES[shape])), \
        f"{message!r} is not a message of shapes:{shape}"
    conforms, results = fixture_results(fixture)
    assert not conforms
    found = {(r.focus, r.message) for r in results}
    assert (focus, message) in found, "\n".join(sorted(f"{f} | {m}" for f, m in found))


def test_every_targeted_shape_has_an_invalid_fixture(shapes_graph):
    tested = {SHAPES[shape] for shape, *_rest in CASES}
    assert targeted_node_shapes(shapes_graph) - tested == set()
    assert tested <= targeted_node_shapes(shapes_graph)


def test_the_valid_fixture_conforms(shapes_fixture):
    _data, report = shapes_fixture("valid.ttl")
    assert results_of(report) == []
    assert report.conforms


def test_the_valid_fixture_reaches_every_targeted_shape(shapes_fixture, shapes_graph,
                                                        ontology_graph):
    """Each shape with a class target has an instance in the valid fixture (subclasses count)."""
    data, _report = shapes_fixture("valid.ttl")
    instances = {o for o in data.objects(None, RDF.type)}
    closure = {c: set(ontology_graph.transitive_objects(c, RDFS.subClassOf)) for c in instances}
    reached = set().union(*closure.values())
    for shape in targeted_node_shapes(shapes_graph):
        classes = set(shapes_graph.objects(shape, SH.targetClass))
        if classes:
            assert classes & reached, f"no instance of {classes} in valid.ttl"


def date_literal(text: str) -> Literal:
    """A date literal with the precision of its text (xsd:gYear, xsd:gYearMonth or xsd:date)."""
    datatype = {4: namespace.XSD.gYear, 7: namespace.XSD.gYearMonth}.get(len(text),
                                                                        namespace.XSD.date)
    return Literal(text, datatype=datatype)


DATE_ORDER = [  # (start, end, violation expected): mixed precisions compare on the common prefix
    ("2000", "2000-12-14", False),
    ("2000-12", "2000", False),
    ("1999-06-09", "1999-06", False),
    ("1999-07-01", "1999-06", True),
    ("2001-05", "2000", True),
    ("1993-06-15", "1993-06-14", True),
]


@pytest.mark.parametrize(("start", "end", "violation"), DATE_ORDER)
def test_start_before_end_compares_mixed_precisions(start, end, violation, shapes_graph,
                                                    ontology_graph):
    tenure = ID["tenure/secretary-general-9"]
    data = Graph()
    data.add((tenure, SCHEMA.startDate, date_literal(start)))
    data.add((tenure, SCHEMA.endDate, date_literal(end)))
    _conforms, results = shacl_validate(data, shapes_graph, ontology_graph)
    order = [r for r in results if r.focus == tenure and r.message.startswith("schema:startDate")]
    assert bool(order) is violation
    if violation:
        assert order[0].value == date_literal(end)


def test_every_constraint_of_a_targeted_shape_has_an_english_message(shapes_graph):
    for shape in targeted_node_shapes(shapes_graph):
        for owner in [*shapes_graph.objects(shape, SH.property),
                      *shapes_graph.objects(shape, SH.sparql)]:
            messages = list(shapes_graph.objects(owner, SH.message))
            assert messages, f"a constraint of {shape} has no sh:message"
            assert all(isinstance(m, Literal) and m.language == "en" for m in messages)
        own = [p for p in (SH.pattern, SH["or"], SH["not"], SH["class"]) if (shape, p, None)
               in shapes_graph]
        if own:
            assert (shape, SH.message, None) in shapes_graph, f"{shape} has no sh:message"


def _path_terms(shapes: Graph, path) -> set[URIRef]:
    if isinstance(path, URIRef):
        return {path}
    if isinstance(path, BNode):
        if (path, RDF.first, None) in shapes:
            return set().union(*(_path_terms(shapes, p) for p in Collection(shapes, path)))
        inner = set(shapes.objects(path, None)) - {RDF.nil}
        return set().union(*(_path_terms(shapes, p) for p in inner))
    return set()


def test_every_term_the_shapes_use_is_declared_in_the_ontology(shapes_graph, ontology_graph):
    used: set[URIRef] = set()
    for predicate in (SH.targetClass, SH["class"], SH.targetSubjectsOf, SH.targetObjectsOf):
        used |= {o for o in shapes_graph.objects(None, predicate) if isinstance(o, URIRef)}
    for path in shapes_graph.objects(None, SH.path):
        used |= _path_terms(shapes_graph, path)
    declared = set(ontology_graph.subjects(RDF.type, None))
    undeclared = {t for t in used if t not in declared and not str(t).startswith(BUILT_IN)}
    assert undeclared == set()


def test_shapes_live_in_the_shapes_namespace(shapes_graph):
    for shape in targeted_node_shapes(shapes_graph):
        assert str(shape).startswith(str(SHAPES))
    assert OSCE.Release in set(shapes_graph.objects(SHAPES.ReleaseShape, SH.targetClass))


def test_a_dangling_link_is_reported_with_its_property_and_value(fixture_results):
    _conforms, results = fixture_results("dangling")
    dangling = [r for r in results if r.message.startswith("Dangling link")]
    assert [(r.focus, r.path, r.value) for r in dangling] == [
        (ID["place/atlantis-city"], SCHEMA.containedInPlace, ID["state/atlantis"])]


def test_date_order_results_name_the_later_property(fixture_results):
    _conforms, results = fixture_results("start-end")
    assert [(r.path, r.value) for r in results if r.message.startswith("schema:startDate")] == \
        [(SCHEMA.endDate, date_literal("2011-12-06"))]
