"""The reader's site in a real browser (Debian chromium via Playwright) on the real server:
a table sorted and filtered, the language kept across a link, a search suggestion opened.
Screenshots go to test-artifacts/ (git-ignored)."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def live_server(pages_server):
    """The server over the test graph and pages.ttl."""
    return pages_server


def names(page) -> list[str]:
    return page.locator("table.data-table td[data-key=name]").all_inner_texts()


def test_a_table_sorted_and_filtered(live_server, browser_page, artifacts):
    page = browser_page
    page.goto(live_server + "/class/FieldOperation")
    assert page.locator("table.data-table thead th").all_inner_texts()[:3] == [
        "Name", "Host", "Seat"]
    page.click('th[data-key="from"] a')
    page.wait_for_url("**/class/FieldOperation?sort=from*")
    assert page.locator('th[data-key="from"]').get_attribute("aria-sort") in (
        "ascending", "descending")
    ordered = names(page)
    page.click('th[data-key="from"] a')                     # the other way round
    page.wait_for_load_state("load")
    assert names(page) == list(reversed(ordered))
    page.select_option("form.table-filter select[name=filter]", "active")
    page.fill("#table-q", "kosovo")
    page.click("form.table-filter button")
    page.wait_for_url("**filter=active**")
    assert names(page) == ["OSCE Mission in Kosovo"]
    assert page.locator("td[data-key=status]").all_inner_texts() == ["active"]
    page.screenshot(path=str(artifacts / "table-field-operations-filtered.png"), full_page=True)
    assert page.console_errors == []


def test_the_language_is_kept_after_following_a_link(live_server, browser_page, artifacts):
    page = browser_page
    page.goto(live_server + "/page/state/lithuania?lang=fr")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text().strip() == "Lituanie"
    page.click('section.incoming a[href^="/page/field-operation/mission-to-lithuania"]')
    page.wait_for_url("**/page/field-operation/mission-to-lithuania?lang=fr")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert "Pays hôte" in page.locator("section.properties").inner_text()
    assert {"Classes", "Ontologie"} <= set(page.locator("header.site nav").first.inner_text().split())
    page.screenshot(path=str(artifacts / "field-operation-fr.png"), full_page=True)
    page.click('.kind.types a')
    page.wait_for_url("**/class/FieldOperation?lang=fr")
    assert page.locator("h1").inner_text() == "Opération de terrain"
    assert page.console_errors == []


def test_a_search_suggestion_opens_its_page(live_server, browser_page, artifacts):
    page = browser_page
    page.goto(live_server + "/?lang=ru")
    box = page.locator("main form.search input[name=q]")
    box.fill("Vilnus")
    option = page.locator('main [role=listbox] [role=option]').first
    option.wait_for()
    assert "Вильнюс" in option.inner_text() or "Vilnius" in option.inner_text()
    assert box.get_attribute("aria-expanded") == "true"
    page.screenshot(path=str(artifacts / "search-suggestions-ru.png"))
    option.click()
    page.wait_for_url("**/page/place/vilnius?lang=ru")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.console_errors == []


def test_a_suggestion_picked_with_the_keyboard(live_server, browser_page):
    page = browser_page
    page.goto(live_server + "/")
    box = page.locator("header form.search input[name=q]")
    box.fill("field operations")
    page.locator("header [role=listbox] [role=option]").first.wait_for()
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url("**/class/FieldOperation")
    assert page.locator("table.data-table tbody tr").count() == 2
