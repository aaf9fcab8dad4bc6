"""The dumps a build wrote, read from ``dist/build.json`` (sizes, checksums, licence, date).

Files found in ``dist/`` but missing from the manifest are listed too, with their size and a
sha256 computed once per file version. Only the files listed here can be downloaded.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from osce_kg import conneg

log = logging.getLogger(__name__)

MANIFEST_NAME = "build.json"
DUMP_SUFFIXES = (".ttl", ".nt", ".nt.gz", ".ttl.gz", ".jsonld", ".rdf", ".nq", ".nq.gz")
DEFAULT_LICENCE = "https://creativecommons.org/licenses/by/4.0/"



@dataclass(frozen=True)
class DumpFile:
    name: str
    path: Path
    size: int
    sha256: str
    media_type: str          # the media type of the content (after gunzip)
    gzipped: bool
    description: str = ""


@dataclass(frozen=True)
class Manifest:
    files: tuple[DumpFile, ...]
    licence: str
    build_id: str | None
    built_at: float | None
    triples: int | None
    raw: dict[str, Any]

    def find(self, name: str) -> DumpFile | None:
        return next((f for f in self.files if f.name == name), None)


def media_type_of(name: str) -> tuple[str, bool]:
    """(content media type, gzipped) from a file name (``osce_kg.conneg``'s table)."""
    fmt = conneg.by_file_name(name)
    return (fmt.media_type if fmt else "application/octet-stream"), name.endswith(".gz")


def read_manifest(dist: Path) -> Manifest:
    """The manifest of the build in ``dist`` (an empty one when nothing was built)."""
    path = dist / MANIFEST_NAME
    try:
        stat = path.stat()
        key: tuple[Any, ...] = (str(path), stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = (str(path), None, None)
    listing = tuple(sorted(_dump_candidates(dist)))
    return _read(key, dist, listing)


def _dump_candidates(dist: Path) -> list[tuple[str, int, int]]:
    try:
        children = list(dist.iterdir())
    except OSError:
        return []
    out = []
    for child in children:
        if child.is_file() and child.name.endswith(DUMP_SUFFIXES):
            stat = child.stat()
            out.append((child.name, stat.st_mtime_ns, stat.st_size))
    return out


@lru_cache(maxsize=8)
def _read(key: tuple[Any, ...], dist: Path, listing: tuple[tuple[str, int, int], ...]) -> Manifest:
    raw: dict[str, Any] = {}
    if key[1] is not None:
        try:
            raw = json.loads(Path(key[0]).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("cannot read %s: %s", key[0], exc)
    declared = _declared_files(raw)
    files = []
    for name, mtime_ns, size in listing:
        info = declared.get(name, {})
        media_type, gzipped = media_type_of(name)
        sha = info.get("sha256") or _sha256(dist / name, mtime_ns, size)
        files.append(DumpFile(name, dist / name, size, str(sha).removeprefix("sha256:"),
                              media_type, gzipped, str(info.get("description", ""))))
    if key[1] is not None:
        built_at = _timestamp(raw) or key[1] / 1e9
    else:
        built_at = None
    triples = raw.get("triples")
    return Manifest(tuple(files), str(raw.get("licence") or raw.get("license") or DEFAULT_LICENCE),
                    raw.get("build_id"), built_at,
                    int(triples) if isinstance(triples, int) else None, raw)


def _declared_files(raw: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """``{file name: {sha256, bytes, …}}`` from the shapes a manifest may use."""
    entries = raw.get("files") or raw.get("dumps") or {}
    if isinstance(entries, dict):
        return {Path(str(k)).name: (v if isinstance(v, dict) else {"sha256": v})
                for k, v in entries.items()}
    out = {}
    for item in entries if isinstance(entries, list) else []:
        if isinstance(item, dict):
            name = item.get("name") or item.get("path") or item.get("file")
            if name:
                out[Path(str(name)).name] = item
    return out


def _timestamp(raw: dict[str, Any]) -> float | None:
    for key in ("built_at", "build_date", "created", "date", "generated_at"):
        value = raw.get(key)
        if isinstance(value, str):
            try:
                return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
            except ValueError:
                continue
    return None


@lru_cache(maxsize=64)
def _sha256(path: Path, mtime_ns: int, size: int) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
