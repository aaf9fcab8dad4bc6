"""How far a harvest walks (--since, --full, the unchanged run), --no-ingest and what is pending,
--max-requests and resuming, re-ingesting from the archive, and refusals (exit code 2).

A test that walks the whole site (a crawl delay at each request) is marked
slow: `make test` runs it, `make test-fast` does not."""

from __future__ import annotations

import fcntl

import pytest
from click.testing import CliRunner

from osce_kg.cli import cli
from osce_kg.harvest.archive import responses

from .conftest import assert_holds_releases, harvest, paths, start_site
from .localsite import INGESTIBLE, RELEASES

QUICK = tuple(r for r in INGESTIBLE if r.behaviour != "busy")
BIG = next(r for r in RELEASES if r.behaviour == "oversized")


def item_paths(requested: list[str]) -> list[str]:
    return [p for p in requested if not p.startswith(("/robots.txt", "/press-releases"))]


def test_since_walks_down_to_the_date_only(site, project, tmp_path):
    run = harvest(site, project, tmp_path / "a", "--since", "2024-05-01", "--no-ingest")
    assert run.exit_code == 0, run.stdout
    assert item_paths(paths(run.requests)) == ["/secretariat/9012", "/odihr/9011",
                                                "/skopje/9009", "/skopje/9009"]  # 500, then 200
    assert "/press-releases?page=1" in paths(run.requests)  # its first item is older: the end
    assert "/press-releases?page=2" not in paths(run.requests)
    assert "items listed before 2024-05-01" in run.stderr


@pytest.mark.slow
def test_full_walks_every_listing_page_again(site, project, tmp_path):
    harvest(site, project, tmp_path / "a", "--no-ingest")
    incremental = harvest(site, project, tmp_path / "a", "--no-ingest")
    full = harvest(site, project, tmp_path / "a", "--no-ingest", "--full")
    assert "/press-releases?page=3" not in paths(incremental.requests)
    assert [p for p in paths(full.requests) if p.startswith("/press-releases")] == [
        f"/press-releases?page={n}" for n in range(4)]
    # nothing changed: 304s, but a cut page is asked for whole, and --full asks again what a rule
    # skipped (the PDF)
    assert paths(full.requests, 200) == ["/robots.txt", "/big/9006", "/documents/9005.pdf"]


@pytest.mark.slow
def test_no_ingest_leaves_items_pending_for_the_next_harvest(site, project, tmp_path):
    out = tmp_path / "out"
    first = harvest(site, project, tmp_path / "a", "--no-ingest", "--out", str(out))
    assert not out.exists() and "not ingested (--no-ingest)" in first.stderr
    second = harvest(site, project, tmp_path / "a", "--out", str(out))
    assert item_paths(paths(second.requests, 200)) == []
    assert_holds_releases(out, QUICK)


@pytest.mark.slow
def test_max_requests_stops_and_the_next_harvest_resumes_without_asking_again(
        site, project, tmp_path):
    archive = tmp_path / "a"
    first = harvest(site, project, archive, "--max-requests", "5", "--no-ingest")
    assert first.exit_code == 0 and len(first.requests) == 5
    assert "harvest stopped" in first.stderr and "the next harvest resumes here" in first.stderr
    second = harvest(site, project, archive, "--no-ingest")
    assert "resumed run" in second.stderr
    done_before = set(paths(first.requests, 200)) - {"/robots.txt"}
    assert done_before and not done_before & set(paths(second.requests))
    held = [r.url.split("/", 3)[3] for r in responses(archive)
            if r.role == "item" and r.status == 200 and r.content_type.startswith("text/html")]
    assert sorted(held) == sorted(r.path[1:] for r in QUICK + (BIG,))  # each once


