"""The query editor in chromium against ``osce-kg serve`` (2 s time limit, 500 rows): the
server's message for every error, shared and linked queries, labels, the map, timeline and
chart views, axe-core and the 390 px phone. Screenshots go to test-artifacts/."""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

import pytest
from browsercheck import PHONE, assert_accessible, assert_fits_phone, shoot
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CARTESIAN = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"  # > 2 s
STATES = "SELECT ?state WHERE { ?state a osce:ParticipatingState } ORDER BY ?state LIMIT 3"
CITIES = ("SELECT ?place ?lat ?long WHERE { ?place a schema:City ; schema:geo "
          "[ schema:latitude ?lat ; schema:longitude ?long ] } ORDER BY ?place")
LIFETIMES = ("SELECT ?op ?from ?to WHERE { ?op a osce:FieldOperation ; schema:foundingDate ?from "
             "OPTIONAL { ?op schema:dissolutionDate ?to } } ORDER BY ?from")
COUNTS = ("SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class "
          "ORDER BY DESC(?n) ?class LIMIT 5")


def editor(page, base: str, *, hash_query: str | None = None, query: str | None = None) -> None:
    """Open the editor (with a shared ``#query=`` or a ``?query=`` link) and wait for it."""
    url = base + "/sparql"
    if query is not None:
        url += "?" + urlencode({"query": query})
    if hash_query is not None:
        url += "#query=" + quote(hash_query, safe="")
    page.goto(url)
    page.wait_for_selector("#sparql-form[data-ready=true]")


def run(page, text: str) -> None:
    page.fill("#sparql-query", text)
    page.click("#sparql-form button.run")


@pytest.mark.parametrize(("query", "status", "words"), [
    ("SELECT * WHERE { ?s ?p }", "400 Bad Request", ["syntax error", "line 1, column 25"]),
    ("DELETE WHERE { ?s ?p ?o }", "400 Bad Request", ["read-only", "DELETE"]),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "400 Bad Request", ["read-only"]),
    (CARTESIAN, "503 Service Unavailable", ["2 s"]),
    ("SELECT * WHERE { ?s ?p ?o } #" + "x" * 100_001, "413 Request Entity Too Large",
     ["100,000"]),
], ids=["syntax", "delete", "insert", "timeout", "too-large"])
def test_the_editor_shows_the_servers_message(sparql_server, browser_page, artifacts, query,
                                              status, words):
    page = browser_page
    editor(page, sparql_server)
    run(page, query)
    error = page.locator("#sparql-error")
    error.wait_for(state="visible", timeout=20_000)
    text = error.inner_text()
    assert text.startswith(status)
    assert all(word in text for word in words), text
    assert page.locator("#sparql-results").is_hidden()
    shoot(page, artifacts, "editor-error-" + status.split()[0] + "-" + words[0].split()[0])
    if "line" in words[-1]:  # the position button puts the cursor there
        page.click("#sparql-error .error-position")
        assert page.evaluate("document.getElementById('sparql-query').selectionStart") == 24
    # the failed request is the only console error (chromium logs it)
    assert all("status of" in e for e in page.console_errors)


def test_a_shared_link_opens_and_runs_what_was_shared(sparql_server, browser_page, artifacts):
    page = browser_page
    editor(page, sparql_server, hash_query=STATES)
    assert page.input_value("#sparql-query") == STATES
    page.wait_for_selector(".results-table tbody tr")
    assert page.locator(".results-table tbody tr").count() == 3
    # sharing what is in the editor gives a link that opens it again
    run(page, STATES.replace("LIMIT 3", "LIMIT 2"))
    expect(page.locator(".results-table tbody tr")).to_have_count(2)
    page.click("#sparql-form button.share")
    link = page.input_value("#sparql-share")
    assert "#query=" in link
    page.goto("about:blank")
    page.goto(link)
    page.wait_for_selector("#sparql-form[data-ready=true]")
    assert page.input_value("#sparql-query") == STATES.replace("LIMIT 3", "LIMIT 2")
    expect(page.locator(".results-table tbody tr")).to_have_count(2)
    shoot(page, artifacts, "editor-shared")


def test_results_show_labels_linking_to_pages(sparql_server, browser_page):
    page = browser_page
    editor(page, sparql_server, query=STATES)
    assert page.input_value("#sparql-query") == STATES
    expect(page.locator(".results-table a")).to_have_text(["Albania", "Andorra", "Armenia"])
    links = page.eval_on_selector_all(".results-table a", "as => as.map(a => [a.textContent, "
                                      "a.getAttribute('href'), a.title])")
    assert [text for text, _, _ in links] == ["Albania", "Andorra", "Armenia"]
    assert links[0][1:] == ["/page/state/albania", "https://w3id.org/osce/id/state/albania"]
    assert page.console_errors == []


