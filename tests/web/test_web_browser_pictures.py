"""The map, the timeline and the entity maps as chromium draws them, on the phone too; each
page checked with axe-core. Screenshots go to test-artifacts/."""

from __future__ import annotations

import pytest
from browsercheck import PHONE, assert_accessible, assert_fits_phone, shoot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def phone_page(browser):
    """A 390 px wide page (an iPhone 12-14 in portrait) recording console errors."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: page.console_errors.append(msg.text)
            if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    page.route("https://*tile.openstreetmap.org/**", lambda route: route.abort())
    yield page
    context.close()


def open_drawn(page, url: str, box: str) -> None:
    page.goto(url)
    page.wait_for_selector(f"{box}[data-drawn=true]", timeout=20_000)


def test_map_draws_every_feature_offline(live_server, browser_page, artifacts):
    page = browser_page
    # offline: nothing but the server itself answers
    page.route("https://**", lambda route: route.abort())
    data = page.request.get(live_server + "/map.json").json()
    open_drawn(page, live_server + "/map", "#atlas")
    assert page.locator("#atlas .leaflet-marker-icon.mark").count() == len(data["features"]) == 2
    assert page.locator("#atlas .mark-field-operation.closed").count() == 1
    assert page.locator("#atlas .mark-ministerial-council").count() == 1
    # the world's countries are drawn from the packaged shapes; Lithuania shaded as a member
    assert page.locator("#atlas path.country").count() > 200
    assert page.locator("#atlas path.country.member").count() == 1
    page.locator("#atlas .mark-field-operation").click()
    popup = page.locator(".leaflet-popup-content")
    assert popup.locator("a", has_text="OSCE Mission to Lithuania").get_attribute("href") == \
        "/page/field-operation/mission-to-lithuania"
    shoot(page, artifacts, "map")
    assert_accessible(page)
    assert page.console_errors == []


def test_map_and_timeline_fit_a_phone(live_server, phone_page, artifacts):
    page = phone_page
    open_drawn(page, live_server + "/map", "#atlas")
    assert_fits_phone(page)
    shoot(page, artifacts, "map-phone")
    page.goto(live_server + "/timeline")
    assert page.locator("svg.timeline a.span").count() == 3
    assert_fits_phone(page)
    shoot(page, artifacts, "timeline-phone")
    assert page.console_errors == []


def test_timeline_draws_each_item_with_its_link(live_server, browser_page, artifacts):
    page = browser_page
    page.goto(live_server + "/timeline")
    spans = page.locator("svg.timeline a.span")
    assert spans.count() == 3
    bar = page.locator('svg.timeline a.span[href="/page/field-operation/mission-to-lithuania"] rect')
    box = bar.bounding_box()
    assert box is not None and box["width"] > 100  # seven years wide
    shoot(page, artifacts, "timeline")
    assert_accessible(page)
    bar.click()
    page.wait_for_url("**/page/field-operation/mission-to-lithuania")


@pytest.mark.parametrize(("path", "markers", "shaded"), [
    ("/page/field-operation/mission-to-lithuania", 1, ".focus.host"),
    ("/page/place/vilnius", 1, ".focus.in"),
    ("/page/state/lithuania", 0, ".focus.self"),
])
def test_entity_map_shows_the_place_and_its_country(live_server, browser_page, artifacts, path,
                                                     markers, shaded):
    page = browser_page
    open_drawn(page, live_server + path, "#map")
    assert page.locator("#map .leaflet-marker-icon").count() == markers
    assert page.locator(f"#map path.country{shaded}").count() == 1
    shoot(page, artifacts, "where-" + path.rsplit("/", 1)[-1])
    assert_accessible(page)
    assert page.console_errors == []
