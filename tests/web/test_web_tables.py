"""Class pages as tables: columns per class, sorted, filtered and paged by the store, and
downloadable as CSV and JSON."""

from __future__ import annotations

import csv
import io

import pytest
from webassert import html


@pytest.fixture
def client(pages_client):
    """The app over the test graph and pages.ttl."""
    return pages_client


def table(client, path: str):
    soup = html(client.get(path))
    heads = [th["data-key"] for th in soup.select("table.data-table thead th")]
    body = [{td["data-key"]: td.get_text(" ", strip=True) for td in tr.select("td")}
            for tr in soup.select("table.data-table tbody tr")]
    return soup, heads, body


@pytest.mark.parametrize(("name", "columns"), [
    ("ParticipatingState", ["name", "alpha2", "alpha3", "joined"]),
    ("FieldOperation", ["name", "host", "seat", "from", "to", "status"]),
    ("Chairpersonship", ["year", "state", "chair"]),
    ("PressRelease", ["date", "title", "publisher", "place", "fields"]),
    ("Tenure", ["post", "holder", "from", "to"]),
    ("schema:City", ["name", "country"]),
])
def test_columns_are_chosen_per_class(client, name, columns):
    _soup, heads, _body = table(client, f"/class/{name}")
    assert heads == columns


def test_field_operations_show_host_seat_dates_and_status(client):
    _soup, _heads, body = table(client, "/class/FieldOperation")
    by_name = {row["name"]: row for row in body}
    assert by_name["OSCE Mission to Lithuania"] == {
        "name": "OSCE Mission to Lithuania", "host": "Lithuania", "seat": "Vilnius",
        "from": "1993", "to": "1999", "status": "closed"}
    assert by_name["OSCE Mission in Kosovo"]["status"] == "active"
    assert by_name["OSCE Mission in Kosovo"]["from"] == "July 1999"


def test_a_release_row_has_date_title_publisher_and_fields_of_work(client):
    _soup, _heads, body = table(client, "/class/PressRelease")
    assert body == [{"date": "7 December 2011",
                     "title": "Vilnius meeting <script>alert('x')</script> closes",
                     "publisher": "Office for Democratic Institutions and Human Rights",
                     "place": "Vilnius", "fields": "Combating trafficking in human beings"}]


@pytest.mark.parametrize(("query", "names"), [
    ("?sort=name&order=asc", ["Austria", "Estonia", "Latvia"]),
    ("?sort=name&order=desc", ["Poland", "Lithuania", "Latvia"]),
    ("?sort=joined&order=asc", ["Estonia", "Latvia", "Poland"]),   # no date: first
    ("?sort=alpha2&order=desc", ["Poland", "Latvia", "Lithuania"]),    # PL LV LT
    ("?sort=nonsense", ["Austria", "Estonia", "Latvia"]),          # unknown: the default
])
def test_sorted_by_any_column(client, query, names):
    _soup, _heads, body = table(client, "/class/ParticipatingState" + query)
    assert [row["name"] for row in body] == names


def test_the_sorted_column_is_marked_and_its_link_reverses_the_order(client):
    soup, _heads, _body = table(client, "/class/ParticipatingState?sort=name")
    head = soup.select_one('th[data-key="name"]')
    assert head["aria-sort"] == "ascending"
    assert "order=desc" in head.a["href"] and "sort=name" in head.a["href"]


@pytest.mark.parametrize(("query", "names"), [
    ("?filter=active", ["OSCE Mission in Kosovo"]),
    ("?filter=closed", ["OSCE Mission to Lithuania"]),
    ("?q=kosovo", ["OSCE Mission in Kosovo"]),
    ("?q=VILNIUS", ["OSCE Mission to Lithuania"]),                 # a column's label, any case
    ("?q=nowhere", []),
    ("?filter=unknown", ["OSCE Mission in Kosovo", "OSCE Mission to Lithuania"]),
])
def test_filtered_by_text_and_status(client, query, names):
    _soup, _heads, body = table(client, "/class/FieldOperation" + query)
    assert sorted(row["name"] for row in body) == names


@pytest.mark.parametrize("text", ['") } ; DROP ALL #', "' OR '1'='1", "\\", "%", "?text"])
def test_filter_text_is_a_bound_value_not_query_text(client, text):
    response = client.get("/class/FieldOperation", query_string={"q": text})
    assert response.status_code == 200
    assert html(response).select_one("p.empty") is not None


