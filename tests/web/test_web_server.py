"""The server as a real process (``osce-kg serve``, gunicorn workers), fetched with requests."""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from bs4 import BeautifulSoup
from rdflib import Graph
from webassert import assert_isomorphic

pytestmark = pytest.mark.slow


def test_id_redirects_and_pages_answer(live_server):
    response = requests.get(live_server + "/id/state/lithuania", allow_redirects=False,
                            headers={"Accept": "text/html"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/page/state/lithuania"
    assert response.headers["Server"].startswith("gunicorn")
    page = requests.get(live_server + "/id/state/lithuania", headers={"Accept": "text/html"})
    assert page.url == live_server + "/page/state/lithuania"
    assert BeautifulSoup(page.text, "html.parser").h1.get_text(strip=True) == "Lithuania"


def test_data_follows_303_to_turtle(live_server, test_graph):
    response = requests.get(live_server + "/id/place/vilnius", headers={"Accept": "text/turtle"})
    assert response.url == live_server + "/data/place/vilnius.ttl"
    graph = Graph().parse(data=response.text, format="turtle")
    assert len(graph) > 5


def test_dump_downloads_match_their_checksums(live_server, test_graph):
    listing = requests.get(live_server + "/dumps/", headers={"Accept": "application/json"}).json()
    for entry in listing["files"]:
        with requests.get(live_server + entry["url"], stream=True,
                          headers={"Accept-Encoding": "identity"}) as response:
            raw = response.raw.read(decode_content=False)
        assert int(response.headers["Content-Length"]) == entry["bytes"] == len(raw)
        assert hashlib.sha256(raw).hexdigest() == entry["sha256"]
    gz = requests.get(live_server + "/dumps/osce-kg.nt.gz")        # requests asks for gzip
    assert gz.headers["Content-Encoding"] == "gzip"
    assert_isomorphic(test_graph, Graph().parse(data=gz.content, format="nt"))
    assert gz.headers["Content-Type"].startswith("application/n-triples")


def test_conditional_get_over_http(live_server):
    first = requests.get(live_server + "/page/state/lithuania")
    again = requests.get(live_server + "/page/state/lithuania",
                         headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.content == b""


def test_concurrent_clients_all_answered(live_server):
    paths = ["/page/state/lithuania", "/data/state/austria.jsonld", "/search?q=vil&format=json",
             "/class/ParticipatingState", "/", "/dumps/osce-kg.ttl"] * 8
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda p: requests.get(live_server + p).status_code, paths))
    assert statuses == [200] * len(paths)
