"""The whole site in chromium: WCAG 2.1 AA (axe-core: no serious or critical violation) on a
page of each kind, at desktop width and on a 390 px phone (no sideways scroll), and the site's
own styled error page for every error, the over-long URL included."""

from __future__ import annotations

import pytest
from browsercheck import PHONE, assert_accessible, assert_fits_phone, shoot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = [
    "/",
    "/page/state/lithuania",
    "/page/state/japan",
    "/page/place/vilnius",
    "/page/field-operation/mission-to-lithuania",
    "/page/chairpersonship/2011",
    "/page/person/audronius-azubalis",
    "/page/event/2011-12-06-vilnius-ministerial-council",
    "/page/release/2011-12-07-vilnius-closes",
    "/page/structure/odihr",
    "/page/organisation/osce",
    "/page/field/combating-trafficking-in-human-beings",
    "/page/tenure/secretary-general-1",
    "/page/series/ministerial-council",
    "/class/ParticipatingState",
    "/search?q=vilnius",
    "/map",
    "/timeline",
    "/sparql",
    "/ontology",
    "/dumps/",
    "/page/state/lithuania?lang=ru",
]


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.route("https://*tile.openstreetmap.org/**", lambda route: route.abort())
    yield page
    context.close()


def slug(path: str) -> str:
    return path.strip("/").replace("/", "-").replace("?", "-").replace("=", "-") or "home"


@pytest.mark.parametrize("path", PAGES)
def test_each_kind_of_page_is_accessible(live_server, browser_page, path):
    page = browser_page
    page.goto(live_server + path, wait_until="networkidle")
    assert_accessible(page)


@pytest.mark.parametrize("path", PAGES)
def test_each_kind_of_page_fits_a_phone(live_server, phone_page, artifacts, path):
    page = phone_page
    page.goto(live_server + path, wait_until="networkidle")
    shoot(page, artifacts, "phone-" + slug(path))
    assert_fits_phone(page)


LONG = "/page/state/" + "x" * 320_000  # beyond Settings.max_url_bytes (3 x 100,000 + 16 KiB)


@pytest.mark.parametrize(("path", "method", "status"), [
    ("/page/state/nowhere", "GET", 404),
    ("/class/Nothing", "GET", 404),
    ("/static/nothing.js", "GET", 404),
    ("/page/state/lithuania?offset=-1", "GET", 400),
    ("/map", "DELETE", 405),
    (LONG, "GET", 414),
], ids=["entity", "class", "static", "bad-parameter", "method", "long-url"])
def test_every_error_is_the_sites_own_page(live_server, browser_page, artifacts, path, method,
                                          status):
    page = browser_page
    if method == "GET":
        response = page.goto(live_server + path)
    else:  # a form cannot send DELETE: ask with the page's own request context, then show it
        answer = page.request.fetch(live_server + path, method=method,
                                    headers={"Accept": "text/html"})
        assert answer.status == status
        page.set_content(answer.text())
        response = None
    if response is not None:
        assert response.status == status
    assert page.locator("header.site .brand").count() == 1
    assert page.locator(".error-page .kind").inner_text().strip().lower() == f"error {status}"
    assert page.locator(".error-page .message").inner_text().strip() != ""
    if response is not None:  # styled: the site's stylesheet applies (the header is coloured)
        colour = page.eval_on_selector("header.site", "h => getComputedStyle(h).backgroundColor")
        assert colour == "rgb(31, 78, 121)"
        assert_accessible(page)
    shoot(page, artifacts, f"error-{status}")
