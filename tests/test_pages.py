"""The page model's text helpers: dates as written, sources by publisher, notes for readers,
typo distance. (The pages themselves: tests/web/test_web_pages.py.)"""

from __future__ import annotations

import pytest
from rdflib import namespace  # XSD via the module: pytest probes module globals, XSD warns

from osce_kg.pages.dates import format_lexical
from osce_kg.pages.search import LabelIndex, _Entry, edit_distance, same_stem
from osce_kg.pages.sources import as_original, group_sources, publisher_of, reader_note


@pytest.mark.parametrize(("lexical", "datatype", "lang", "expected"), [
    ("1992-09", namespace.XSD.gYearMonth, "en", "September 1992"),
    ("1992-09", namespace.XSD.gYearMonth, "fr", "septembre 1992"),
    ("1992-09", namespace.XSD.gYearMonth, "it", "settembre 1992"),
    ("1992-09-01", namespace.XSD.date, "en", "1 September 1992"),
    ("1992-09-01", namespace.XSD.date, "de", "1. September 1992"),
    ("1992-09-01", namespace.XSD.date, "es", "1 de septiembre de 1992"),
    ("1992", namespace.XSD.gYear, "ru", "1992"),
    ("2011-12-07T10:00:00Z", namespace.XSD.dateTime, "en", "7 December 2011"),
    ("1992-13-45", namespace.XSD.date, "en", "1992-13-45"),      # not a date: as it is
    ("sometime", namespace.XSD.gYear, "en", "sometime"),
])
def test_dates_are_written_as_people_write_them(lexical, datatype, lang, expected):
    assert format_lexical(lexical, datatype, lang) == expected


@pytest.mark.parametrize(("url", "expected"), [
    ("https://shhada.ir/bih/53214", "https://www.osce.org/bih/53214"),
    ("https://d6.web.osce.org/secretariat/1?x=1", "https://www.osce.org/secretariat/1?x=1"),
    ("https://www.osce.org/bih/1", "https://www.osce.org/bih/1"),
    ("https://reliefweb.int/report/a", "https://reliefweb.int/report/a"),
])
def test_a_copy_of_an_osce_page_is_shown_as_the_osce_page(url, expected):
    assert as_original(url) == expected


@pytest.mark.parametrize(("url", "publisher"), [
    ("https://ashgabat.osce.org/tk/node/1", "OSCE"), ("http://osce.org/who/84", "OSCE"),
    ("https://www.oscepa.org/x", "OSCE Parliamentary Assembly"),
    ("https://webintra.cvce.eu/en/x", "CVCE (University of Luxembourg)"),
    ("https://www.mfa.gov.mk/x", "mfa.gov.mk"),
])
def test_publishers(url, publisher):
    assert publisher_of(url) == publisher


def test_sources_grouped_osce_first_then_by_name_duplicates_once():
    groups = group_sources(["https://reliefweb.int/a", "https://www.osce.org/b",
                            "https://shhada.ir/b", "http://www.osce.org/b", "https://azkurs.org/t",
                            "https://www.osce.org/a"])
    assert [(g.publisher, g.links) for g in groups] == [
        ("OSCE", ["https://www.osce.org/a", "https://www.osce.org/b"]),
        ("azkurs.org", ["https://azkurs.org/t"]), ("ReliefWeb (UN OCHA)", ["https://reliefweb.int/a"])]


@pytest.mark.parametrize(("note", "expected"), [
    ("PC Decision No. 244 of 23 Jul 1998; operations started January 1999.",
     "PC Decision No. 244 of 23 Jul 1998; operations started January 1999."),
    ("Prague Council 30-31 Jan 1992. Sources: GitHub owid/owid-grapher packages/x.ts "
     "@c7402d12e25bd1d45f5bd7d66cfc083342a1ed96 (iso_alpha2 columns) | https://a.org/b.",
     "Prague Council 30-31 Jan 1992."),
    ("The CSCE opened at Helsinki in July 1973 (reference: participating_states.csv, "
     "summits.csv). Wikidata Q81299: two lists agree (reference SOURCES.md).",
     "The CSCE opened at Helsinki in July 1973."),
    ("Not looked up. Sources: own knowledge (no source read). Reference confidence: likely.", ""),
    ("Established 1995; seat Geneva: likely (not stated in the excerpts read).",
     "Established 1995."),
])
def test_notes_keep_what_is_for_readers(note, expected):
    assert reader_note(note) == expected


@pytest.mark.parametrize(("a", "b", "distance"), [
    ("lithuana", "lithuania", 1), ("vilnus", "vilnius", 1), ("skopie", "skopje", 1),
    ("kitten", "sitting", 3), ("same", "same", 0),
])
def test_edit_distance(a, b, distance):
    assert edit_distance(a, b, 5) == distance
    assert edit_distance(a, b, 0) == min(distance, 1)  # past the limit: the limit + 1


def test_typos_match_words_of_labels_not_whole_labels():
    entries = [_Entry("s:1", "North Macedonia", "North Macedonia", "en", "north macedonia",
                      "state", ("north", "macedonia"), True)]
    index = LabelIndex(entries)
    assert [h.score for h in index.search("macedona")] == [5]
    assert index.search("nrth macedonia")[0].iri == "s:1"
    assert index.search("mac") and index.search("mcd") == []


@pytest.mark.parametrize(("a", "b", "same"), [
    ("полевые", "полевая", True), ("operations", "operation", True),
    ("opérations", "opération", True), ("vilnius", "vienna", False), ("lit", "lith", False),
])
def test_words_with_another_ending(a, b, same):
    assert same_stem(a, b) is same
