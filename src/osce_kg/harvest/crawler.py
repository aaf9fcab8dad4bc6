"""The walk: robots.txt, then the listings newest first, each item fetched (conditionally when
held), every body archived and recorded before the next request.

Incremental by default: the walk ends after ``stop_after`` items in a row that were held before
this run and are unchanged; ``since`` ends it at the first item listed before that date instead;
``full`` walks every listing page. URLs done earlier in the same (resumed) run are read back from
the archive, never requested again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from osce_kg.errors import HarvestError
from osce_kg.harvest.archive import Archive, archived_body
from osce_kg.harvest.fetcher import Disallowed, Fetcher, FetchFailed, Skipped
from osce_kg.harvest.listing import ListedItem, read_listing
from osce_kg.harvest.politeness import Robots
from osce_kg.harvest.profile import SiteProfile
from osce_kg.harvest.state import State

NEW, CHANGED, UNCHANGED, RESUMED, SKIPPED, FAILED = (
    "new", "changed", "unchanged", "resumed", "skipped", "failed")
LISTING, ITEM, ROBOTS = "listing", "item", "robots"


@dataclass
class Tally:
    """What a walk met, for the progress line and the summary."""

    pages: int = 0
    items: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        (NEW, CHANGED, UNCHANGED, RESUMED, SKIPPED, FAILED), 0))
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    failed: list[tuple[str, str]] = field(default_factory=list)
    queued: int = 0  # items seen on the current listing page, not yet done
    stopped: str = ""


@dataclass
class Walk:
    """How far to walk: ``full``, or down to ``since``, or (default) an unchanged run."""

    full: bool = False
    since: dt.date | None = None


class Crawler:
    def __init__(self, profile: SiteProfile, fetcher: Fetcher, archive: Archive, state: State,
                 run: int, walk: Walk, on_progress: Callable[[Tally], None] | None = None
                 ) -> None:
        self.profile, self.fetcher, self.archive, self.state = profile, fetcher, archive, state
        self.run, self.walk = run, walk
        self.tally = Tally()
        self._role = ROBOTS
        fetcher.on_answer = self._archive_answer
        self._progress = on_progress or (lambda tally: None)

    @property
    def incremental(self) -> bool:
        return not self.walk.full and self.walk.since is None

    def crawl(self) -> Tally:
        """Walk the site; raises :class:`BudgetSpent` (from the fetcher) when out of requests,
        :class:`HarvestError` when robots.txt cannot be read."""
        self.fetcher.robots = self._robots()
        self.fetcher.throttle.delay = max(self.fetcher.throttle.delay,
                                          self.fetcher.robots.crawl_delay)
        self.tally.stopped = f"max_pages ({self.profile.max_pages}) listing pages walked"
        streak = 0
        for page in range(self.profile.first_page, self.profile.first_page + self.profile.max_pages):
            url = self.profile.listing_url(page)
            kind, body, reason = self._get(url, LISTING)
            if body is None:
                self.tally.failed.append((url, f"listing page: {reason}"))
                self.tally.stopped = "a listing page could not be fetched"
                break
            listing = read_listing(body, url, self.profile)
            self.tally.pages += 1
            if not listing.items:
                self.tally.stopped = f"listing page {page} lists no items (the end)"
                break
            self.tally.queued = len(listing.items)
            for item in listing.items:
                if self.walk.since and item.date and item.date < self.walk.since:
                    self.tally.stopped = f"items listed before {self.walk.since.isoformat()}"
                    return self._done()
                kind = self._item(item)
                self.tally.queued -= 1
                self._progress(self.tally)
                if self.incremental:
                    streak = streak + 1 if kind == UNCHANGED else (
                        streak if kind in (RESUMED, SKIPPED) else 0)
                    if streak >= self.profile.stop_after:
                        self.tally.stopped = (f"{streak} items in a row held and unchanged")
                        return self._done()
            if not listing.has_next:
                self.tally.stopped = f"listing page {page} is the last"
                break
        return self._done()

    def _done(self) -> Tally:
        self.tally.queued = 0
        self._progress(self.tally)
        return self.tally

    def _archive_answer(self, url: str, status: int, headers: list[tuple[str, str]],
                        body: bytes, truncated: str) -> None:
        """Errors, redirects and other media types go into the archive too (never ingested)."""
        self.archive.store(url, self._role, status, headers, body, truncated=truncated)

    def _robots(self) -> Robots:
        self._role = ROBOTS
        agent = self.fetcher.agent_token
        url = self.profile.site.rstrip("/") + "/robots.txt"
        try:
            fetched = self.fetcher.get(url)
        except Skipped as exc:
            return Robots.allow_all(agent, f"robots.txt {exc}")
        except FetchFailed as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                return Robots.allow_all(agent, f"no robots.txt ({exc})")
            raise HarvestError(f"robots.txt of {self.profile.site} cannot be read ({exc}): "
                               "nothing fetched") from exc
        self.archive.store(url, ROBOTS, fetched.status, fetched.headers, fetched.body,
                           truncated="length" if fetched.cut else "")
        return Robots.parse(fetched.body.decode("utf-8", errors="replace"), agent)

    def _item(self, item: ListedItem) -> str:
        self.tally.items += 1
        kind, _, reason = self._get(item.url, ITEM, item.date)
        self.tally.counts[kind] += 1
        if kind == FAILED:
            self.tally.failed.append((item.url, reason))
        elif kind == SKIPPED:
            self.tally.skipped.append((item.url, reason))
        return kind

    def _get(self, url: str, role: str, listed: dt.date | None = None,
             ) -> tuple[str, bytes | None, str]:
        """(kind, body or None, reason) for ``url``; the body is archived and recorded first."""
        self._role = role
        held = self.state.held(url)
        body = archived_body(self.archive.directory, held.ref if held else None)
        if held is not None and held.ref is not None and body is None:
            held = dataclasses.replace(held, ref=None)  # its archive file is gone: ask afresh
        if held is not None and held.run == self.run and not held.cut:
            if held.ref is not None:
                return RESUMED, body, ""
            if held.skipped:
                return RESUMED, None, held.skipped
        if held is not None and held.skipped and not self.walk.full:
            return UNCHANGED, None, held.skipped  # skipped by rule before: not asked again
        try:
            fetched = self.fetcher.get(url, held.validators if held else None)
        except Disallowed as exc:
            return SKIPPED, None, str(exc)
        except Skipped as exc:
            self.state.record_skipped(url, role, self.run, str(exc))
            return SKIPPED, None, str(exc)
        except FetchFailed as exc:
            return FAILED, None, str(exc)
        if fetched.not_modified:
            if held is None or held.ref is None:
                return FAILED, None, "HTTP 304 to an unconditional request"
            self.archive.revisit(url, role, fetched.headers)
            self.state.record_unchanged(url, self.run)
            return UNCHANGED, body, ""
        sha = hashlib.sha256(fetched.body).hexdigest()
        ref = self.archive.store(url, role, fetched.status, fetched.headers, fetched.body,
                                 truncated="length" if fetched.cut else "")
        self.state.record_body(url, role, self.run, ref, sha256=sha, etag=fetched.header("etag"),
                               last_modified=fetched.header("last-modified"), cut=fetched.cut,
                               listed=listed)
        if fetched.cut:
            return FAILED, None, (f"larger than {self.profile.max_response_bytes:,} bytes: cut "
                                  "(kept in the archive, not ingested)")
        if held is None or held.ref is None:
            return NEW, fetched.body, ""
        return (UNCHANGED if held.sha256 == sha and not held.cut else CHANGED), fetched.body, ""

