"""Variants of real OSCE pages, reproduced in invented fixtures: datelines, places, dates,
"Where we are" names, items left out, and who said what (assertions on the produced graphs)."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef, namespace
from rdflib.namespace import DCTERMS, SKOS

from osce_kg.ingest.names import Gazetteer
from osce_kg.namespaces import ID_BASE, OSCE, SCHEMA

from .conftest import PAGES, ingest_with_problems


def slugs(release, predicate) -> set[str]:
    """The things ``predicate`` links the release to, as "kind/slug"."""
    return {str(o)[len(ID_BASE):] for o in release.graph.objects(release.iri, predicate)
            if isinstance(o, URIRef)}


def titled(releases, start: str):
    """The one release whose title starts with ``start``."""
    found = [r for r in releases if r.title.startswith(start)]
    assert len(found) == 1, [r.title for r in releases]
    return found[0]


def date_of(release, predicate) -> str | None:
    value = release.graph.value(release.iri, predicate)
    return str(value) if value is not None else None


@pytest.fixture
def variants(gazetteer: Gazetteer):
    return ingest_with_problems((PAGES / "listing-variants.txt").read_bytes(), gazetteer,
                                "listing-variants.txt")


PLACES = [  # (title starts, places of the release, the dateline kept as written)
    ("OSCE Mission to Serbia trains", {"place/mirno-selo"}, "MIRNO SELO, 3 April 2009"),
    ("OSCE Secretary General opens", {"place/aachen"}, "AACHEN, 14 May 2012"),
    ("Troika ministers", {"place/skopje", "place/warsaw", "place/copenhagen"},
     "SKOPJE/WARSAW/COPENHAGEN, 2 June 2008"),
    ("Joint statement of the co-chairs", {"place/tirana", "place/brussels", "place/geneva"},
     "TIRANA / BRUSSELS / GENEVA – 6 October 2020"),
    ("Roundtable in Sarajevo", {"place/sarajevo"}, "12 June 2025, Sarajevo"),
    ("Chairman and Secretary General", {"place/warsaw", "place/vienna"}, "WARSAW/VIENNA, 30 June"),
    ("OSCE Mission supports municipal", {"place/pristina"}, "PRISHTINË/PRIŠTINA, 9 April 2013"),
    ("High Commissioner meets", {"place/tbilisi"}, "TBLISI, 3 March 2004"),
    ("OSCE Office helps train", set(), "BAKU, 21 December 2007"),
    ("Village school receives", set(), "ZELENI GAJ, 5 June 2010"),
    ("Weekly update from the border", {"place/gornje-polje"}, "Gornje Polje, Serbia"),
    ("Asian Partners discuss", set(), None),
]


@pytest.mark.parametrize(("start", "places", "dateline"), PLACES, ids=[p[0] for p in PLACES])
def test_datelines_give_the_places_and_keep_their_text(variants, start, places, dateline):
    release = titled(variants[0], start)
    assert slugs(release, SCHEMA.locationCreated) == places
    kept = release.graph.value(release.iri, SCHEMA.dateline)
    assert (str(kept) if kept is not None else None) == dateline


COUNTRIES = [  # (new city, its country, where the country came from)
    ("place/aachen", "state/germany"),  # GeoNames
    ("place/copenhagen", "state/denmark"),  # GeoNames
    ("place/mirno-selo", "state/serbia"),  # the host country of the publishing field operation
    ("place/gornje-polje", "state/serbia"),  # the dateline's "Gornje Polje, Serbia."
]


@pytest.mark.parametrize(("place", "country"), COUNTRIES, ids=[c[0] for c in COUNTRIES])
def test_a_new_city_is_made_with_its_country(variants, place, country):
    graphs = [r.graph for r in variants[0]]
    iri = URIRef(ID_BASE + place)
    countries = {str(o)[len(ID_BASE):] for g in graphs for o in g.objects(iri, SCHEMA.containedInPlace)}
    assert countries == {country}


def test_a_city_known_by_another_name_keeps_the_written_one(gazetteer):
    page = (PAGES / "listing-variants.txt").read_text(encoding="utf-8").replace(
        "AACHEN, 14 May 2012", "AIX-LA-CHAPELLE, 14 May 2012")
    releases, _ = ingest_with_problems(page.encode(), gazetteer)
    release = titled(releases, "OSCE Secretary General opens")
    assert slugs(release, SCHEMA.locationCreated) == {"place/aachen"}
    assert Literal("Aix-La-Chapelle", lang="en") in set(release.graph.objects(
        URIRef(ID_BASE + "place/aachen"), SKOS.altLabel))


DATES = [  # (title starts, schema:datePublished, schema:dateCreated)
    ("Chairman and Secretary General", "2022-07-01", "2022-06-30"),  # no year; they disagree
    ("Roundtable in Sarajevo", "2025-06-12", None),  # reversed dateline, same day
    ("Weekly update from the border", "2021-04-20", None),  # dateline without a date
]


@pytest.mark.parametrize(("start", "published", "created"), DATES, ids=[d[0] for d in DATES])
def test_publishing_date_and_dateline_date_are_both_kept(variants, start, published, created):
    release = titled(variants[0], start)
    assert date_of(release, SCHEMA.datePublished) == published
    assert date_of(release, SCHEMA.dateCreated) == created
    kept = release.graph.objects(release.iri, SCHEMA.dateCreated)
    assert all(o.datatype == namespace.XSD.date for o in kept)


WHERE = [  # (title starts, dcterms:publisher, what it is filed under among schema:mentions)
    ("OSCE Secretary General opens", set(), {"post/secretary-general"}),
    ("Asian Partners discuss", set(), {"partner-group/asian"}),
    ("Troika ministers", {"chairpersonship/2008", "structure/troika"}, set()),
    ("Chairman and Secretary General", {"chairpersonship/2022"}, {"post/secretary-general"}),
    ("OSCE Office helps train", {"field-operation/office-in-baku"}, set()),  # former name, closed
    ("OSCE media freedom representative", set(), {"state/germany"}),  # "Location: Germany"
]


@pytest.mark.parametrize(("start", "publishers", "filed"), WHERE, ids=[w[0] for w in WHERE])
def test_where_we_are_links_every_name(variants, start, publishers, filed):
    release = titled(variants[0], start)
    assert slugs(release, DCTERMS.publisher) == publishers
    mentioned = slugs(release, SCHEMA.mentions)
    assert filed <= mentioned
    assert not {s for s in mentioned if s.startswith(("post/", "partner-group/"))} - filed


def test_a_former_name_of_a_field_of_work_is_that_field(variants):
    release = titled(variants[0], "OSCE Office helps train")
    assert slugs(release, OSCE.fieldOfWork) == {"field/combating-trafficking-in-human-beings"}


LEFT_OUT = [  # (page, items built, (item, reason starts) left out)
    ("listing-variants.txt", 13, [(14, "cut off")]),
    ("listing-cut-label.txt", 1, [(2, "no publication date"), (3, "cut off")]),
]


@pytest.mark.parametrize(("page", "built", "left_out"), LEFT_OUT, ids=[x[0] for x in LEFT_OUT])
def test_a_bad_item_is_reported_and_the_others_go_in(gazetteer, page, built, left_out):
    releases, problems = ingest_with_problems((PAGES / page).read_bytes(), gazetteer, page)
    assert len(releases) == built
    assert [(p.item, p.reason.split(" ")[0]) for p in problems] == \
        [(n, reason.split(" ")[0]) for n, reason in left_out]
    assert all(p.reason.startswith(reason) for p, (_, reason) in zip(problems, left_out, strict=True))
    assert all(p.title for p in problems)


def quotes(release) -> list[tuple[str, str | None, str]]:
    """(speaker slug, role, first words) of each quotation, in order."""
    g = release.graph
    out = []
    for q in sorted(g.objects(release.iri, SCHEMA.citation), key=str):
        role = g.value(q, OSCE.speakerRole)
        out.append((str(g.value(q, SCHEMA.creator))[len(ID_BASE):], str(role) if role else None,
                    " ".join(str(g.value(q, SCHEMA.text)).split()[:3])))
    return out


HOUTEN = ("person/pieter-van-houten", "OSCE High Commissioner on National Minorities")
NAMES = [  # (page, the quotations: speaker, role, first words)
    ("release-names.txt", [
        (*HOUTEN, "Language rights are"),  # full name once, then "Van Houten said"
        ("person/anna-lindqvist-moor", "Head of the OSCE Mission to Ruritania", "We will keep"),
        (*HOUTEN, "Our minority communities"),  # "the High Commissioner added" (the role)
        (*HOUTEN, "This co-operation is"),  # "Mr. van Houten also met …" then "he said"
    ]),
    ("release-plain-copy.txt", [  # "he said" after the name in the dateline paragraph
        ("person/jonas-petraitis", "OSCE Chairperson-in-Office, Lithuanian Foreign Minister",
         "I offer my"),
        ("person/jonas-petraitis", "OSCE Chairperson-in-Office, Lithuanian Foreign Minister",
         "Nothing can justify"),
    ]),
    ("release-title-dateline.txt", [  # a leading clause before the speaker
        ("person/eamon-gilroy", "OSCE Chairperson-in-Office, Irish Deputy Prime Minister",
         "A two-year package"),
        # "…, Gilroy said that … . “…”": the quotation goes on with what he said
        ("person/eamon-gilroy", "OSCE Chairperson-in-Office, Irish Deputy Prime Minister",
         "The first meeting"),
    ]),
]


@pytest.mark.parametrize(("page", "expected"), NAMES, ids=[n[0] for n in NAMES])
def test_a_speaker_named_once_is_known_by_surname_role_and_pronoun(gazetteer, page, expected):
    releases, problems = ingest_with_problems((PAGES / page).read_bytes(), gazetteer, page)
    assert not problems
    assert quotes(releases[0]) == expected


PLAIN = [  # (page: a release's text without the labelled fields, or with bare values)
    ("release-plain-copy.txt", "OSCE Chairperson condemns bombing in Grozny", "2011-08-31",
     {"place/vilnius"}, set(), set()),
    ("release-title-dateline.txt", "Switzerland and Serbia to hold consecutive Chairmanships",
     "2012-02-10", set(), set(), set()),  # Dublin: Ireland is not in the test graph
    ("release-bare-values.txt", "ODIHR publishes final report on early elections in Moldova",
     "2010-03-02", {"place/warsaw"}, {"structure/odihr"}, {"field/elections"}),
]


@pytest.mark.parametrize(("page", "title", "published", "places", "publishers", "fields"), PLAIN,
                         ids=[p[0] for p in PLAIN])
def test_release_copies_without_labels_are_read(gazetteer, page, title, published, places,
                                                publishers, fields):
    releases, problems = ingest_with_problems((PAGES / page).read_bytes(), gazetteer, page)
    assert not problems and len(releases) == 1
    release = releases[0]
    assert release.title == title
    assert date_of(release, SCHEMA.datePublished) == published
    assert slugs(release, SCHEMA.locationCreated) == places
    assert slugs(release, DCTERMS.publisher) == publishers
    assert slugs(release, OSCE.fieldOfWork) == fields