@pytest.mark.slow
def test_ingest_from_archive_needs_no_network(site, project, tmp_path):
    archive = tmp_path / "a"
    harvest(site, project, archive, "--no-ingest")
    site_requests = len(site.requests_since())
    last = sorted(archive.glob("*.warc.gz"))[-1]
    last.write_bytes(last.read_bytes() + b"\x1f\x8b\x08\x00torn")  # a record a kill cut short
    result = CliRunner().invoke(cli, ["--project-dir", str(project), "ingest", "--from-archive",
                                      str(archive)])
    assert result.exit_code == 0, result.output
    assert "torn record" in result.stderr
    assert result.stdout.splitlines()[-1] == f"{len(QUICK)} archived item(s): {len(QUICK)} ok, " \
        "0 skipped, 0 error(s)"
    releases = project / "data" / "releases"
    assert {p.name for p in releases.glob("2024-*.ttl")} and len(site.requests_since()) == \
        site_requests


@pytest.mark.parametrize(("args", "message"), [
    (["--full", "--since", "2024-01-01"], "exclusive"),
    (["--since", "yesterday"], "%Y-%m-%d"),
    (["--delay", "-1"], "-1"),
])
def test_bad_options_exit_2(site, project, tmp_path, args, message):
    run = harvest(site, project, tmp_path / "a", *args)
    assert run.exit_code == 2 and message in run.stderr
    assert run.requests == []


@pytest.mark.parametrize(("toml", "message"), [
    ('listing = "/news"', "listing must hold {page}"),
    ('lisitng = "/news?p={page}"', "unknown key(s) lisitng"),
    ("stop_after = \"ten\"", "stop_after must be a int"),
    ('item_links = "a[["', "item_links: bad CSS selector"),
    ("listing = ", "not TOML"),
])
def test_a_bad_profile_exits_2_naming_the_key(site, project, tmp_path, toml, message):
    profile = tmp_path / "bad.toml"
    profile.write_text(toml + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--project-dir", str(project), "harvest", "--site",
                                      site.base, "--profile", str(profile), "--archive",
                                      str(tmp_path / "a")])
    assert result.exit_code == 2 and message in result.stderr
    assert site.requests_since() == []


def test_a_failing_robots_txt_stops_the_harvest_before_any_page(project, tmp_path):
    site, server = start_site(robots_status=500, releases=RELEASES[:2])
    try:
        run = harvest(site, project, tmp_path / "a")
    finally:
        server.shutdown()
    assert run.exit_code == 2 and "robots.txt" in run.stderr and "nothing fetched" in run.stderr
    assert set(paths(run.requests)) == {"/robots.txt"} and len(run.requests) == 3  # tries = 3


def test_no_robots_txt_means_everything_allowed(project, tmp_path):
    site, server = start_site(robots_status=404, releases=RELEASES[:2])
    try:
        run = harvest(site, project, tmp_path / "a", "--no-ingest")
    finally:
        server.shutdown()
    assert run.exit_code == 0 and "note: no robots.txt (HTTP 404)" in run.stdout
    assert item_paths(paths(run.requests, 200)) == ["/secretariat/9012", "/odihr/9011"]


def test_a_second_harvest_on_the_same_archive_is_refused(site, project, tmp_path):
    archive = tmp_path / "a"
    archive.mkdir()
    with open(archive / "harvest.lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        run = harvest(site, project, archive)
    assert run.exit_code == 2 and "another harvest is running" in run.stderr
    assert run.requests == []


@pytest.mark.parametrize(("args", "message"), [
    ([], "or --from-archive"),
    (["page.html", "--from-archive", "harvest"], "--from-archive takes no paths"),
])
def test_ingest_needs_pages_or_an_archive_but_not_both(project, args, message):
    result = CliRunner().invoke(cli, ["--project-dir", str(project), "ingest", *args])
    assert result.exit_code == 2 and message in result.stderr


@pytest.mark.slow
def test_a_pruned_archive_is_fetched_afresh_not_trusted(site, project, tmp_path):
    archive, out = tmp_path / "a", tmp_path / "out"
    harvest(site, project, archive, "--no-ingest")
    for warc in archive.glob("*.warc.gz"):
        warc.unlink()
    run = harvest(site, project, archive, "--out", str(out))
    assert run.exit_code == 1 and list(run.lines_starting("failed")) == ["/big/9006"]
    pages = [r for r in run.requests if r.path.startswith(("/secretariat", "/odihr", "/albania"))]
    assert pages and not any(r.conditional for r in pages)
    assert_holds_releases(out, QUICK)
