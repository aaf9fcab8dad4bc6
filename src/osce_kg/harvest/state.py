"""What the harvester holds, in SQLite (one transaction per change: a kill loses nothing).

Per URL: its role, validators (ETag, Last-Modified), the body's SHA-256, where the body lies in
the archive, the run that last saw it, and the SHA-256 last ingested. Per run: when it started
and whether it finished — an unfinished run is resumed by the next one.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from osce_kg.harvest.archive import RecordRef

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT);
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY, role TEXT NOT NULL, etag TEXT, last_modified TEXT, sha256 TEXT,
    warc TEXT, offset INTEGER, length INTEGER, cut INTEGER NOT NULL DEFAULT 0,
    skipped TEXT, run INTEGER NOT NULL, listed TEXT, ingested TEXT);
"""
RESUME_WITHIN = dt.timedelta(days=2)


@dataclass(frozen=True)
class Held:
    url: str
    role: str
    etag: str | None
    last_modified: str | None
    sha256: str | None
    ref: RecordRef | None
    cut: bool
    skipped: str | None  # the reason it was not fetched, for URLs skipped by rule
    run: int
    ingested: str | None

    @property
    def validators(self) -> dict[str, str]:
        """Conditional request headers (none for a cut body: that is fetched again)."""
        if self.ref is None or self.cut:
            return {}
        out = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out


class State:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(SCHEMA)

    def close(self) -> None:
        self._db.close()

    def begin_run(self, now: dt.datetime | None = None) -> tuple[int, bool]:
        """(run id, resumed): the last run again if it never finished (lately), else a new one."""
        now = now or dt.datetime.now(dt.UTC)
        row = self._db.execute("SELECT id, started, finished FROM runs ORDER BY id DESC LIMIT 1"
                               ).fetchone()
        if row and row[2] is None and now - dt.datetime.fromisoformat(row[1]) < RESUME_WITHIN:
            return row[0], True
        cur = self._db.execute("INSERT INTO runs (started) VALUES (?)", (now.isoformat(),))
        return cur.lastrowid, False

    def finish_run(self, run: int, now: dt.datetime | None = None) -> None:
        self._db.execute("UPDATE runs SET finished = ? WHERE id = ?",
                         ((now or dt.datetime.now(dt.UTC)).isoformat(), run))

    def held(self, url: str) -> Held | None:
        row = self._db.execute(
            "SELECT url, role, etag, last_modified, sha256, warc, offset, length, cut, skipped,"
            " run, ingested FROM urls WHERE url = ?", (url,)).fetchone()
        return _held(row) if row else None

    def record_body(self, url: str, role: str, run: int, ref: RecordRef, *, sha256: str,
                    etag: str | None, last_modified: str | None, cut: bool,
                    listed: dt.date | None = None) -> None:
        self._db.execute(
            "INSERT INTO urls (url, role, etag, last_modified, sha256, warc, offset, length, cut,"
            " skipped, run, listed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)"
            " ON CONFLICT(url) DO UPDATE SET role = excluded.role, etag = excluded.etag,"
            " last_modified = excluded.last_modified, sha256 = excluded.sha256,"
            " warc = excluded.warc, offset = excluded.offset, length = excluded.length,"
            " cut = excluded.cut, skipped = NULL, run = excluded.run,"
            " listed = COALESCE(excluded.listed, urls.listed)",
            (url, role, etag, last_modified, sha256, ref.file, ref.offset, ref.length, int(cut),
             run, listed.isoformat() if listed else None))

    def record_unchanged(self, url: str, run: int) -> None:
        self._db.execute("UPDATE urls SET run = ? WHERE url = ?", (run, url))

    def record_skipped(self, url: str, role: str, run: int, reason: str) -> None:
        self._db.execute(
            "INSERT INTO urls (url, role, skipped, run) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(url) DO UPDATE SET skipped = excluded.skipped, run = excluded.run",
            (url, role, reason, run))

    def record_ingested(self, url: str, sha256: str) -> None:
        self._db.execute("UPDATE urls SET ingested = ? WHERE url = ?", (sha256, url))

    def to_ingest(self) -> list[Held]:
        """Items held whole whose body was never ingested as it is now, oldest listed first."""
        rows = self._db.execute(
            "SELECT url, role, etag, last_modified, sha256, warc, offset, length, cut, skipped,"
            " run, ingested FROM urls WHERE role = 'item' AND warc IS NOT NULL AND cut = 0"
            " AND (ingested IS NULL OR ingested != sha256) ORDER BY listed, url").fetchall()
        return [_held(r) for r in rows]

    def count(self, role: str) -> int:
        return self._db.execute("SELECT COUNT(*) FROM urls WHERE role = ? AND warc IS NOT NULL",
                                (role,)).fetchone()[0]


def _held(row) -> Held:
    ref = RecordRef(row[5], row[6], row[7]) if row[5] is not None else None
    return Held(url=row[0], role=row[1], etag=row[2], last_modified=row[3], sha256=row[4],
                ref=ref, cut=bool(row[8]), skipped=row[9], run=row[10], ingested=row[11])