def test_paged_on_the_server(client):
    names, path = [], "/class/ParticipatingState?sort=name&order=desc"
    while path:
        soup, _heads, body = table(client, path)
        names += [row["name"] for row in body]
        following = soup.select_one('.pager a[rel="next"]')
        path = following["href"] if following else None
    assert names == ["Poland", "Lithuania", "Latvia", "Estonia", "Austria"]


def test_downloads_keep_the_filter_and_sort(client):
    soup, _heads, _body = table(client, "/class/FieldOperation?filter=active")
    links = {a.get_text(): a["href"] for a in soup.select(".downloads a")}
    assert links == {"CSV": "/class/FieldOperation.csv?filter=active",
                     "JSON": "/class/FieldOperation.json?filter=active"}


def test_csv_download(client):
    response = client.get("/class/FieldOperation.csv?sort=from")
    assert response.mimetype == "text/csv"
    assert 'filename="FieldOperation.csv"' in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [r["name"] for r in rows] == ["OSCE Mission to Lithuania", "OSCE Mission in Kosovo"]
    assert rows[0]["host_iri"] == "https://w3id.org/osce/id/state/lithuania"
    assert (rows[0]["from"], rows[0]["to"], rows[0]["status"]) == ("1993", "1999", "closed")
    assert rows[1]["from"] == "1999-07"                             # ISO 8601 in downloads


def test_json_download(client):
    body = client.get("/class/Chairpersonship.json?lang=fr").get_json()
    assert body["total"] == 1 and body["title"] == "présidence"
    assert [c["title"] for c in body["columns"]] == ["Année", "État", "Président en exercice"]
    assert body["rows"] == [{
        "iri": "https://w3id.org/osce/id/chairpersonship/2011", "year": "2011",
        "state": "Lituanie", "state_iri": "https://w3id.org/osce/id/state/lithuania",
        "chair": "Audronius Ažubalis",
        "chair_iri": "https://w3id.org/osce/id/person/audronius-azubalis"}]


def test_a_table_in_french(client):
    soup, _heads, body = table(client, "/class/FieldOperation?lang=fr&sort=from")
    assert soup.h1.get_text() == "Opération de terrain"
    assert [th.get_text(strip=True) for th in soup.select("thead th")][:3] == [
        "Nom", "Pays hôte", "Siège"]
    assert body[0]["host"] == "Lituanie" and body[1]["from"] == "juillet 1999"
    assert body[0]["status"] == "fermée"


def test_unknown_download_suffix_is_404(client):
    assert client.get("/class/FieldOperation.xlsx").status_code == 404


def test_a_big_class_is_sorted_once_when_paged_and_its_pages_sliced(store, monkeypatch):
    from osce_kg.lru import Lru
    from osce_kg.namespaces import OSCE
    from osce_kg.pages import tables

    monkeypatch.setattr(tables, "BIG_TABLE", 2)  # five States: a big class here
    orders = Lru(max_items=4)
    pages = [tables.read_table(store, OSCE.ParticipatingState, sort="name", limit=2,
                               offset=offset, orders=orders) for offset in (0, 2, 4)]
    assert len(orders) == 1
    names = [row.cells["name"][0].text for page in pages for row in page.rows]
    assert names == ["Austria", "Estonia", "Latvia", "Lithuania", "Poland"]
    first = tables.read_table(store, OSCE.ParticipatingState, sort="name", descending=True,
                              limit=2, orders=orders)
    assert len(orders) == 1  # a first page is asked for alone
    second = tables.read_table(store, OSCE.ParticipatingState, sort="name", descending=True,
                               limit=2, offset=2, orders=orders)
    assert len(orders) == 2
    assert [r.cells["name"][0].text for r in first.rows + second.rows] == [
        "Poland", "Lithuania", "Latvia", "Estonia"]


def test_names_without_a_label_in_the_page_language_are_marked(client):
    soup = html(client.get("/class/FieldOperation?lang=fr&sort=from"))
    name = soup.select_one("td[data-key=name] a")
    assert name.select_one("[lang=en]").get_text() == "OSCE Mission to Lithuania"
    assert name.select_one(".lang-fallback").get_text() == "en"
    host = soup.select_one("td[data-key=host] a")
    assert host.get_text() == "Lituanie" and host.select_one(".lang-fallback") is None
