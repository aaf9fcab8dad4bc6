"""What a build keeps for the next one: each source file parsed, and the last validated graph.

The cache is a directory beside the output (``.dist.cache/`` for ``dist/``), never needed: delete
it and the next build reads and validates everything. It holds

- ``nt/<key>.nt``: the N-Triples of one source file as pyoxigraph parsed it, keyed by the
  SHA-256 of the file's bytes and location (its base IRI) and of :data:`VERSION`; a file whose
  bytes did not change is not parsed again. Entries no build used are removed after a build.
- ``graph.nt`` and ``state.json``: the sorted triples of the last build that was validated and
  conformed, with the fingerprint of what validated it (shapes, ontology, :data:`VERSION`).
  The next build validates only the focus nodes its changes can affect
  (:mod:`osce_kg.validation.focus`) when the fingerprint is the same.

Every file is written through a temporary file and a rename: an interrupted build leaves the
cache as it was or complete.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from osce_kg.build.sources import ntriples_of_file
from osce_kg.rdf.io import write_atomic

# Changing how sources are parsed or validated changes this, which empties the cache.
VERSION = "1"
GRAPH_FILE = "graph.nt"
STATE_FILE = "state.json"


def cache_dir(out: Path) -> Path:
    """The cache of builds into ``out``: its hidden sibling ``.{name}.cache``."""
    return out.parent / f".{out.name}.cache"


def fingerprint(*paths: Path | None) -> str:
    """SHA-256 of :data:`VERSION` and the bytes of ``paths`` (shapes, ontology)."""
    digest = hashlib.sha256(VERSION.encode())
    for path in paths:
        digest.update(b"\0" + (path.read_bytes() if path is not None and path.is_file()
                               else b"-"))
    return digest.hexdigest()


@dataclass
class Changes:
    """The triples added and removed since the last validated build (sorted N-Triples lines),
    and every line of either that holds a blank node (what focus computation needs)."""

    added: list[bytes]
    removed: list[bytes]
    blank_lines: list[bytes]


def changes_since(previous: bytes, ntriples: bytes) -> Changes:
    new = set(ntriples.splitlines())
    old = set(previous.splitlines())
    new.discard(b"")
    old.discard(b"")
    added, removed = sorted(new - old), sorted(old - new)
    blanks = [line for line in new | old if b"_:" in line] if added or removed else []
    return Changes(added, removed, blanks)


class BuildCache:
    """The per-file N-Triples and the last validated graph of the builds into one directory."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.parsed = 0  # files parsed by the last :meth:`chunks` (the others came from here)
        self._used: set[str] = set()

    def chunks(self, paths: Sequence[Path]) -> list[bytes]:
        """:func:`~osce_kg.build.sources.ntriples_of_file` of each path, parsed only when its
        bytes are new."""
        store = self.directory / "nt"
        store.mkdir(parents=True, exist_ok=True)
        out = []
        self.parsed = 0
        for path in paths:
            data = path.read_bytes()
            digest = hashlib.sha256(f"{VERSION}\0{path.resolve().as_uri()}\0".encode())
            digest.update(data)
            key = digest.hexdigest()
            entry = store / f"{key}.nt"
            self._used.add(entry.name)
            try:
                out.append(entry.read_bytes())
                continue
            except FileNotFoundError:
                pass
            chunk = ntriples_of_file(path, data)
            write_atomic(entry, chunk, durable=False)
            self.parsed += 1
            out.append(chunk)
        return out

    def previous(self, print_: str) -> bytes | None:
        """The sorted triples of the last validated build, if validated by ``print_``."""
        try:
            state = json.loads((self.directory / STATE_FILE).read_text(encoding="utf-8"))
            if state.get("fingerprint") != print_:
                return None
            graph = (self.directory / GRAPH_FILE).read_bytes()
        except (OSError, ValueError):
            return None
        if hashlib.sha256(graph).hexdigest() != state.get("build_id"):
            return None
        return graph

    def remember(self, print_: str, ntriples: bytes, build_id: str) -> None:
        """Keep ``ntriples`` (sorted, conforming) as the graph the next build starts from."""
        write_atomic(self.directory / GRAPH_FILE, ntriples, durable=False)
        write_atomic(self.directory / STATE_FILE, (json.dumps(
            {"fingerprint": print_, "build_id": build_id}, indent=2) + "\n").encode(),
            durable=False)

    def forget(self) -> None:
        """The last validated graph no longer stands for the sources (a build without
        validation): the next build validates everything."""
        (self.directory / STATE_FILE).unlink(missing_ok=True)

    def prune(self) -> None:
        """Remove the parsed files the last :meth:`chunks` did not use."""
        store = self.directory / "nt"
        if not self._used or not store.is_dir():
            return
        for entry in store.iterdir():
            if entry.name not in self._used:
                entry.unlink(missing_ok=True)
