"""``osce-kg harvest`` as one function: walk the site into the archive, then ingest what is new.

One harvest at a time per archive (a lock file; the kernel drops it when the process dies, even
by ``kill -9``). A walk stopped by ``--max-requests`` or a kill leaves its run open; the next
harvest resumes it. Items fetched but not yet ingested stay pending until a harvest ingests them.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from osce_kg import __version__
from osce_kg.errors import HarvestError
from osce_kg.harvest.archive import Archive, archived_body, responses, run_name
from osce_kg.harvest.crawler import ITEM, Crawler, Tally, Walk
from osce_kg.harvest.fetcher import BudgetSpent, Fetcher
from osce_kg.harvest.intake import OK, Intake, ItemIngest
from osce_kg.harvest.listing import check_selectors
from osce_kg.harvest.politeness import Throttle
from osce_kg.harvest.profile import load_profile
from osce_kg.harvest.progress import Progress
from osce_kg.harvest.state import State
from osce_kg.ingest.runner import ERROR, SKIPPED
from osce_kg.settings import Settings

STATE_FILE = "state.sqlite"
LOCK_FILE = "harvest.lock"


@dataclass(frozen=True)
class HarvestOptions:
    site: str | None = None
    profile: Path | None = None
    archive: Path | None = None
    since: dt.date | None = None
    full: bool = False
    delay: float = 1.0
    max_requests: int | None = None
    ingest: bool = True
    out: Path | None = None


@dataclass
class HarvestReport:
    archive: Path
    tally: Tally = field(default_factory=Tally)
    requests: int = 0
    seconds: float = 0.0
    complete: bool = True  # False: stopped by --max-requests; the next harvest resumes
    resumed: bool = False
    ingested: list[ItemIngest] = field(default_factory=list)
    out: Path | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def failures(self) -> list[tuple[str, str]]:
        return self.tally.failed + [(i.url, f"ingest: {i.message}") for i in self.ingested
                                    if i.status == ERROR]

    @property
    def failed(self) -> bool:
        return bool(self.failures)

    def lines(self) -> list[str]:
        """Each skipped and failed URL with its reason, then notes."""
        return ([f"skipped {url}: {reason}" for url, reason in self.tally.skipped]
                + [f"failed {url}: {reason}" for url, reason in self.failures]
                + [f"note: {note}" for note in self.notes])

    def summary(self) -> str:
        c = self.tally.counts
        written = sum(1 for i in self.ingested if i.status == OK)
        ingest = (f"; {written} item(s) ingested into {self.out}" if self.out is not None
                  else "; not ingested (--no-ingest)")
        state = "resumed run" if self.resumed else "run"
        return (f"harvest {'complete' if self.complete else 'stopped'} ({state}; "
                f"{self.tally.stopped}): {self.tally.pages} listing page(s), "
                f"{self.tally.items} item(s): {c['new']} new, {c['changed']} changed, "
                f"{c['unchanged']} unchanged, {c['resumed']} resumed, {c['skipped']} skipped, "
                f"{len(self.failures)} failed; {self.requests} request(s) in "
                f"{self.seconds:.1f} s{ingest}")


def user_agent(settings: Settings) -> str:
    return f"osce-kg/{__version__} (+{settings.harvest_contact})"


def harvest(options: HarvestOptions, settings: Settings,
            progress: Progress | None = None) -> HarvestReport:
    """Walk the site into the archive, then (unless ``options.ingest`` is false) ingest the
    items new or changed since they were last ingested. Raises :class:`HarvestError` or
    :class:`InputError` (a bad site) or :class:`SourceError` (a bad profile)."""
    profile = load_profile(options.profile).with_site(options.site)
    check_selectors(profile)
    directory = options.archive or settings.project_dir / "harvest"
    report = HarvestReport(archive=directory)
    started = time.monotonic()
    with _locked(directory), _state(directory) as state:
        run, report.resumed = state.begin_run()
        throttle = Throttle(options.delay)
        fetcher = Fetcher(profile, user_agent(settings), throttle,
                          max_requests=options.max_requests)
        archive = Archive(directory, run_name())
        if progress is not None:
            progress.requests = lambda: fetcher.requests
            progress.pace = lambda: max(throttle.delay, 0.05)
        crawler = Crawler(profile, fetcher, archive, state, run,
                          Walk(full=options.full, since=options.since),
                          on_progress=progress.update if progress is not None else None)
        try:
            report.tally = crawler.crawl()
            state.finish_run(run)
        except BudgetSpent as exc:
            report.tally = crawler.tally
            report.tally.stopped = f"{exc}; the next harvest resumes here"
            report.complete = False
        except (OSError, sqlite3.Error) as exc:  # a full disk, say: the run stays open
            raise HarvestError(f"archive {directory}: {exc}; the next harvest resumes") from exc
        finally:
            report.requests = fetcher.requests
            fetcher.close()
            archive.close()
        if robots_note := (fetcher.robots.note if fetcher.robots else ""):
            report.notes.append(robots_note)
        if options.ingest:
            report.out = options.out or settings.project_dir / "data" / "releases"
            if progress is not None:
                progress.note(f"harvest: ingesting into {report.out}")
            report.ingested = _ingest_pending(state, directory, settings.project_dir, report.out)
    report.seconds = time.monotonic() - started
    return report


def _ingest_pending(state: State, directory: Path, project_dir: Path,
                    out: Path) -> list[ItemIngest]:
    pending = state.to_ingest()
    if not pending:
        return []
    intake = Intake(project_dir, out)
    results: list[ItemIngest] = []
    for start in range(0, len(pending), 100):
        bodies = [(h, archived_body(directory, h.ref)) for h in pending[start:start + 100]]
        results.extend(ItemIngest(h.url, ERROR, "its archived page is gone (asked afresh next "
                                  "time)") for h, body in bodies if body is None)
        batch = [(h, body) for h, body in bodies if body is not None]
        done = intake.ingest([(h.url, body) for h, body in batch])
        for (held, _), result in zip(batch, done, strict=True):
            if result.status != ERROR:
                state.record_ingested(held.url, held.sha256)
        results.extend(done)
    return results


@dataclass
class ArchiveIngest:
    results: list[ItemIngest] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(r.status == ERROR for r in self.results)

    def summary(self) -> str:
        counts = {s: sum(1 for r in self.results if r.status == s) for s in (OK, SKIPPED, ERROR)}
        return (f"{len(self.results)} archived item(s): {counts[OK]} ok, {counts[SKIPPED]} "
                f"skipped, {counts[ERROR]} error(s)")


def ingest_archive(directory: Path, project_dir: Path, out: Path | None = None) -> ArchiveIngest:
    """Ingest the latest whole copy of every item page the archive holds (no network)."""
    if not directory.is_dir():
        raise HarvestError(f"no archive directory {directory}")
    report = ArchiveIngest()
    latest: dict[str, bytes] = {}
    for record in responses(directory, report.problems):
        if record.role == ITEM and record.status == 200 and not record.truncated:
            latest.pop(record.url, None)
            latest[record.url] = record.body
    if latest:
        intake = Intake(project_dir, out or project_dir / "data" / "releases")
        report.results = intake.ingest(list(latest.items()))
    return report


@contextmanager
def _locked(directory: Path) -> Iterator[None]:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle = open(directory / LOCK_FILE, "a")  # noqa: SIM115 (held for the run)
    except OSError as exc:
        raise HarvestError(f"archive {directory}: {exc.strerror or exc}") from exc
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as exc:
        handle.close()
        raise HarvestError(f"another harvest is running on {directory}") from exc
    try:
        yield
    finally:
        handle.close()


@contextmanager
def _state(directory: Path) -> Iterator[State]:
    try:
        state = State(directory / STATE_FILE)
    except sqlite3.Error as exc:
        raise HarvestError(f"archive {directory}: state unusable: {exc}") from exc
    try:
        yield state
    finally:
        state.close()
