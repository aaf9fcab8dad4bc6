"""The pictures on the curated graph, without a browser: the entity maps' countries (a
territory without an ISO code is named, as the map's shapes name it) and the timeline's lanes."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup


def where(client, path: str) -> dict:
    soup = BeautifulSoup(client.get(path, headers={"Accept": "text/html"}).data, "html.parser")
    return json.loads(soup.select_one("#map")["data-where"])


@pytest.mark.parametrize(("path", "countries"), [
    ("/page/field-operation/mission-in-kosovo", [(None, "Kosovo", "host")]),
    ("/page/place/kosovo", [(None, "Kosovo", "self")]),
    ("/page/field-operation/assistance-group-to-chechnya",
     [(None, "Chechnya", "host"), ("RUS", None, "host")]),
    ("/page/chairpersonship/1999", [("NOR", None, "chair")]),
    ("/page/structure/odihr", [("POL", None, "in")]),
])
def test_entity_maps_shade_the_right_country(sparql_client, path, countries):
    found = where(sparql_client, path)["countries"]
    assert [(c["iso3"], c["name"], c["role"]) for c in found] == countries


def test_the_timeline_has_every_lane(sparql_client):
    soup = BeautifulSoup(sparql_client.get("/timeline").data, "html.parser")
    lanes = {g["class"][1]: len(g.select("a.span")) for g in soup.select("svg.timeline g.lane")}
    assert set(lanes) == {"lane-chairs", "lane-post", "lane-summit", "lane-council",
                          "lane-operations"}
    assert all(count > 0 for count in lanes.values())
