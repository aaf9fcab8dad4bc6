"""Entity pages for readers: labels in the page's language, dates as written, sections by
meaning, a summary line, releases, notes without pipeline internals, sources by publisher."""

from __future__ import annotations

import pytest
from webassert import html


@pytest.fixture
def client(pages_client):
    """The app over the test graph and pages.ttl."""
    return pages_client

FIELD_OPERATION = "/page/field-operation/mission-in-kosovo"
CLOSED_OPERATION = "/page/field-operation/mission-to-lithuania"
RELEASE = "/page/release/2011-12-07-vilnius-closes"


def page(client, path: str, lang: str | None = None):
    """The page in ``lang`` (asked with ``?lang=``), or as a browser with no preference gets it."""
    if lang:
        path += ("&" if "?" in path else "?") + f"lang={lang}"
    return html(client.get(path))


def rows(soup) -> dict[str, str]:
    """Reader rows: label → values as text."""
    return {tr.th.get_text(" ", strip=True): tr.td.get_text(" ", strip=True)
            for tr in soup.select("section.properties tr")}


def summary(soup) -> str:
    return " ".join(soup.select_one("p.summary").get_text(" ", strip=True).split()).replace(
        " ,", ",").replace(" ;", ";")


@pytest.mark.parametrize(("lang", "founded", "host_label"), [
    (None, "Founded", "Host country"),
    ("fr", "Créé", "Pays hôte"),
])
def test_properties_by_their_labels_in_the_page_language(client, lang, founded, host_label):
    found = rows(page(client, FIELD_OPERATION, lang))
    assert founded in found and host_label in found
    assert not any(":" in label or label[0].islower() for label in found)


def test_a_label_missing_in_the_page_language_is_english_and_marked(client):
    soup = page(client, FIELD_OPERATION, "ru")
    seat = soup.select_one("section.properties tr.p-org-hasSite th")
    assert seat.select_one("[lang=en]").get_text() == "Seat"
    assert seat.select_one(".lang-fallback").get_text() == "en"
    heading = soup.h1
    assert heading["lang"] == "en" and heading.select_one(".lang-fallback") is not None
    host = soup.select_one("section.properties tr.p-osce-hostCountry th")
    assert host.get_text(strip=True) == "Принимающая страна" and not host.select("[lang]")


@pytest.mark.parametrize(("lang", "expected"), [
    (None, "July 1999"), ("fr", "juillet 1999"), ("de", "Juli 1999"), ("es", "julio de 1999"),
])
def test_year_and_month_dates_are_written_as_people_write_them(client, lang, expected):
    soup = page(client, FIELD_OPERATION, lang)
    time = soup.select_one("section.properties time")
    assert time.get_text() == expected and time["datetime"] == "1999-07"


@pytest.mark.parametrize(("lang", "expected"), [
    (None, "10 September 1991"), ("fr", "10 septembre 1991"), ("ru", "10 сентября 1991\u202fг."),
])
def test_full_dates_are_written_in_the_page_language(client, lang, expected):
    soup = page(client, "/page/state/lithuania", lang)
    assert soup.select_one("section.properties time").get_text() == expected


def test_datatypes_tags_and_prefixed_names_only_in_the_data_view(client):
    reader = page(client, "/page/state/lithuania").select_one("article").get_text(" ")
    for raw in ("xsd:", "@de", "osce:", "rdfs:", "owl:sameAs"):
        assert raw not in reader
    data = page(client, "/page/state/lithuania?view=data").select_one("article").get_text(" ")
    for raw in ("xsd:date", "@de", "osce:participatingSince", "owl:sameAs"):
        assert raw in data


@pytest.mark.parametrize(("path", "lang", "expected"), [
    (FIELD_OPERATION, None, "OSCE field operation in Kosovo since July 1999, seat Pristina — active"),
    (CLOSED_OPERATION, None, "OSCE field operation in Lithuania 1993 to 1999, seat Vilnius — closed"),
    (FIELD_OPERATION, "fr", "Opération de terrain de l’OSCE – Kosovo depuis juillet 1999, "
                            "siège : Pristina en — active"),
    ("/page/chairpersonship/2011", None,
     "Lithuania chaired the OSCE in 2011; Chairperson-in-Office: Audronius Ažubalis"),
    ("/page/state/lithuania", None,
     "OSCE participating State since 10 September 1991 · ISO code LT / LTU"),
    (RELEASE, None, "Press release published on 7 December 2011 in Vilnius, "
                    "by Office for Democratic Institutions and Human Rights"),
])
def test_a_one_line_summary_is_written_from_the_facts(client, path, lang, expected):
    assert summary(page(client, path, lang)) == expected


