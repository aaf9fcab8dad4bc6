"""A tiny project (ontology, shapes, data) for the build, validation, store and CLI tests."""

from __future__ import annotations

from pathlib import Path

from osce_kg.settings import Settings

ONTOLOGY = """\
@prefix osce: <https://w3id.org/osce/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix schema: <https://schema.org/> .

<https://w3id.org/osce/ontology> a owl:Ontology ; rdfs:label "Test ontology"@en .
osce:ParticipatingState a owl:Class ; rdfs:subClassOf schema:Country ;
    rdfs:label "participating State"@en .
osce:Chairpersonship a owl:Class ; rdfs:label "Chairpersonship"@en .
osce:iso3166Alpha2 a owl:DatatypeProperty ; rdfs:label "ISO 3166-1 alpha-2 code"@en .
osce:chairingState a owl:ObjectProperty ; rdfs:label "chairing State"@en .
osce:year a owl:DatatypeProperty ; rdfs:label "year"@en .
"""

SHAPES = """\
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix osce: <https://w3id.org/osce/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix shapes: <https://w3id.org/osce/shapes#> .
@prefix schema: <https://schema.org/> .

shapes:Country a sh:NodeShape ;
    sh:targetClass schema:Country ;
    sh:property [ sh:path rdfs:label ; sh:minCount 1 ; sh:message "a country needs a label" ] ;
    sh:property [ sh:path osce:iso3166Alpha2 ; sh:maxCount 1 ; sh:pattern "^[A-Z]{2}$" ;
                  sh:message "the ISO alpha-2 code is two capital letters" ] .

shapes:Chairpersonship a sh:NodeShape ;
    sh:targetClass osce:Chairpersonship ;
    sh:property [ sh:path osce:chairingState ; sh:minCount 1 ;
                  sh:class osce:ParticipatingState ;
                  sh:message "the chair is a participating State" ] .
"""

STATES = """\
@prefix osce: <https://w3id.org/osce/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/osce/id/> .

<https://w3id.org/osce/id/state/lithuania> a osce:ParticipatingState ;
    rdfs:label "Lithuania"@en, "Litauen"@de ;
    osce:iso3166Alpha2 "LT" ;
    schema:geo [ a schema:GeoCoordinates ; schema:latitude "54.6872"^^xsd:decimal ;
                 schema:longitude "25.2797"^^xsd:decimal ] .
<https://w3id.org/osce/id/state/finland> a osce:ParticipatingState ;
    rdfs:label "Finland"@en, "Finnland"@de ;
    osce:iso3166Alpha2 "FI" ;
    schema:geo [ a schema:GeoCoordinates ; schema:latitude "60.1699"^^xsd:decimal ;
                 schema:longitude "24.9384"^^xsd:decimal ] .
<https://w3id.org/osce/id/state/turkiye> a osce:ParticipatingState ;
    rdfs:label "Türkiye"@en ;
    osce:iso3166Alpha2 "TR" .
"""

CHAIRS = """\
@prefix osce: <https://w3id.org/osce/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<https://w3id.org/osce/id/chairpersonship/2025> a osce:Chairpersonship ;
    rdfs:label "OSCE Chairpersonship 2025"@en ;
    osce:year "2025"^^xsd:gYear ;
    osce:chairingState <https://w3id.org/osce/id/state/finland> .
<https://w3id.org/osce/id/chairpersonship/2011> a osce:Chairpersonship ;
    rdfs:label "OSCE Chairpersonship 2011"@en ;
    osce:year "2011"^^xsd:gYear ;
    osce:chairingState <https://w3id.org/osce/id/state/lithuania> .
"""

INVALID = """\
@prefix osce: <https://w3id.org/osce/ontology#> .
<https://w3id.org/osce/id/state/nowhere> a osce:ParticipatingState ;
    osce:iso3166Alpha2 "nowhere" .
"""

BROKEN = """\
@prefix osce: <https://w3id.org/osce/ontology#> .
<https://w3id.org/osce/id/state/x> a osce:ParticipatingState ;
    osce:iso3166Alpha2 "XX"
"""

LITHUANIA = "https://w3id.org/osce/id/state/lithuania"
FINLAND = "https://w3id.org/osce/id/state/finland"


def make_project(root: Path, *, invalid: bool = False) -> Path:
    """Write the tiny project under ``root`` and return it."""
    (root / "ontology").mkdir(parents=True, exist_ok=True)
    (root / "shapes").mkdir(exist_ok=True)
    (root / "data" / "releases").mkdir(parents=True, exist_ok=True)
    (root / "ontology" / "osce.ttl").write_text(ONTOLOGY, encoding="utf-8")
    (root / "shapes" / "osce.shapes.ttl").write_text(SHAPES, encoding="utf-8")
    (root / "data" / "states.ttl").write_text(STATES, encoding="utf-8")
    (root / "data" / "releases" / "chairs.ttl").write_text(CHAIRS, encoding="utf-8")
    if invalid:
        (root / "data" / "invalid.ttl").write_text(INVALID, encoding="utf-8")
    return root


def project_settings(root: Path, **changes) -> Settings:
    return Settings(project_dir=root, dist_dir=root / "dist", **changes)


def tree_bytes(directory: Path) -> dict[str, bytes]:
    """Every file under ``directory`` (relative path → bytes), to compare trees exactly."""
    return {str(p.relative_to(directory)): p.read_bytes()
            for p in sorted(directory.rglob("*")) if p.is_file()}