def test_a_home_page_example_opens_with_its_question_and_runs(sparql_server, browser_page,
                                                             artifacts):
    page = browser_page
    page.goto(sparql_server + "/")
    page.click(".examples a >> nth=0")
    page.wait_for_selector("#sparql-form[data-ready=true]")
    text = page.input_value("#sparql-query")
    assert text.startswith("# How many participating States are there?\n")
    assert "PREFIX" not in text
    page.wait_for_selector(".results-table tbody tr")
    assert re.fullmatch(r"1 rows in [\d.]+ s", page.inner_text("#sparql-status"))
    shoot(page, artifacts, "editor-example")
    assert page.console_errors == []


@pytest.mark.parametrize(("query", "view", "drawn", "count"), [
    (CITIES, "map", "#sparql-results .results-map .leaflet-marker-icon", 54),
    (LIFETIMES, "timeline", "#sparql-results .results-timeline a.span", 29),
    (COUNTS, "chart", "#sparql-results ol.bar-chart li", 5),
], ids=["map", "timeline", "chart"])
def test_pictures_of_the_results(sparql_server, browser_page, artifacts, query, view, drawn,
                                 count):
    page = browser_page
    editor(page, sparql_server, query=query)
    page.wait_for_selector(".results-table tbody tr")
    page.click(f"#sparql-results .views button[data-view={view}]")
    expect(page.locator(drawn)).to_have_count(count)
    if view == "map":  # the country shapes come after the markers: wait for them too
        page.wait_for_selector("#sparql-results .results-map[data-countries]", state="attached")
        shapes = page.locator("#sparql-results .results-map path.country").count()
        assert shapes > 100, shapes
    assert page.locator(f"#sparql-results .views button[data-view={view}]") \
        .get_attribute("aria-pressed") == "true"
    shoot(page, artifacts, f"editor-{view}")
    assert page.console_errors == []


def test_the_editor_is_accessible_and_fits_a_phone(sparql_server, browser, artifacts):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        editor(page, sparql_server, query=COUNTS)
        page.wait_for_selector(".results-table tbody tr")
        assert_fits_phone(page)
        page.click("#sparql-results .views button[data-view=chart]")
        assert_fits_phone(page)
        assert_accessible(page)
        shoot(page, artifacts, "editor-phone")
    finally:
        context.close()


def test_the_query_is_coloured_as_typed(sparql_server, browser_page):
    page = browser_page
    editor(page, sparql_server)
    run(page, STATES)
    page.locator("#sparql-query").press("End")
    page.keyboard.type(" # last")
    painted = page.locator(".code-highlight code")
    # the coloured copy is the text itself, token by token
    assert painted.inner_text().rstrip("\n") == page.input_value("#sparql-query")
    assert page.locator(".code-highlight .c-keyword").all_inner_texts()[:3] == [
        "SELECT", "WHERE", "a"]
    assert page.locator(".code-highlight .c-var").first.inner_text() == "?state"
    assert page.locator(".code-highlight .c-prefixed").first.inner_text() == \
        "osce:ParticipatingState"
    assert page.locator(".code-highlight .c-comment").inner_text() == "# last"


def test_a_long_query_can_be_stopped(sparql_server, browser_page):
    page = browser_page
    editor(page, sparql_server)
    run(page, CARTESIAN)
    page.click("#sparql-form button.stop")
    expect(page.locator("#sparql-status")).to_have_text("Stopped.")
    assert page.locator("#sparql-error").is_hidden()
    assert page.locator("#sparql-form button.stop").is_hidden()


@pytest.mark.parametrize(("query", "shown"), [
    ("CONSTRUCT { ?s a osce:ParticipatingState } WHERE { ?s a osce:ParticipatingState } LIMIT 2",
     "ParticipatingState"),
    ("ASK { ?s a osce:FieldOperation }", "yes"),
], ids=["construct", "ask"])
def test_graphs_and_booleans_are_shown(sparql_server, browser_page, query, shown):
    page = browser_page
    editor(page, sparql_server, query=query)
    answer = page.locator("#sparql-results pre.rdf-answer, #sparql-results .ask-answer")
    expect(answer).to_contain_text(shown)
    assert page.locator("#sparql-error").is_hidden()
