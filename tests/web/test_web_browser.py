"""A real headless browser (Debian chromium via Playwright) on the real server process."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_home_page(live_server, browser_page, artifacts):
    page = browser_page
    page.goto(live_server + "/")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "The OSCE as linked data"
    assert page.locator("table.counts tbody tr").count() > 5
    page.screenshot(path=str(artifacts / "home.png"), full_page=True)
    page.fill("main form.search input[name=q]", "litauen")
    page.press("main form.search input[name=q]", "Enter")
    page.wait_for_url("**/search?q=litauen")
    page.click("ol.hits a >> nth=0")
    page.wait_for_url("**/page/state/lithuania")
    assert page.console_errors == []


def test_entity_page_for_lithuania_with_links_followed(live_server, browser_page, artifacts):
    page = browser_page
    page.goto(live_server + "/id/state/lithuania")
    page.wait_for_url("**/page/state/lithuania")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text().strip() == "Lithuania"
    assert page.locator('a[href="http://www.wikidata.org/entity/Q37"]').count() >= 1
    page.screenshot(path=str(artifacts / "lithuania.png"), full_page=True)

    page.click('section.incoming a[href="/page/place/vilnius"]')
    page.wait_for_url("**/page/place/vilnius")
    page.wait_for_load_state("networkidle")
    assert "54.6892, 25.2798" in page.locator(".coordinates-text").inner_text()
    if page.evaluate("typeof window.L !== 'undefined'"):
        assert page.locator("#map.ready .leaflet-marker-icon").count() == 1
    page.screenshot(path=str(artifacts / "vilnius.png"), full_page=True)

    page.click('section.properties a[href="/page/state/lithuania"]')
    page.wait_for_url("**/page/state/lithuania")
    page.click('.types a[href="/class/ParticipatingState"]')
    page.wait_for_url("**/class/ParticipatingState")
    assert page.locator("td[data-key=name] a").all_inner_texts() == [
        "Austria", "Estonia", "Latvia", "Lithuania", "Poland"]

    page.goto(live_server + "/page/state/lithuania?lang=ru")
    assert page.locator("h1").inner_text().strip() == "Литва"
    page.click('.formats a[type="text/turtle"]')
    assert "state/lithuania" in page.content()
    assert page.console_errors == []


def test_script_literal_stays_text_in_the_browser(live_server, browser_page):
    page = browser_page
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(live_server + "/page/release/2011-12-07-vilnius-closes")
    page.wait_for_load_state("networkidle")
    assert "<script>" in page.locator("h1").inner_text()
    assert dialogs == [] and page.console_errors == []


def test_unknown_entity_page_suggests(live_server, browser_page, artifacts):
    page = browser_page
    response = page.goto(live_server + "/page/state/lithuana")
    assert response.status == 404
    page.click(".similar a >> nth=0")
    page.wait_for_url("**/page/state/lithuania")
    page.screenshot(path=str(artifacts / "not-found-followed.png"))
    # the 404 itself is a console error in chromium; only later errors count
    assert all("404" in e for e in page.console_errors)
