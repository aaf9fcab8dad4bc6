"""The harvester's parts on their own: profile, listing reader, politeness, archive, state,
progress line."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from osce_kg.errors import InputError, SourceError
from osce_kg.harvest.archive import Archive, read_body, responses
from osce_kg.harvest.crawler import Tally
from osce_kg.harvest.listing import ListedItem, read_listing
from osce_kg.harvest.politeness import Robots, Throttle, retry_after_seconds
from osce_kg.harvest.profile import SiteProfile, load_profile, profile_from
from osce_kg.harvest.progress import Progress
from osce_kg.harvest.state import State

from .conftest import PROFILE
from .localsite import LocalSite

INGEST_PAGES = Path(__file__).resolve().parents[1] / "ingest" / "fixtures" / "pages"


def test_the_built_in_profile_is_the_osce_newsroom():
    profile = load_profile(None)
    assert profile.listing_url(0) == "https://www.osce.org/press-releases?page=0"
    assert profile.host == "www.osce.org" and profile.first_page == 0


def test_a_toml_profile_overrides_the_keys_it_names():
    profile = load_profile(PROFILE).with_site("http://127.0.0.1:8999/ignored/path")
    assert profile.site == "http://127.0.0.1:8999"
    assert profile.listing_url(2) == "http://127.0.0.1:8999/press-releases?page=2"
    assert profile.stop_after == 3 and profile.backoff == 0.1
    assert profile.timeout == SiteProfile().timeout  # not named: the default


@pytest.mark.parametrize("values", [{"site": "ftp://x"}, {"content_types": "text/html"},
                                    {"tries": 0}, {"backoff": "1"}])
def test_a_profile_with_a_bad_value_is_refused(values):
    with pytest.raises((InputError, SourceError)):
        profile_from(values)


@pytest.mark.parametrize(("page", "profile", "expected"), [
    # the Drupal-era newsroom markup the local site serves (rows, dates, a pager)
    ("local", SiteProfile(site="http://127.0.0.1:1", next_page="li.pager-next a"), [
        ListedItem("http://127.0.0.1:1/secretariat/9012", dt.date(2024, 5, 10)),
        ListedItem("http://127.0.0.1:1/odihr/9011", dt.date(2024, 5, 8)),
        ListedItem("http://127.0.0.1:1/secretariat/9010", dt.date(2024, 5, 6))]),
    # the later markup of the ingest fixtures: rows, a "Publishing date:" field, no pager
    ("listing-newsroom-weekly.html", SiteProfile(), [
        ListedItem("https://www.osce.org/programme-office-in-astana/123", dt.date(2019, 10, 15)),
        ListedItem("https://www.osce.org/chairpersonship/456", dt.date(2019, 10, 20))]),
    # no row selector: links only, no dates
    ("listing-newsroom-weekly.html", SiteProfile(item="", item_links=".views-row h3 a"), [
        ListedItem("https://www.osce.org/programme-office-in-astana/123"),
        ListedItem("https://www.osce.org/chairpersonship/456")]),
])
def test_a_listing_page_gives_its_item_links_and_dates(page, profile, expected):
    if page == "local":
        site = LocalSite(base=profile.site)
        body, url = site.listing(0), profile.listing_url(0)
    else:
        body, url = (INGEST_PAGES / page).read_bytes(), profile.listing_url(0)
    listing = read_listing(body, url, profile)
    assert list(listing.items) == expected
    assert listing.has_next


@pytest.mark.parametrize(("value", "seconds"), [
    ("7", 7.0), ("0", 0.0), ("Fri, 04 Dec 2026 06:00:30 GMT", 30.0),
    ("Fri, 04 Dec 2026 05:00:00 GMT", 0.0), ("soon", None), ("", None), (None, None)])
def test_retry_after_is_read_as_seconds_or_a_date(value, seconds):
    now = dt.datetime(2026, 12, 4, 6, 0, 0, tzinfo=dt.UTC).timestamp()
    assert retry_after_seconds(value, now=now) == seconds


def test_the_throttle_spaces_requests_by_its_delay():
    clock = [100.0]
    slept: list[float] = []

    def sleep(seconds):
        slept.append(round(seconds, 3))
        clock[0] += seconds

    throttle = Throttle(1.5, clock=lambda: clock[0], sleep=sleep)
    throttle.wait()
    clock[0] += 0.5
    throttle.wait()
    clock[0] += 2.0
    throttle.wait()
    assert slept == [1.0]


@pytest.mark.parametrize(("text", "url", "allowed", "delay"), [
    ("User-agent: *\nDisallow: /private/\nCrawl-delay: 2\n", "http://h/private/1", False, 2.0),
    ("User-agent: *\nDisallow: /private/\nCrawl-delay: 2\n", "http://h/sg/1", True, 2.0),
    ("User-agent: osce-kg\nDisallow: /\n\nUser-agent: *\nAllow: /\n", "http://h/sg/1", False, 0),
    ("User-agent: other\nDisallow: /\n", "http://h/sg/1", True, 0.0),
])
def test_robots_rules_apply_to_our_agent(text, url, allowed, delay):
    robots = Robots.parse(text, "osce-kg")
    assert robots.allowed(url) is allowed and robots.crawl_delay == delay


def test_an_archived_body_is_read_back_from_its_reference(tmp_path):
    archive = Archive(tmp_path, "test")
    first = archive.store("http://h/1", "item", 200, [("Content-Type", "text/html")], b"<p>1</p>")
    archive.revisit("http://h/1", "item", [("ETag", '"x"')])
    second = archive.store("http://h/2", "item", 200, [("Content-Type", "text/html")], b"<p>22",
                           truncated="length")
    archive.close()
    assert read_body(tmp_path, first) == b"<p>1</p>" and read_body(tmp_path, second) == b"<p>22"
    records = list(responses(tmp_path))
    assert [(r.url, r.status, r.truncated, r.role) for r in records] == [
        ("http://h/1", 200, False, "item"), ("http://h/2", 200, True, "item")]


def test_an_unfinished_run_is_resumed_and_a_finished_one_is_not(tmp_path):
    state = State(tmp_path / "state.sqlite")
    start = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)
    first, resumed = state.begin_run(start)
    assert not resumed
    assert state.begin_run(start + dt.timedelta(hours=1)) == (first, True)
    state.finish_run(first)
    second, resumed = state.begin_run(start + dt.timedelta(hours=2))
    assert second != first and not resumed
    third, resumed = state.begin_run(start + dt.timedelta(days=5))  # too old to resume
    assert third != second and not resumed


def test_progress_redraws_a_line_on_a_terminal_and_ends_with_the_summary():
    stream = io.StringIO()
    progress = Progress(stream, tty=True, interval=0)
    tally = Tally(pages=2, items=7, queued=3)
    tally.counts.update(new=4, unchanged=2, failed=1)
    progress.update(tally)
    progress.finish("harvest complete")
    text = stream.getvalue()
    assert "2 pages, 7 items: 4 new, 0 changed, 2 unchanged" in text and "1 failed" in text
    assert "ETA this page 0:00:03" in text
    assert text.endswith("\r\x1b[Kharvest complete\n")


def test_progress_is_quiet_when_not_a_terminal_but_for_the_summary():
    stream = io.StringIO()
    progress = Progress(stream, tty=False, interval=0)
    progress.update(Tally(pages=1))
    progress.note("ingesting")
    progress.finish("harvest complete")
    assert stream.getvalue() == "harvest complete\n"