def test_sections_are_ordered_by_meaning(client):
    soup = page(client, FIELD_OPERATION)
    assert [s["id"] for s in soup.select("section.facts")] == [
        "s-when", "s-where", "s-related"]
    assert [h.get_text() for h in soup.select("section.facts h2")] == ["When", "Where", "Related"]
    where = [th.get_text(" ", strip=True) for th in soup.select("#s-where th")]
    assert where == ["Host country", "Seat likely"]  # the location repeats the seat: once


def test_incoming_links_read_from_the_other_end(client):
    phrases, path = [], "/page/organisation/osce"
    while path:  # three links a page in the test settings
        soup = page(client, path)
        phrases += [tr.th.contents[0].strip() for tr in soup.select("section.incoming tr")]
        following = soup.select_one('.pager a[rel="next"]')
        path = following["href"] if following else None
    assert "Has the unit" in phrases and "Organiser of" in phrases
    assert not any(p.startswith("Is ") for p in phrases)


def test_a_release_shows_its_title_once_its_body_in_paragraphs_and_the_original(client):
    soup = page(client, RELEASE)
    title = "Vilnius meeting <script>alert('x')</script> closes"
    assert soup.get_text().count(title) == 2  # the heading and the <title> only
    assert [p.get_text() for p in soup.select(".release .body p")] == [
        "VILNIUS, 7 December 2011 - The meeting closed today.",
        "Body with </script><script>alert(1)</script> & \"quotes\".",
        "\"We close,\" said the Chairperson-in-Office."]
    assert soup.select_one(".release .original a")["href"] == "https://www.osce.org/cio/87041"
    dateline = soup.select_one(".release .dateline")
    assert dateline.time["datetime"] == "2011-12-07"
    assert dateline.select_one('a[href="/page/place/vilnius"]') is not None
    assert "articleBody" not in soup.select_one("section.properties").get_text()


def test_a_release_quotes_people_with_their_roles(client):
    quote = page(client, RELEASE).select_one(".quotations li")
    assert quote.blockquote.get_text() == "“We close.”"
    speaker = quote.select_one(".speaker")
    assert speaker.a["href"] == "/page/person/audronius-azubalis"
    assert speaker.select_one(".role").get_text() == "Chairperson-in-Office"


def test_a_release_lists_what_it_mentions(client):
    related = page(client, RELEASE).select_one("#s-related")
    mentions = related.select_one("tr.p-schema-mentions")
    assert {a["href"] for a in mentions.select("a")} == {"/page/state/lithuania",
                                                         "/page/person/audronius-azubalis"}


def test_notes_are_for_readers_without_pipeline_internals(client):
    notes = page(client, FIELD_OPERATION).select_one("section.notes").get_text(" ", strip=True)
    assert "PC Decision No. 305 of 1 Jul 1999; distinct component of UNMIK." in notes
    for internal in ("Sources:", "GitHub", "owid", "@c7402d1", "reference", ".csv",
                     "confidence", "https://"):
        assert internal not in notes


def test_sources_are_grouped_by_publisher_the_osce_first_and_mirrors_shown_as_osce(client):
    sources = page(client, FIELD_OPERATION).select_one("section.sources")
    publishers = [dt.get_text() for dt in sources.select("dt")]
    assert publishers[0] == "OSCE" and publishers[1:] == sorted(publishers[1:], key=str.casefold)
    osce_links = [a["href"] for a in sources.select("dt.osce + dd a")]
    assert osce_links == ["https://www.osce.org/kosovo/13208", "https://www.osce.org/kosovo/43375"]
    assert not [a for a in sources.select("a") if "shhada.ir" in a["href"] or "d6.web" in a["href"]]


def test_a_likely_fact_is_marked(client):
    seat = page(client, FIELD_OPERATION).select_one("tr.p-org-hasSite th .likely")
    assert seat is not None and seat.get_text() == "likely"


def test_a_release_shows_its_quotations_once(client):
    soup = page(client, RELEASE)
    assert soup.select_one("section.properties tr.p-schema-citation") is None
    assert soup.select_one("section.properties tr.p-schema-dateline") is None
    incoming = soup.select_one("section.incoming")
    assert incoming is None or "/page/quotation/" not in str(incoming)
    assert len(soup.select(".quotations li")) == 1
