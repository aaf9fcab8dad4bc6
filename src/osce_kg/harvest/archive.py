"""The WARC archive (warcio): every response kept, as the site sent it, one file per run.

Each record is its own gzip member, written and fsynced before the state names it, so a run
killed at any moment leaves at worst a torn last record that nothing refers to; readers skip it.
"""

from __future__ import annotations

import datetime as dt
import http
import io
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROLE_HEADER = "OSCE-KG-Role"  # an extension field: robots | listing | item
TRUNCATED_HEADER = "WARC-Truncated"


@dataclass(frozen=True)
class RecordRef:
    """Where one record lies: file name (in the archive directory), offset, length."""

    file: str
    offset: int
    length: int


@dataclass(frozen=True)
class ArchivedResponse:
    url: str
    role: str
    date: str
    status: int
    content_type: str
    body: bytes
    truncated: bool


class Archive:
    """Append-only WARC files in ``directory``; a new file per :class:`Archive` opened."""

    def __init__(self, directory: Path, run_name: str) -> None:
        self.directory = directory
        self.name = f"osce-kg-{run_name}.warc.gz"
        self._file = None
        self._writer: WARCWriter | None = None

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = self._writer = None

    def store(self, url: str, role: str, status: int, headers: list[tuple[str, str]],
              body: bytes, *, truncated: str = "") -> RecordRef:
        """A ``response`` record of the decoded body; returns where it lies, once on disk.
        ``truncated``: why the body is not whole (``length``: cut at the size cap;
        ``disconnect``: not read, as for a PDF)."""
        status_line = StatusAndHeaders(f"{status} {_phrase(status)}",
                                       [*headers, ("Content-Length", str(len(body)))],
                                       protocol="HTTP/1.1")
        warc_headers = {ROLE_HEADER: role}
        if truncated:
            warc_headers[TRUNCATED_HEADER] = truncated
        return self._write(url, "response", io.BytesIO(body), status_line, warc_headers)

    def revisit(self, url: str, role: str, headers: list[tuple[str, str]]) -> RecordRef:
        """A ``revisit`` record: the server said 304, the content is that of an earlier record."""
        status_line = StatusAndHeaders("304 Not Modified", headers, protocol="HTTP/1.1")
        warc_headers = {ROLE_HEADER: role, "WARC-Profile":
                        "http://netpreserve.org/warc/1.1/revisit/server-not-modified"}
        return self._write(url, "revisit", None, status_line, warc_headers)

    def _write(self, url, kind, payload, http, warc_headers) -> RecordRef:
        writer = self._open()
        record = writer.create_warc_record(url, kind, payload=payload, http_headers=http,
                                           warc_headers_dict=warc_headers)
        offset = self._file.tell()
        writer.write_record(record)
        self._file.flush()
        os.fsync(self._file.fileno())
        return RecordRef(self.name, offset, self._file.tell() - offset)

    def _open(self) -> WARCWriter:
        if self._writer is None:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._file = open(self.directory / self.name, "ab")  # noqa: SIM115 (kept open)
            self._writer = WARCWriter(self._file, gzip=True)
        return self._writer


def _phrase(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def read_body(directory: Path, ref: RecordRef) -> bytes:
    """The payload of the record at ``ref``."""
    with open(directory / ref.file, "rb") as fh:
        fh.seek(ref.offset)
        for record in ArchiveIterator(fh):
            return record.content_stream().read()
    raise OSError(f"no record at {ref.file}:{ref.offset}")


def archived_body(directory: Path, ref: RecordRef | None) -> bytes | None:
    """The payload at ``ref``, or None when there is none or it is gone (the file pruned)."""
    if ref is None:
        return None
    try:
        return read_body(directory, ref)
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error):
        return None


def warc_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.warc.gz")) + sorted(directory.glob("*.warc"))


def responses(directory: Path, problems: list[str] | None = None) -> Iterator[ArchivedResponse]:
    """Every ``response`` record of the archive's files, oldest file first; a torn record
    (a run killed while writing) ends its file and is named in ``problems``."""
    for path in warc_files(directory):
        size = path.stat().st_size
        with open(path, "rb") as fh:
            records = ArchiveIterator(fh)
            try:
                for record in records:
                    if record.rec_type != "response":
                        continue
                    http = record.http_headers
                    status = int(http.get_statuscode()) if http else 0
                    yield ArchivedResponse(
                        url=record.rec_headers.get_header("WARC-Target-URI") or "",
                        role=record.rec_headers.get_header(ROLE_HEADER) or "",
                        date=record.rec_headers.get_header("WARC-Date") or "",
                        status=status,
                        content_type=(http.get_header("Content-Type") or "") if http else "",
                        body=record.content_stream().read(),
                        truncated=bool(record.rec_headers.get_header(TRUNCATED_HEADER)))
            except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error) as exc:
                _note(problems, f"{path.name}: torn record at the end ({exc}): skipped")
            else:
                if records.offset < size:
                    _note(problems, f"{path.name}: torn record at the end (offset "
                                    f"{records.offset} of {size} bytes): skipped")


def _note(problems: list[str] | None, text: str) -> None:
    if problems is not None:
        problems.append(text)


def run_name(now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now(dt.UTC)
    return f"{now:%Y%m%dT%H%M%S}-{os.getpid()}"
