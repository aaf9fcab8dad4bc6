"""The journalist's questions answered by the reader pages, on the curated graph as
``osce-kg build`` makes it (data and ontology), in chromium, in English, French and Russian:
search → a class's table → filtered rows → a page. What the tables show is checked against
the endpoint's own answer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
from browsercheck import assert_accessible, shoot
from click.testing import CliRunner
from serverproc import served

from osce_kg.cli import cli

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CLOSED = """SELECT ?op WHERE { ?op a osce:FieldOperation .
  FILTER EXISTS { ?op schema:dissolutionDate ?end } }"""
ALL = "SELECT ?op WHERE { ?op a osce:FieldOperation }"
CLASS_WORDS = {"en": "field operations", "fr": "opérations de terrain", "ru": "полевые операции"}
ACTIVE = {"en": "active", "fr": "active", "ru": "действует"}


@pytest.fixture(scope="module")
def built_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``osce-kg serve`` over ``osce-kg build`` of the project's sources (not validated)."""
    build = tmp_path_factory.mktemp("walk") / "build"
    result = CliRunner().invoke(cli, ["build", "--no-validate", "--out", str(build)])
    assert result.exit_code == 0, result.output
    with served(build, log_path=build.parent / "server.log",
                options=("--workers", "1", "--threads", "2")) as base:
        yield base


def endpoint_pages(server: str, query: str) -> set[str]:
    answer = requests.post(server + "/sparql", data={"query": query}, timeout=30,
                           headers={"Accept": "application/sparql-results+json"}).json()
    return {"/page/" + row["op"]["value"].removeprefix("https://w3id.org/osce/id/")
            for row in answer["results"]["bindings"]}


def table_links(page) -> set[str]:
    hrefs = page.eval_on_selector_all("td[data-key=name] a",
                                      "as => as.map(a => a.getAttribute('href'))")
    return {h.split("?")[0] for h in hrefs}


@pytest.mark.parametrize("lang", ["en", "fr", "ru"])
def test_field_operations_today_and_closed(built_server, browser_page, artifacts, lang):
    page = browser_page
    closed = endpoint_pages(built_server, CLOSED)
    active = endpoint_pages(built_server, ALL) - closed
    assert active and closed
    page.goto(f"{built_server}/?lang={lang}")
    page.fill("main form.search input[name=q]", CLASS_WORDS[lang])
    page.locator("main [role=option]").first.wait_for()
    page.locator("main [role=option]").first.click()
    page.wait_for_url(f"**/class/FieldOperation?lang={lang}")
    for status, expected in (("active", active), ("closed", closed)):
        page.select_option("form.table-filter select[name=filter]", status)
        page.click("form.table-filter button")
        page.wait_for_url(f"**filter={status}**")
        assert table_links(page) == expected          # 50 rows a page: all of them here
        statuses = set(page.locator("td[data-key=status]").all_inner_texts())
        assert (statuses == {ACTIVE[lang]}) == (status == "active")
        shoot(page, artifacts, f"walk-table-{status}-{lang}")
    assert page.locator("html").get_attribute("lang") == lang
    assert_accessible(page)


@pytest.mark.parametrize(("lang", "state", "headers"), [
    ("en", "Norway", ["Year", "State", "Chairperson-in-Office"]),
    ("fr", "Norvège", ["Année", "État", "Président en exercice"]),
    ("ru", "Норвегия", ["Год", "Государство", "Действующий председатель"]),
])
def test_who_chaired_in_1999_and_who_was_secretary_general(built_server, browser_page,
                                                           artifacts, lang, state, headers):
    page = browser_page
    page.goto(f"{built_server}/class/Chairpersonship?lang={lang}")
    assert [t.rstrip(" ▲▼") for t in page.locator("thead th").all_inner_texts()] == headers
    page.fill("#table-q", "1999")
    page.click("form.table-filter button")
    page.wait_for_url("**q=1999**")
    assert page.locator("tbody td[data-key=year]").all_inner_texts() == ["1999"]
    assert page.locator("tbody td[data-key=state]").all_inner_texts() == [state]
    chair = page.locator("tbody td[data-key=chair] a")
    # his name is in the graph in English only: marked so on a French or Russian page
    name = chair.locator("[lang=en]") if lang != "en" else chair
    assert name.inner_text() == "Knut Vollebæk"
    shoot(page, artifacts, f"walk-chair-1999-{lang}")
    page.goto(f"{built_server}/class/Tenure?lang={lang}&sort=from")
    rows = [r.split("\t") for r in page.locator("tbody tr").all_inner_texts()]
    holders_1999 = [r[1].removesuffix("EN") for r in rows if "1999" in r[2] or "1999" in r[3]]
    assert holders_1999 == ["Giancarlo Aragona", "Ján Kubiš"]
    shoot(page, artifacts, f"walk-secretaries-general-{lang}")


@pytest.mark.parametrize(("lang", "words", "field", "kind"), [
    ("en", "trafficking", "Combating trafficking in human beings", "Concept"),
    ("fr", "traite", "Lutte contre la traite des êtres humains", "Concept"),
    ("ru", "торговля людьми", "Борьба с торговлей людьми", "Понятие"),
])
def test_what_the_osce_published_on_trafficking(built_server, browser_page, artifacts, lang,
                                                words, field, kind):
    page = browser_page
    page.goto(f"{built_server}/search?lang={lang}&q={words}")
    first = page.locator("ol.hits li").first
    assert first.locator("a").inner_text() == field
    assert first.locator(".description").inner_text() == kind
    first.locator("a").click()
    page.wait_for_url(f"**/page/field/combating-trafficking-in-human-beings?lang={lang}")
    assert page.locator("h1").inner_text() == field
    release = page.locator("section.incoming a[href^='/page/release/']").first
    title = release.inner_text()
    release.click()
    page.wait_for_url("**/page/release/**")
    assert page.locator("h1").inner_text() == title
    assert page.locator(".release .body p").count() > 3
    speakers = page.locator(".quotations .speaker").all_inner_texts()
    assert any("Eva Biaudet" in s and "Special Representative" in s for s in speakers)
    assert page.locator("#s-related tr.p-schema-mentions a").count() >= 5
    assert page.locator("html").get_attribute("lang") == lang
    shoot(page, artifacts, f"walk-release-{lang}")
    assert_accessible(page)
