"""The journalist's questions answered by the pictures, on the curated graph, in chromium:
"Where does the OSCE have field operations today, and which have closed?" (/map) and "Who
chaired the OSCE in 1999, and who was Secretary General then?" (/timeline), in English and
French. What is drawn is checked against the endpoint's own answer."""

from __future__ import annotations

from datetime import date

import pytest
import requests
from browsercheck import assert_accessible, shoot
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OPERATIONS = """SELECT ?op ?end WHERE {
  ?op a osce:FieldOperation ; schema:location/schema:geo ?where .
  OPTIONAL { ?op schema:dissolutionDate ?end }
}"""


def page_paths(iris: set[str]) -> set[str]:
    return {"/page/" + iri.removeprefix("https://w3id.org/osce/id/") for iri in iris}


def operations_by_status(server: str) -> dict[str, set[str]]:
    """The endpoint's answer: field operations with a seat, current or closed today."""
    answer = requests.post(server + "/sparql", data={"query": OPERATIONS}, timeout=30,
                           headers={"Accept": "application/sparql-results+json"}).json()
    today = date.today().isoformat()
    found: dict[str, set[str]] = {"current": set(), "closed": set()}
    for row in answer["results"]["bindings"]:
        end = row.get("end", {}).get("value")
        found["closed" if end and end[:10] < today else "current"].add(row["op"]["value"])
    return {status: page_paths(iris) for status, iris in found.items()}


def test_where_the_osce_has_field_operations_today(sparql_server, browser_page, artifacts):
    page = browser_page
    page.route("https://**", lambda route: route.abort())
    expected = operations_by_status(sparql_server)
    assert expected["current"] and expected["closed"]
    page.goto(sparql_server + "/map")
    page.wait_for_selector("#atlas[data-drawn=true]", timeout=20_000)
    for status, anchor in (("current", "#current"), ("closed", "#closed")):
        listed = page.eval_on_selector_all(f"{anchor} + .table-wrap tbody td:first-child a",
                                           "as => as.map(a => a.getAttribute('href'))")
        assert set(listed) == expected[status]
        drawn = page.locator(f"#atlas .mark-field-operation.{status}")
        seats = page.eval_on_selector_all(f"#atlas .mark-field-operation.{status}",
                                          "ms => ms.length")
        assert drawn.count() == seats > 0
    geojson = page.request.get(sparql_server + "/map.json").json()
    assert page.locator("#atlas .leaflet-marker-icon.mark").count() == len(geojson["features"])
    assert page.locator("#atlas path.country.member").count() >= 50  # 57 States, tiny ones too
    shoot(page, artifacts, "walk-map")

    page.goto(sparql_server + "/map?lang=fr")
    page.wait_for_selector("#atlas[data-drawn=true]", timeout=20_000)
    assert page.locator("h1").inner_text() == "Où l’OSCE travaille"
    assert page.locator("#current").inner_text().startswith("Opérations de terrain aujourd’hui")
    assert_accessible(page)
    shoot(page, artifacts, "walk-map-fr")


def test_who_chaired_in_1999_and_who_was_secretary_general(sparql_server, browser_page,
                                                           artifacts):
    page = browser_page
    page.goto(sparql_server + "/timeline")
    chair = page.locator('svg.timeline .lane-chairs a.span[href="/page/chairpersonship/1999"]')
    expect(chair).to_have_count(1)
    assert chair.locator("text").text_content() == "NO"  # the State's ISO code on its year
    assert chair.locator("title").text_content() == "Norway — Knut Vollebæk (1999)"
    secretaries = page.locator("svg.timeline .lane-post a.span title").all_text_contents()
    assert any(t.startswith("Giancarlo Aragona") and "1999" in t for t in secretaries)
    assert any(t.startswith("Ján Kubiš") and "1999" in t for t in secretaries)
    shoot(page, artifacts, "walk-timeline")
    chair.click()
    page.wait_for_url("**/page/chairpersonship/1999")


@pytest.mark.parametrize(("path", "shaded"), [
    ("/page/field-operation/mission-in-kosovo", 1),          # by name: Kosovo has no ISO code
    ("/page/field-operation/assistance-group-to-chechnya", 1),  # Russia (Chechnya has no shape)
])
def test_a_field_operation_shows_its_seat_and_host(sparql_server, browser_page, artifacts, path,
                                                    shaded):
    page = browser_page
    page.route("https://**", lambda route: route.abort())
    page.goto(sparql_server + path)
    page.wait_for_selector("#map[data-drawn=true]", timeout=20_000)
    assert page.locator("#map .leaflet-marker-icon").count() == 1
    assert page.locator("#map path.country.focus.host").count() == shaded
    shoot(page, artifacts, "walk-" + path.rsplit("/", 1)[-1])
