"""Search people expect: typos forgiven, class words understood, a line about each hit, the
language kept."""

from __future__ import annotations

import pytest
from webassert import html


@pytest.fixture
def client(pages_client):
    """The app over the test graph and pages.ttl."""
    return pages_client


def results(client, text: str, **params) -> list[dict]:
    response = client.get("/search", query_string={"q": text, "format": "json", **params})
    return response.get_json()["results"]


@pytest.mark.parametrize(("text", "page"), [
    ("Lithuana", "/page/state/lithuania"),
    ("Vilnus", "/page/place/vilnius"),
    ("Pristna", "/page/place/pristina"),
    ("Litaun", "/page/state/lithuania"),          # German, a letter swapped and one missing
    ("mision kosovo", "/page/field-operation/mission-in-kosovo"),
])
def test_typos_are_forgiven(client, text, page):
    assert results(client, text)[0]["page"] == page


def test_short_words_must_match_exactly(client):
    assert results(client, "Lit") != [] and results(client, "Xyz") == []


@pytest.mark.parametrize(("text", "lang", "page", "label"), [
    ("field operations", None, "/class/FieldOperation", "Field operation"),
    ("opérations de terrain", "fr", "/class/FieldOperation?lang=fr", "Opération de terrain"),
    ("participating states", None, "/class/ParticipatingState", "Participating State"),
    ("полевые операции", "ru", "/class/FieldOperation?lang=ru", "Полевая операция"),  # endings
])
def test_class_words_open_the_table(client, text, lang, page, label):
    first = results(client, text, **({"lang": lang} if lang else {}))[0]
    assert (first["kind"], first["page"], first["label"]) == ("class", page, label)


@pytest.mark.parametrize(("text", "description"), [
    ("Vilnius", "City · Lithuania"),
    ("mission in kosovo", "Field operation · Kosovo · July 1999"),
    ("Lithuania", "Participating State · 10 September 1991"),
    ("field operations", "Table of 2 things"),
])
def test_each_hit_is_described_in_a_line(client, text, description):
    assert results(client, text)[0]["description"] == description


def test_descriptions_and_labels_in_the_page_language(client):
    first = results(client, "Lithuana", lang="fr")[0]
    assert first["label"] == "Lituanie" and first["page"] == "/page/state/lithuania?lang=fr"
    assert first["description"] == "État participant · 10 septembre 1991"


def test_the_results_page_describes_hits_and_marks_typos(client):
    soup = html(client.get("/search?q=Vilnus"))
    hit = soup.select_one("ol.hits li")
    assert hit.a["href"] == "/page/place/vilnius"
    assert hit.select_one(".description").get_text() == "City · Lithuania"
    assert hit.select_one(".typo") is not None
