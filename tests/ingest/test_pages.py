"""Page structure, datelines, speakers, bad input, and HTML ≡ text."""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import DCTERMS

from osce_kg.errors import IngestError
from osce_kg.ingest.dates import parse_dateline
from osce_kg.ingest.reading import read_page
from osce_kg.ingest.speakers import parse_speaker

from .conftest import PAGES, ingest_bytes, ingest_file


@pytest.mark.parametrize(("paragraph", "places", "date", "rest"), [
    ("VILNIUS, 26 October 2007 - Co-ordinated action", ("VILNIUS",), (2007, 10, 26), "Co-ordinated"),
    ("VIENNA, 5 March 2010- The OSCE", ("VIENNA",), (2010, 3, 5), "The OSCE"),
    ("SKOPJE, 3 May 2001 (OSCE)-- The head", ("SKOPJE",), (2001, 5, 3), "The head"),
    ("WARSAW – 12 June 2015. The OSCE", ("WARSAW",), (2015, 6, 12), "The OSCE"),
    ("12 June 2015, Warsaw – The office", ("Warsaw",), (2015, 6, 12), "The office"),
    ("VIENNA/WARSAW, 1 May 2012 — Both", ("VIENNA", "WARSAW"), (2012, 5, 1), "Both"),
    ("TIRANA / BRUSSELS / GENEVA, 2 February 2009 – The", ("TIRANA", "BRUSSELS", "GENEVA"),
     (2009, 2, 2), "The"),
    ("BISHKEK, October 5, 2011 — A", ("BISHKEK",), (2011, 10, 5), "A"),
])
def test_dateline_variants(paragraph, places, date, rest):
    found = parse_dateline(paragraph)
    assert found is not None
    assert found.places == places
    assert found.date.resolve(None) == dt.date(*date)
    assert found.rest.startswith(rest)


def test_dateline_without_year_takes_the_year_of_the_reference():
    found = parse_dateline("ALMATY, 5 March – The centre")
    assert found.date.year is None
    assert found.date.resolve(dt.date(2013, 3, 6)) == dt.date(2013, 3, 5)
    assert found.date.resolve(dt.date(2014, 1, 2)) == dt.date(2013, 3, 5)


@pytest.mark.parametrize("paragraph", [
    "Co-ordinated and concerted action from governments - the media",
    "The OSCE said, 5 March 2010 - that it would",
    "",
])
def test_no_dateline(paragraph):
    assert parse_dateline(paragraph) is None


@pytest.mark.parametrize(("phrase", "name", "role"), [
    ("Eva Biaudet, Special Representative and Co-ordinator", "Eva Biaudet",
     "Special Representative and Co-ordinator"),
    ("Lithuanian Interior Minister Raimondas Sukys", "Raimondas Sukys",
     "Lithuanian Interior Minister"),
    ("the OSCE Secretary General, Marc Perrin de Brichambaut", "Marc Perrin de Brichambaut",
     "OSCE Secretary General"),
    ("the Ambassador of Japan to the OSCE, Mr. Taro Yamada", "Taro Yamada",
     "Ambassador of Japan to the OSCE"),
    ("Swiss Foreign Minister Didier Burkhalter", "Didier Burkhalter", "Swiss Foreign Minister"),
    ("OSCE Chairman-in-Office Solomon Passy", "Solomon Passy", "OSCE Chairman-in-Office"),
    ("the Chairwoman-in-Office, Anna Example", "Anna Example", "Chairwoman-in-Office"),
])
def test_speaker_phrases(phrase, name, role):
    found = parse_speaker(phrase)
    assert (found.name, found.role) == (name, role)


def test_pronoun_and_surname_phrases():
    assert parse_speaker("she").pronoun
    found = parse_speaker("Biaudet")
    assert found.surname_only and found.name == "Biaudet"


def test_release_page_structure():
    page = read_page((PAGES / "release-almaty-workshop.txt").read_bytes(), "almaty")
    assert page.kind == "release"
    assert [m.heading for m in page.menus if m.entries][:2] == ["Fields of work",
                                                                "Meetings and conferences"]
    entry = page.entries[0]
    assert entry.content_type == "Press release"
    assert entry.date == "14 May 2009"
    assert entry.places == ("ALMATY",)
    assert entry.sources == ("OSCE Centre in Almaty",)
    assert entry.fields == ("Border management", "Policing")
    assert len(entry.paragraphs) == 4


def test_listing_structure():
    page = read_page((PAGES / "listing-newsroom-2016.txt").read_bytes(), "listing")
    assert page.kind == "listing"
    assert [e.content_type for e in page.entries] == ["News item", "Feature story",
                                                      "Press release", "Daily report"]
    assert page.entries[0].sources == ("OSCE Secretariat", "OSCE Mission to Skopje")
    assert page.entries[0].paragraphs[0].endswith("...")


@pytest.mark.parametrize("name", ["release-almaty-workshop", "release-warsaw-elections",
                                  "release-tirana-brussels", "listing-newsroom-weekly"])
def test_html_and_text_give_isomorphic_graphs(name, gazetteer):
    def graph_of(path):
        g = Graph()
        for release in ingest_file(path, gazetteer):
            g += release.graph
        g.remove((None, DCTERMS.identifier, None))  # the checksum of the bytes differs
        return g

    text, html = graph_of(PAGES / f"{name}.txt"), graph_of(PAGES / f"{name}.html")
    if not isomorphic(text, html):
        _, only_text, only_html = graph_diff(to_isomorphic(text), to_isomorphic(html))
        pytest.fail(f"only in text: {sorted(only_text)}\nonly in HTML: {sorted(only_html)}")


SEED_LIKE = (PAGES / "release-bern-statement.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    (bytes(range(256)) * 4, "binary"),
    (b"<html><body><nav><ul><li>OSCE</li></ul></nav><h1>Title", "truncated"),
    (SEED_LIKE.split("- Fields of work:")[0].encode(), "truncated"),
    (b"Press release\nCity council opens a park\n- Date:\n- 1 May 2010\nThe park opened.\n",
     "not an OSCE page"),
    (b"<html><body><p>Weather in Vienna today</p></body></html>", "not an OSCE page"),
    (SEED_LIKE.replace("Chairperson-in-Office welcomes agreement on ceasefire monitoring in "
                       "Georgia\n", "").encode(), "title"),
    (SEED_LIKE.replace("BERN, 2 April 2014 (OSCE)-- ", "").encode(), "no publication date"),
])
def test_bad_pages_raise_a_clear_error(data, reason, gazetteer):
    with pytest.raises(IngestError) as caught:
        ingest_bytes(data, gazetteer, source="bad-page.txt")
    assert "bad-page.txt" in str(caught.value)
    assert reason in caught.value.reason


def test_unknown_names_are_reported_with_the_closest(gazetteer):
    page = (PAGES / "release-tirana-brussels.txt").read_text(encoding="utf-8")
    releases = ingest_bytes(page.replace("OSCE Troika", "OSCE Quartet").encode(), gazetteer)
    notes = releases[0].notes
    assert any(n.startswith("unknown structure 'OSCE Quartet'; closest:") for n in notes)
    vienna = ingest_file(PAGES / "release-vienna-media.txt", gazetteer)[0]
    assert "unknown content type 'Speech' (typed osce:Release)" in vienna.notes
    assert any("'Safety of journalists' kept as a topic under 'Media freedom and development'"
               in n for n in vienna.notes)
