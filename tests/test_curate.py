"""The curation: reading the reference cells, the static tables against the seed page, and the
curated graph's own rules (labels, slugs, links, dates, confidence, byte-stable output)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from availability import required
from babel import Locale
from click.testing import CliRunner
from rdflib import (
    BNode,
    Graph,
    Literal,
    URIRef,
    namespace,  # XSD via the module: pytest probes module globals, XSD warns
)
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from osce_kg.cli import cli
from osce_kg.curate import DATA_FILES, ReferenceTableError, curate, curated_graphs
from osce_kg.curate.events import chairpersons
from osce_kg.curate.operations import former_names, operation_iri, seat_city
from osce_kg.curate.reference import (
    WHOLE_ROW,
    date_literal,
    date_range,
    parse_confidence,
    parse_sources,
    without_parenthesis,
)
from osce_kg.curate.static import (
    ACTIVE_FIELD_OPERATIONS,
    EVENT_SERIES,
    FIELDS_OF_WORK,
    SECRETARIAT_UNITS,
)
from osce_kg.namespaces import ID_BASE, OSCE, SCHEMA, is_slug, split_entity_iri
from osce_kg.rdf.io import load_graph

PROJECT_DIR = Path(__file__).resolve().parents[1]
REFERENCE_DIR = PROJECT_DIR.parent / "shared" / "reference"
SEED_DIR = PROJECT_DIR.parent / "shared" / "seed"
# the shared reference tables and seed are data: missing, they fail the tests that read them
needs_reference = pytest.mark.usefixtures("reference_dir")


@pytest.fixture(scope="module")
def reference_dir() -> Path:
    return required(REFERENCE_DIR, "../shared/reference (next to the checkout)")


@pytest.fixture(scope="module")
def seed_dir() -> Path:
    return required(SEED_DIR, "../shared/seed (next to the checkout)")


def iri(path: str) -> URIRef:
    return URIRef(ID_BASE + path)


@pytest.fixture(scope="module")
def data() -> Graph:
    """The committed curated data."""
    return load_graph(sorted(required(PROJECT_DIR / "data", "data/").glob("*.ttl")))


# --- reading cells ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, datatype", [
    ("1992-01-30", namespace.XSD.date), ("1973-07", namespace.XSD.gYearMonth),
    ("2000", namespace.XSD.gYear)])
def test_dates_keep_their_precision(text, datatype):
    assert date_literal(text) == Literal(text, datatype=datatype)


@pytest.mark.parametrize("text, start, end", [
    ("1991-06-19/20", "1991-06-19", "1991-06-20"),
    ("1993-11-30/12-01", "1993-11-30", "1993-12-01"),
    ("1991-09-10", "1991-09-10", "1991-09-10"),
])
def test_date_ranges_give_start_and_end(text, start, end):
    assert date_range(text) == (Literal(start, datatype=namespace.XSD.date),
                                Literal(end, datatype=namespace.XSD.date))


@pytest.mark.parametrize("text", ["30 June 1991", "1991/06", "2000-11-10/09"])
def test_unreadable_dates_are_refused(text):
    with pytest.raises(ReferenceTableError):
        date_range(text)


@pytest.mark.parametrize("cell, doubtful", [
    ("verified", ()),
    ("likely", (WHOLE_ROW,)),
    ("unverified", (WHOLE_ROW,)),
    ("verified (country); likely (CiO)", ("CiO",)),
    ("verified (country, Alfano); likely (Moavero)", ("Moavero",)),
    ("verified (1998, Almaty, 2022 rename); likely (intermediate names)", ("intermediate names",)),
])
def test_confidence_cells_name_their_doubtful_parts(cell, doubtful):
    assert parse_confidence(cell).doubtful == doubtful


def test_a_confidence_cell_of_another_kind_is_refused():
    with pytest.raises(ReferenceTableError):
        parse_confidence("probably")


def test_sources_keep_urls_as_iris_and_text_for_the_note():
    sources = parse_sources("https://osce.org/albania/48346 (member since 19 June 1991) ; "
                            "https://regjeringen.no/...id262802 (Norway to take over)")
    assert sources.urls == (URIRef("https://osce.org/albania/48346"),)
    assert "regjeringen.no/...id262802" in sources.text
    only_urls = parse_sources("http://www.osce.org/albania/43312 ; https://osce.org/albania/48346")
    assert len(only_urls.urls) == 2 and only_urls.text == ""


def test_a_source_url_with_a_user_name_becomes_the_iri_of_its_page():
    sources = parse_sources("http://anna.lundbladh@osce.org/es/secretariat (osce.org/es/secretariat)"
                            " ; http://osce.org/who/timeline/1990s/10")
    assert sources.urls == (URIRef("http://osce.org/es/secretariat"),
                            URIRef("http://osce.org/who/timeline/1990s/10"))


@pytest.mark.parametrize("cell, names, remark", [
    ("Hans-Dietrich Genscher", ["Hans-Dietrich Genscher"], ""),
    ("Wolfgang Schüssel, then Benita Ferrero-Waldner",
     ["Wolfgang Schüssel", "Benita Ferrero-Waldner"], ""),
    ("Jiří Dienstbier (then Jozef Moravčík)", ["Jiří Dienstbier", "Jozef Moravčík"], ""),
    ("Sebastian Kurz (then Karin Kneissl from Dec 2017)", ["Sebastian Kurz", "Karin Kneissl"], ""),
    ("Ignazio Cassis (expected, Swiss foreign minister)", ["Ignazio Cassis"],
     "expected, Swiss foreign minister"),
])
def test_chairpersons_in_office_are_split_into_people(cell, names, remark):
    assert chairpersons(cell) == (names, remark)


def test_field_operation_helpers():
    assert operation_iri("OSCE Mission to Skopje") == iri("field-operation/mission-to-skopje")
    assert operation_iri("CSCE Missions of Long Duration in Kosovo, Sandjak and Vojvodina") == \
        iri("field-operation/missions-of-long-duration-in-kosovo-sandjak-and-vojvodina")
    assert seat_city("Belgrade (common office); Pristina, Novi Pazar, Subotica") == "Belgrade"
    assert former_names("CSCE/OSCE Spillover Monitor Mission to Skopje (until Dec 2010)", set()) \
        == ["CSCE Spillover Monitor Mission to Skopje", "OSCE Spillover Monitor Mission to Skopje"]
    assert former_names("OSCE Liaison Office in Central Asia (1995-2000); OSCE Centre in "
                        "Tashkent (2000-2006)", {"OSCE Centre in Tashkent"}) \
        == ["OSCE Liaison Office in Central Asia"]
    assert without_parenthesis("Russian Federation (Chechnya)") == ("Russian Federation",
                                                                    "Chechnya")


# --- static tables against the seed page ------------------------------------------------------

def seed_menu(title: str) -> list[str]:
    """The entries of a menu of the seed page: the ``- `` lines after ``title``."""
    lines = next(SEED_DIR.glob("*.txt")).read_text(encoding="utf-8").splitlines()
    start = lines.index(title) + 1
    entries = []
    for line in lines[start:]:
        if line == "-" or not line.startswith("- "):
            break
        entries.append(line[2:])
    return entries


@pytest.mark.usefixtures("seed_dir")
def test_static_tables_are_the_seed_menus():
    assert list(FIELDS_OF_WORK) == seed_menu("Fields of work")[:23]
    assert seed_menu("Fields of work")[23:] == ["Field operations", "Projects"]
    assert [label for _, label in EVENT_SERIES] == seed_menu("Meetings and conferences")[:16]
    assert list(SECRETARIAT_UNITS) == seed_menu("Secretariat")[1:12]
    assert list(ACTIVE_FIELD_OPERATIONS) == seed_menu("Field operations")[:12]


@pytest.mark.usefixtures("seed_dir")
def test_state_labels_are_the_names_of_the_seed_menu(data):
    menu = [re.sub(r" – .*$", "", name) for name in seed_menu("Participating States")[:57]]
    labels = [str(o) for s in data.subjects(RDF.type, OSCE.ParticipatingState)
              for o in data.objects(s, RDFS.label) if o.language == "en"]
    assert sorted(labels) == sorted(menu) and len(menu) == 57


# --- the curated graph ------------------------------------------------------------------------

LANGUAGES = ("en", "de", "fr", "it", "ru", "es")


def test_every_state_has_one_label_per_official_language_from_cldr(data):
    states = set(data.subjects(RDF.type, OSCE.ParticipatingState))
    assert len(states) == 57
    for state in states:
        labels = [o for o in data.objects(state, RDFS.label)]
        assert sorted(o.language for o in labels) == sorted(LANGUAGES), state
        alpha2 = str(data.value(state, OSCE.iso3166Alpha2))
        for label in labels:
            if label.language != "en":
                assert str(label) == Locale(label.language).territories[alpha2], (state, label)


def test_english_labels_are_the_osce_names_and_others_are_alternatives(data):
    turkiye = iri("state/turkiye")
    assert data.value(turkiye, RDFS.label) is not None
    assert (turkiye, RDFS.label, Literal("Türkiye", lang="en")) in data
    assert (turkiye, SKOS.altLabel, Literal("Turkey", lang="en")) in data
    netherlands = iri("state/the-netherlands")
    assert (netherlands, SKOS.altLabel, Literal("Kingdom of the Netherlands", lang="en")) in data
    assert (iri("state/czechia"), SKOS.altLabel, Literal("Czech Republic", lang="en")) in data


def test_every_thing_has_a_type_and_one_english_label_and_a_valid_slug(data):
    subjects = {s for s in data.subjects() if isinstance(s, URIRef)}
    objects = {o for o in data.objects() if isinstance(o, URIRef) and o.startswith(ID_BASE)}
    for thing in subjects | objects:
        assert thing.startswith(ID_BASE), thing
        kind, slug = split_entity_iri(thing)
        assert is_slug(kind) and is_slug(slug), thing
        assert (thing, RDF.type, None) in data, f"{thing} has no type"
        english = [o for o in data.objects(thing, RDFS.label) if o.language == "en"]
        assert len(english) == 1, f"{thing} has {len(english)} English labels"


def test_the_only_blank_nodes_are_coordinates(data):
    for node in {s for s in data.subjects() if isinstance(s, BNode)}:
        assert set(data.objects(node, RDF.type)) == {SCHEMA.GeoCoordinates}
        assert set(data.predicates(node)) == {RDF.type, SCHEMA.latitude, SCHEMA.longitude}


def test_dates_keep_the_reference_precision(data):
    assert data.value(iri("state/austria"), OSCE.participatingSince) == \
        Literal("1973-07", datatype=namespace.XSD.gYearMonth)
    assert data.value(iri("field-operation/office-in-minsk"), SCHEMA.dissolutionDate) == \
        Literal("2011", datatype=namespace.XSD.gYear)
    berlin = iri("event/1991-06-19-berlin-ministerial-council")
    assert data.value(berlin, SCHEMA.endDate) == Literal("1991-06-20", datatype=namespace.XSD.date)
    rome = iri("event/1993-11-30-rome-ministerial-council")
    assert data.value(rome, SCHEMA.endDate) == Literal("1993-12-01", datatype=namespace.XSD.date)


def test_doubtful_facts_are_marked_with_the_property_and_a_note(data):
    likely = {(s, p) for s, p in data.subject_objects(OSCE.likelyProperty)}
    assert (iri("state/slovakia"), OSCE.participatingSince) in likely
    assert (iri("chairpersonship/1992"), OSCE.chairpersonInOffice) in likely
    assert (iri("chairpersonship/1992"), OSCE.chairingState) not in likely
    assert (iri("chairpersonship/1993"), OSCE.chairingState) in likely
    assert (iri("chairpersonship/2026"), OSCE.chairpersonInOffice) in likely
    assert (iri("structure/court-of-conciliation-and-arbitration"), SCHEMA.location) in likely
    assert (iri("field-operation/mission-in-kosovo"), SCHEMA.location) in likely
    assert (iri("field-operation/mission-in-kosovo"), SCHEMA.foundingDate) not in likely
    assert (iri("event/1993-11-30-rome-ministerial-council"), SCHEMA.startDate) in likely
    assert (iri("event/1993-11-30-rome-ministerial-council"), SCHEMA.endDate) not in likely
    assert (iri("chairpersonship/2025"), OSCE.chairpersonInOffice) not in likely
    for subject, _ in likely:
        assert data.value(subject, SKOS.editorialNote) is not None, subject


def test_sources_are_web_pages(data):
    sources = set(data.objects(None, DCTERMS.source))
    assert URIRef("https://osce.org/chairpersonship/who-we-are") in sources
    for source in sources:
        assert re.match(r"^https?://[^\s]+$", source) and "..." not in source, source


def test_people_one_per_name_with_nationality(data):
    people = set(data.subjects(RDF.type, SCHEMA.Person))
    names = [str(data.value(p, SCHEMA.name)) for p in people]
    assert len(names) == len(set(names))
    assert {"Benita Ferrero-Waldner", "Jozef Moravčík", "Karin Kneissl", "Ignazio Cassis",
            "Wilhelm Höynck", "Elina Valtonen"} <= set(names)
    assert data.value(iri("person/bronislaw-geremek"), SCHEMA.nationality) == iri("state/poland")
    sinirlioglu = iri("person/feridun-h-sinirlioglu")
    assert data.value(sinirlioglu, SCHEMA.nationality) == iri("state/turkiye")
    chair_2000 = set(data.objects(iri("chairpersonship/2000"), OSCE.chairpersonInOffice))
    assert chair_2000 == {iri("person/wolfgang-schussel"), iri("person/benita-ferrero-waldner")}


def test_cities_lie_in_their_state_with_gazetteer_coordinates(data):
    vienna = iri("place/vienna")
    assert data.value(vienna, SCHEMA.containedInPlace) == iri("state/austria")
    geo = data.value(vienna, SCHEMA.geo)
    assert data.value(geo, SCHEMA.latitude) == Literal("48.2085", datatype=namespace.XSD.decimal)
    assert data.value(geo, SCHEMA.longitude) == Literal("16.3721", datatype=namespace.XSD.decimal)
    for city in ("chisinau", "kyiv", "astana", "pristina", "the-hague", "lodz", "grozny"):
        assert data.value(iri(f"place/{city}"), SCHEMA.geo) is not None, city
    assert set(data.objects(iri("place/pristina"), SCHEMA.containedInPlace)) == \
        {iri("place/kosovo")}
    assert data.value(iri("place/kosovo"), SCHEMA.containedInPlace) is None
    assert data.value(iri("place/chechnya"), SCHEMA.containedInPlace) == \
        iri("state/russian-federation")
    assert (iri("place/lodz"), RDFS.label, Literal("Łódź", lang="en")) in data
    assert set(data.objects(iri("place/grozny"), SCHEMA.containedInPlace)) == \
        {iri("place/chechnya")}


def test_field_operations_hosts_seats_and_successions(data):
    operations = set(data.subjects(RDF.type, OSCE.FieldOperation))
    assert len(operations) == 29
    chechnya = iri("field-operation/assistance-group-to-chechnya")
    assert set(data.objects(chechnya, OSCE.hostCountry)) == {iri("place/chechnya")}
    verification = iri("field-operation/kosovo-verification-mission")
    assert set(data.objects(verification, OSCE.hostCountry)) == {iri("place/kosovo")}
    assert data.value(iri("field-operation/missions-of-long-duration-in-kosovo-sandjak-and-"
                          "vojvodina"), OSCE.hostCountry) == iri("state/federal-republic-of-"
                                                                 "yugoslavia")
    long_duration = iri("field-operation/missions-of-long-duration-in-kosovo-sandjak-and-vojvodina")
    assert data.value(long_duration, SCHEMA.location) == iri("place/belgrade")
    assert data.value(iri("field-operation/mission-to-serbia"), OSCE.predecessor) == long_duration
    assert data.value(long_duration, OSCE.successor) == iri("field-operation/mission-to-serbia")
    assert data.value(iri("field-operation/task-force-for-kosovo"), SCHEMA.location) is None


def test_structures_and_the_secretary_general(data):
    for slug in ("secretariat", "odihr", "hcnm", "rfom", "parliamentary-assembly",
                 "court-of-conciliation-and-arbitration", "summit", "ministerial-council",
                 "permanent-council", "forum-for-security-co-operation"):
        assert (iri(f"structure/{slug}"), RDF.type, None) in data, slug
    post = iri("post/secretary-general")
    assert len(set(data.objects(post, URIRef("http://www.w3.org/ns/org#heldBy")))) == 8
    current = iri("tenure/secretary-general-8")
    assert data.value(current, SCHEMA.endDate) is None
    assert data.value(current, SCHEMA.startDate) == Literal("2024-12",
                                                            datatype=namespace.XSD.gYearMonth)


# --- the generator ----------------------------------------------------------------------------

@needs_reference
def test_curate_is_byte_stable_and_matches_the_committed_data(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    counts = curate(REFERENCE_DIR, first)
    curate(REFERENCE_DIR, second)
    assert sorted(counts) == sorted(DATA_FILES)
    for name in DATA_FILES:
        produced = (first / f"{name}.ttl").read_bytes()
        assert produced == (second / f"{name}.ttl").read_bytes(), name
        committed = PROJECT_DIR / "data" / f"{name}.ttl"
        assert produced == committed.read_bytes(), f"data/{name}.ttl is stale: osce-kg curate"


@needs_reference
def test_curate_refuses_a_reference_with_an_unknown_city(tmp_path):
    for path in REFERENCE_DIR.glob("*.csv"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    summits = tmp_path / "summits.csv"
    summits.write_text(summits.read_text(encoding="utf-8").replace("Lisbon,", "Atlantis,"),
                       encoding="utf-8")
    with pytest.raises(ReferenceTableError, match="Atlantis"):
        curated_graphs(tmp_path)


@needs_reference
def test_cli_curate_writes_the_files(tmp_path):
    result = CliRunner().invoke(cli, ["curate", "--reference", str(REFERENCE_DIR),
                                      "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert re.match(r"^curated \d+ triples into 12 files in ", result.output)
    assert sorted(p.stem for p in tmp_path.glob("*.ttl")) == sorted(DATA_FILES)


def test_cli_curate_without_reference_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["curate", "--reference", str(tmp_path / "missing"),
                                      "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "no reference directory" in result.output
    assert not (tmp_path / "out").exists()


def test_the_curated_data_conforms_to_the_shapes(data):
    from osce_kg.validation.shacl import validate_graph

    shapes = load_graph([PROJECT_DIR / "shapes" / "osce.shapes.ttl"])
    ontology = load_graph([PROJECT_DIR / "ontology" / "osce.ttl"])
    report = validate_graph(data, shapes=shapes, ontology=ontology)
    assert report.conforms, "\n".join(report.lines())
