"""The pictures: /map and its GeoJSON, /timeline, the map and chart of entity pages (no browser).

The core (``osce_kg.pages.atlas``/``chronology``) is checked on the small test graph with a
fixed ``today``; the views through the Flask client, parsed with BeautifulSoup.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from rdflib import URIRef
from webassert import html

from osce_kg.namespaces import ID
from osce_kg.pages import atlas, calendar, chronology

TODAY = date(2026, 12, 4)


def features_by_kind(geojson: dict) -> dict[tuple[str, str | None], list[str]]:
    """``(kind, status)`` -> the labels of the things at each marker."""
    found: dict[tuple[str, str | None], list[str]] = {}
    for feature in geojson["features"]:
        props = feature["properties"]
        found.setdefault((props["kind"], props["status"]), []).extend(
            item["label"] for item in props["items"])
    return found


def test_atlas_has_one_marker_per_kind_and_place(store):
    found = atlas.atlas(store, today=TODAY).as_geojson()
    assert features_by_kind(found) == {
        ("field-operation", "closed"): ["OSCE Mission to Lithuania"],
        ("ministerial-council", None): ["Ministerial Council in Vilnius, 2011"],
    }
    vilnius = found["features"][0]
    assert vilnius["geometry"] == {"type": "Point", "coordinates": [25.2798, 54.6892]}
    assert vilnius["properties"]["items"][0] == {
        "iri": str(ID["field-operation/mission-to-lithuania"]),
        "page": "/page/field-operation/mission-to-lithuania",
        "label": "OSCE Mission to Lithuania", "start": "1993", "end": "1999",
        "host": "Lithuania", "status": "closed"}
    council = found["features"][1]["properties"]["items"][0]
    assert "host" not in council  # a meeting has no host country (no stray label joined)
    assert [s["label"] for s in found["states"]] == [
        "Austria", "Estonia", "Latvia", "Lithuania", "Poland"]
    assert [s["iso3"] for s in found["states"] if s["iso3"]] == ["LTU"]


@pytest.mark.parametrize(("end", "status"), [
    (None, "current"), ("2026-12-31", "current"), ("2026-12-03", "closed"), ("1999", "closed")])
def test_a_field_operation_is_current_until_its_end_has_passed(end, status):
    assert atlas.status_of(end, TODAY) == status


@pytest.mark.parametrize(("path", "points", "countries"), [
    ("field-operation/mission-to-lithuania", [("Vilnius", "seat")], [("LTU", "host")]),
    ("place/vilnius", [("Vilnius", "place")], [("LTU", "in")]),
    ("state/lithuania", [], [("LTU", "self")]),
    ("release/2011-12-07-vilnius-closes", [("Vilnius", "seat")], [("LTU", "in")]),
    ("chairpersonship/2011", [], [("LTU", "chair")]),
    ("person/audronius-azubalis", [], []),
])
def test_whereabouts_of_a_thing(store, path, points, countries):
    where = atlas.whereabouts(store, URIRef(ID[path]))
    assert [(p["label"], p["role"]) for p in where.points] == points
    assert [(c["iso3"], c["role"]) for c in where.countries] == countries
    assert bool(where) == bool(points or countries)


def test_chronology_lanes(store):
    found = chronology.chronology(store, today=TODAY)
    lanes = {lane.key: [(s.label, s.start, s.end, s.note) for s in lane.spans]
             for lane in found.lanes}
    assert lanes == {
        "chairs": [("Lithuania", "2011", None, "Audronius Ažubalis")],
        "council": [("Ministerial Council in Vilnius, 2011", "2011-12-06", "2011-12-07",
                     "Vilnius")],
        "operations": [("OSCE Mission to Lithuania", "1993", "1999", "Lithuania")],
    }
    drawn = chronology.layout(found)
    bars = {b.span.label: b for lane in drawn.lanes for b in lane.boxes}
    mission = bars["OSCE Mission to Lithuania"]
    # 1993 to the end of 1999: seven years wide
    assert mission.width == 7 * chronology.YEAR_WIDTH and not mission.dot
    assert bars["Ministerial Council in Vilnius, 2011"].dot


@pytest.mark.parametrize(("lexical", "year"), [
    ("1995", 1995.0), ("1995-04", 1995.25), ("1995-01-01", 1995.0), ("2011-12-06", 2011 + 11 / 12 + 5 / 365)])
def test_year_of_reads_each_date_form(lexical, year):
    assert chronology.year_of(lexical) == pytest.approx(year)


def test_release_years_count_a_field_of_work(store):
    chart = chronology.release_years(store, URIRef(ID["field/combating-trafficking-in-human-beings"]))
    assert chart is not None and chart.bars == [(2011, 1)] and chart.total == 1
    assert chronology.release_years(store, URIRef(ID["state/austria"])) is None


def test_map_json_is_geojson_of_the_atlas(client):
    response = client.get("/map.json")
    assert response.mimetype == "application/geo+json"
    body = json.loads(response.get_data(as_text=True))
    assert body["type"] == "FeatureCollection"
    assert {f["properties"]["kind"] for f in body["features"]} == {
        "field-operation", "ministerial-council"}


def test_map_page_lists_what_the_map_draws(client):
    soup = html(client.get("/map"))
    box = soup.select_one("#atlas")
    assert box["data-source"].startswith("/map.json")
    assert box["data-world"].endswith("vendor/world/countries-50m.json")
    closed = [a.get_text() for a in soup.select("#closed + .table-wrap tbody a")]
    assert closed == ["OSCE Mission to Lithuania"]
    assert soup.select("#current + .table-wrap tbody tr") == []
    venues = soup.select_one("#venues + ul").get_text(" ", strip=True)
    assert "Vilnius" in venues and "Ministerial Council in Vilnius, 2011" in venues


def test_timeline_page_draws_and_lists_every_item(client):
    soup = html(client.get("/timeline"))
    spans = soup.select("svg.timeline a.span")
    assert sorted(a["href"] for a in spans) == [
        "/page/chairpersonship/2011", "/page/event/2011-12-06-vilnius-ministerial-council",
        "/page/field-operation/mission-to-lithuania"]
    titles = [a.title.get_text() for a in spans]
    assert "Lithuania — Audronius Ažubalis (2011)" in titles
    assert "OSCE Mission to Lithuania — Lithuania (1993 – 1999)" in titles
    council = soup.select_one('ol.lane-list a[href$="vilnius-ministerial-council"]').parent
    assert council.select_one(".when").get_text() == "December 6, 2011 – December 7, 2011"
    french = html(client.get("/timeline?lang=fr")).select_one(
        'ol.lane-list a[href$="vilnius-ministerial-council"]').parent
    assert french.select_one(".when").get_text() == "6 décembre 2011 – 7 décembre 2011"
    listed = [li.a["href"] for li in soup.select("ol.lane-list li")]
    assert sorted(listed) == sorted(a["href"] for a in spans)


@pytest.mark.parametrize(("path", "where"), [
    ("/page/field-operation/mission-to-lithuania",
     {"points": [("Vilnius", "seat")], "countries": [("LTU", "host")]}),
    ("/page/chairpersonship/2011", {"points": [], "countries": [("LTU", "chair")]}),
    ("/page/place/vilnius", {"points": [("Vilnius", "place")], "countries": [("LTU", "in")]}),
    ("/page/state/lithuania", {"points": [], "countries": [("LTU", "self")]}),
    ("/page/person/audronius-azubalis", None),
])
def test_entity_page_map(client, path, where):
    soup = html(client.get(path))
    box = soup.select_one("#map")
    if where is None:
        assert box is None
        return
    data = json.loads(box["data-where"])
    assert {"points": [(p["label"], p["role"]) for p in data["points"]],
            "countries": [(c["iso3"], c["role"]) for c in data["countries"]]} == where



@pytest.mark.parametrize("path", ["/map", "/sparql", "/page/place/vilnius"])
def test_pages_with_a_map_link_leaflets_style_sheet_and_scripts(app, monkeypatch, path):
    monkeypatch.setitem(app.jinja_env.globals, "vendor", lambda name: True)  # installed or not
    soup = html(app.test_client().get(path, headers={"Accept": "text/html"}))
    assert "/static/vendor/leaflet/leaflet.css" in [
        link["href"] for link in soup.select('head link[rel="stylesheet"]')]
    scripts = [script["src"] for script in soup.select("script[src]")]
    assert "/static/vendor/leaflet/leaflet.js" in scripts and "/static/atlas.js" in scripts

def test_field_of_work_page_charts_releases_per_year(client):
    soup = html(client.get("/page/field/combating-trafficking-in-human-beings"))
    bars = soup.select("section.chart svg.bars g.bar")
    assert [g.title.get_text() for g in bars] == ["2011: 1"]
    assert html(client.get("/page/state/lithuania")).select_one("section.chart") is None


@pytest.mark.parametrize(("lang", "iris", "labels"), [
    ("en", ["state/lithuania", "place/vienna"], {"state/lithuania": "Lithuania",
                                                 "place/vienna": "Vienna"}),
    ("de", ["state/lithuania", "place/vilnius"], {"state/lithuania": "Litauen",
                                                  "place/vilnius": "Vilnius"}),
    ("ru", ["state/lithuania", "state/nowhere"], {"state/lithuania": "Литва"}),
])
def test_the_editor_gets_labels_of_result_iris(client, lang, iris, labels):
    response = client.post("/sparql/labels", json={"iris": [str(ID[i]) for i in iris],
                                                   "lang": lang})
    assert response.mimetype == "application/json"
    assert response.get_json() == {"labels": {str(ID[i]): text for i, text in labels.items()}}


def test_labels_want_a_list_of_iris(client):
    response = client.post("/sparql/labels", json={"iri": "x"},
                           headers={"Accept": "application/json"})
    assert response.status_code == 400 and "iris" in response.get_json()["message"]


@pytest.mark.parametrize(("lexical", "lang", "text"), [
    ("1992", "fr", "1992"),
    ("1992-09", "en", "September 1992"),
    ("1992-09", "fr", "septembre 1992"),
    ("1992-09-07", "de", "7. September 1992"),
    ("1992-09-07T10:00:00", "ru", "7 сентября 1992\u202fг."),  # CLDR: a narrow no-break space
    ("not a date", "en", "not a date"),
    (None, "en", ""),
])
def test_dates_as_people_write_them(lexical, lang, text):
    assert calendar.human_date(lexical, lang) == text


@pytest.mark.parametrize(("start", "end", "ongoing", "text"), [
    ("1993", "1999", False, "1993 – 1999"),
    ("1992-09", None, True, "September 1992 –"),
    ("2011-12-06", "2011-12-06", False, "December 6, 2011"),
])
def test_spans_of_dates(start, end, ongoing, text):
    assert calendar.human_span(start, end, ongoing=ongoing) == text


def test_years_without_anything_are_drawn_narrow(store):
    drawn = chronology.layout(chronology.chronology(store, today=TODAY))
    # the test graph has nothing from 2000 to 2010 (eleven years) nor from 2012 on (sixteen)
    narrow = chronology.YEAR_WIDTH * chronology.GAP_SHARE
    assert [round((x1 - x0) / narrow) for x0, x1 in drawn.gaps] == [11, 16]
    assert [year for _, year in drawn.ticks] == [1995, 2011]


@pytest.mark.parametrize("lang", ["ru", "fr"])
def test_the_editor_page_keeps_its_language(client, lang):
    """The header's language switch links to /sparql?lang=…: the editor, in that language."""
    response = client.get(f"/sparql?lang={lang}", headers={"Accept": "text/html"})
    soup = html(response)
    assert response.status_code == 200 and soup.html["lang"] == lang
    config = json.loads(soup.find("script", id="sparql-config").string)
    assert config["lang"] == lang and config["query"] is None


@pytest.mark.parametrize(("name", "short"), [
    ("Czech and Slovak Federal Republic", "CSFR"), ("Lithuania", "L"), ("état", "ét")])
def test_a_state_without_iso_code_is_shown_by_its_initials(name, short):
    assert chronology._initials(name) == short
