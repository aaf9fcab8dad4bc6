"""``osce-kg harvest`` against the local site: politeness kept (as the site's request log shows),
every response archived, failures and skips named, only what changed fetched again, and the
harvested releases building into a conforming graph."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from osce_kg.cli import cli
from osce_kg.harvest.archive import responses

from .conftest import CONTACT, Run, copy_project, harvest, paths, start_site, titles
from .localsite import CRAWL_DELAY, INGESTIBLE, LocalSite

# two whole harvests of the local site (a crawl delay, a Retry-After), then a build
pytestmark = pytest.mark.slow


@dataclass
class Scenario:
    site: LocalSite
    project: Path
    archive: Path
    first: Run
    second: Run


@pytest.fixture(scope="module")
def scenario(tmp_path_factory) -> Scenario:
    """A first harvest into the project's data/releases; the site changes one release; a second."""
    site, server = start_site()
    root = tmp_path_factory.mktemp("scenario")
    project = copy_project(root / "project")
    archive = root / "harvest"
    first = harvest(site, project, archive)
    site.change("/odihr/9011")
    second = harvest(site, project, archive)
    yield Scenario(site, project, archive, first, second)
    server.shutdown()


def harvested(project: Path) -> list[str]:
    """Titles of the releases a harvest wrote (the project's own release left out)."""
    return [t for t in titles(project / "data" / "releases") if "Vilnius calls" not in t]


def test_first_harvest_ingests_every_release_page(scenario):
    assert harvested(scenario.project) == sorted(r.title for r in INGESTIBLE)


@pytest.mark.parametrize(("word", "path", "reason"), [
    ("skipped", "/private/9008", "disallowed by robots.txt"),
    ("skipped", "/moved/9007", "redirects to another host (http://localhost:"),
    ("skipped", "/documents/9005.pdf", "not HTML or text (application/pdf)"),
    ("failed", "/big/9006", "larger than 100,000 bytes: cut"),
])
def test_first_harvest_names_each_skip_and_failure_with_its_reason(scenario, word, path, reason):
    assert reason in scenario.first.lines_starting(word)[path]


def test_a_failed_item_makes_exit_code_1_and_the_summary_counts_it(scenario):
    assert scenario.first.exit_code == 1
    assert list(scenario.first.lines_starting("failed")) == ["/big/9006"]
    summary = scenario.first.stderr.strip().splitlines()
    assert len(summary) == 1 and summary[0].startswith("harvest complete")
    assert "8 new" in summary[0] and "3 skipped" in summary[0] and "1 failed" in summary[0]


def test_robots_txt_comes_first_and_its_disallow_is_kept(scenario):
    log = scenario.first.requests
    assert log[0].path == "/robots.txt"
    assert not [p for p in paths(log) if p.startswith("/private/")]


def test_requests_name_the_crawler_and_its_contact(scenario):
    agents = {r.headers["user-agent"] for r in scenario.first.requests}
    assert len(agents) == 1 and agents.pop().startswith("osce-kg/")
    assert all(CONTACT in r.headers["user-agent"] for r in scenario.first.requests)


def test_requests_are_sequential_and_spaced_by_the_crawl_delay(scenario):
    """--delay 0, so robots.txt's Crawl-delay sets the spacing. Checked loosely: one request at
    a time (each after the previous answer), and on average no closer than the delay."""
    for run in (scenario.first, scenario.second):
        log = run.requests
        assert all(b.at >= a.done for a, b in zip(log, log[1:], strict=False))
        assert (log[-1].at - log[0].at) / (len(log) - 1) >= 0.8 * CRAWL_DELAY


def test_a_429_is_retried_after_the_time_retry_after_asks(scenario):
    log = scenario.first.requests
    tries = [r for r in log if r.path == "/secretariat/9010"]
    assert [r.status for r in tries] == [429, 200]
    assert tries[1].at - tries[0].done >= 0.5  # Retry-After: 1 (loosely; Crawl-delay is 0.1)


def test_a_500_is_retried_and_then_succeeds(scenario):
    assert [r.status for r in scenario.first.requests if r.path == "/skopje/9009"] == [500, 200]


def test_a_redirect_to_another_host_is_not_followed(scenario):
    assert [r.status for r in scenario.first.requests if r.path == "/moved/9007"] == [302]
    assert not [p for p in paths(scenario.first.requests) if "/elsewhere/" in p]


def test_every_response_is_archived_and_the_cut_page_is_marked_truncated(scenario):
    records = list(responses(scenario.archive))
    archived = {(r.url.split("/", 3)[3], r.truncated) for r in records}
    for release in INGESTIBLE:
        assert (release.path[1:], False) in archived
    assert ("big/9006", True) in archived
    big = next(r for r in records if r.url.endswith("/big/9006"))
    assert len(big.body) == 100_000
    assert {r.role for r in records} == {"robots", "listing", "item"}


@pytest.mark.parametrize(("path", "statuses"), [
    ("secretariat/9010", [429, 200]), ("skopje/9009", [500, 200]), ("moved/9007", [302]),
    ("documents/9005.pdf", [200])])
def test_answers_that_are_not_pages_are_archived_too(scenario, path, statuses):
    records = [r for r in responses(scenario.archive) if r.url.endswith("/" + path)]
    assert [r.status for r in records] == statuses
    if path.endswith(".pdf"):  # not read: archived with its headers, marked as cut short
        assert records[0].truncated and records[0].body == b""
        assert records[0].content_type == "application/pdf"


def test_the_second_harvest_fetches_only_what_changed(scenario):
    log = scenario.second.requests
    assert paths(log, 200) == ["/robots.txt", "/odihr/9011"]
    assert all(r.conditional for r in log if r.path != "/robots.txt")
    assert {r.status for r in log if r.path not in ("/robots.txt", "/odihr/9011")} == {304}


def test_the_second_harvest_stops_after_a_run_of_unchanged_items(scenario):
    requested = paths(scenario.second.requests)
    assert "/press-releases?page=2" not in requested  # stop_after = 3 in the test profile
    assert "stopped" not in scenario.second.stderr and "3 items in a row" in scenario.second.stderr
    assert scenario.second.exit_code == 0


def test_the_changed_release_is_ingested_again(scenario):
    turtle = next((scenario.project / "data" / "releases").glob("*odihr-opens*.ttl"))
    assert "This release was updated (version 2)." in turtle.read_text(encoding="utf-8")


def test_the_harvested_graph_builds_conforming_and_answers_the_trafficking_question(
        scenario, tmp_path):
    runner = CliRunner()
    project = ["--project-dir", str(scenario.project)]
    built = runner.invoke(cli, [*project, "build", "--out", str(tmp_path / "dist")])
    assert built.exit_code == 0, built.output
    source = Path(__file__).resolve().parents[2] / "src" / "osce_kg"
    query = next(source.rglob("cq06-*.rq")).read_text(encoding="utf-8")
    answer = runner.invoke(cli, [*project, "query", query],
                           env={"OSCE_KG_DIST_DIR": str(tmp_path / "dist")})
    assert answer.exit_code == 0, answer.output
    assert "OSCE conference in Vienna discusses trafficking in human beings" in answer.stdout
    assert "(2 rows)" in answer.stdout  # the project's own Vilnius release and the harvested one

