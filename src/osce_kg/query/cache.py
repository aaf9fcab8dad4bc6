"""The result cache of the public endpoint, shared by every server process.

Answers are files under ``<dist>/cache/<build id>/``, one per key (build, query text, form,
media type, default and named graphs), written through a temporary file and a rename, so a
reader never sees half an answer and the gunicorn workers share them without locks. A new
build has a new build id, hence a new directory: nothing stale is ever read, and the
directories of other builds are removed when a cache opens. Truncated answers are never
stored (failed ones never reach it). The key's digest is the answer's ``ETag``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import threading
from pathlib import Path

from osce_kg.store.base import QueryAnswer, QueryRequest

log = logging.getLogger(__name__)

MAX_ENTRY_BYTES = 4 * 1024**2
MAX_TOTAL_BYTES = 512 * 1024**2
_CHECK_EVERY = 256  # writes between two checks of the total size
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def cache_key(build_id: str, request: QueryRequest) -> str:
    """The hex digest naming an answer: the same for the same query on the same build."""
    parts = [build_id, request.form, request.media_type, request.text,
             "\x1e".join(request.default_graphs), "\x1e".join(request.named_graphs)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


class ResultCache:
    """Answers of one build, stored under ``root/<build id>/``."""

    def __init__(self, root: Path, build_id: str, *, max_entry_bytes: int = MAX_ENTRY_BYTES,
                 max_total_bytes: int = MAX_TOTAL_BYTES) -> None:
        self.build_id = build_id
        self.directory = root / _directory_name(build_id)
        self.max_entry_bytes = max_entry_bytes
        self.max_total_bytes = max_total_bytes
        self._writes = 0
        self._lock = threading.Lock()
        _remove_other_builds(root, self.directory)

    def key(self, request: QueryRequest) -> str:
        return cache_key(self.build_id, request)

    def get(self, key: str) -> QueryAnswer | None:
        try:
            with open(self._path(key), "rb") as fh:
                header = json.loads(fh.readline())
                body = fh.read()
        except (OSError, ValueError):
            return None
        return QueryAnswer(body, header["media_type"], header["form"], False, header.get("rows"))

    def put(self, key: str, answer: QueryAnswer) -> bool:
        """Store ``answer`` (not when truncated or too big); ``False`` when it was not stored."""
        if answer.truncated or len(answer.body) > self.max_entry_bytes:
            return False
        header = json.dumps({"media_type": answer.media_type, "form": answer.form,
                             "rows": answer.rows}).encode() + b"\n"
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            with os.fdopen(fd, "wb") as fh:
                fh.write(header + answer.body)
            os.replace(tmp, path)
        except OSError as exc:  # a full or read-only disk costs the cache, not the answer
            log.warning("result cache: cannot write %s: %s", path, exc)
            return False
        with self._lock:
            self._writes += 1
            check = self._writes % _CHECK_EVERY == 0
        if check:
            self.trim()
        return True

    def trim(self) -> None:
        """Remove the oldest answers until the cache holds at most 3/4 of its budget."""
        entries = []
        for path in self.directory.glob("*/*"):
            with contextlib.suppress(OSError):
                stat = path.stat()
                entries.append((stat.st_mtime, stat.st_size, path))
        total = sum(size for _, size, _ in entries)
        if total <= self.max_total_bytes:
            return
        for _, size, path in sorted(entries):
            with contextlib.suppress(OSError):
                path.unlink()
            total -= size
            if total <= self.max_total_bytes * 3 // 4:
                break

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / key


def _directory_name(build_id: str) -> str:
    safe = _UNSAFE.sub("-", build_id)[:80].strip(".") or "build"
    if safe != build_id:
        safe += "-" + hashlib.sha256(build_id.encode()).hexdigest()[:12]
    return safe


def _remove_other_builds(root: Path, keep: Path) -> None:
    if not root.is_dir():
        return
    for child in root.iterdir():
        if child != keep and child.is_dir():
            shutil.rmtree(child, ignore_errors=True)
