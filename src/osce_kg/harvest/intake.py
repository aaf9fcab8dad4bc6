"""Harvested item pages → release Turtle, through the ingest API (one outcome per item).

The bodies are staged as files (the ingester reads files), ingested together with validation,
and each release is written to the output directory atomically; the releases written so far
stay in the gazetteer's context for the next batch.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from osce_kg.build.sources import release_files
from osce_kg.ingest.names import nameable
from osce_kg.ingest.runner import (
    ERROR,
    OK,
    SKIPPED,
    ingest_paths,
    load_context,
    release_path,
)
from osce_kg.rdf.io import serialize_turtle, write_atomic

BATCH = 100


@dataclass
class ItemIngest:
    url: str
    status: str  # OK | SKIPPED | ERROR (the ingest statuses)
    message: str = ""
    written: list[Path] = field(default_factory=list)


class Intake:
    """Ingests item pages into ``out_dir`` with the project's data as context."""

    def __init__(self, project_dir: Path, out_dir: Path, *, validate: bool = True) -> None:
        self.project_dir, self.out_dir, self.validate = project_dir, out_dir, validate
        curated, releases = load_context(project_dir)
        if out_dir.resolve() != (project_dir / "data" / "releases").resolve():
            releases += nameable(release_files(out_dir), curated)
        self.context = (curated, releases)

    def ingest(self, items: list[tuple[str, bytes]]) -> list[ItemIngest]:
        """One :class:`ItemIngest` per (url, body), in order."""
        results: list[ItemIngest] = []
        for start in range(0, len(items), BATCH):
            results.extend(self._batch(items[start:start + BATCH]))
        return results

    def _batch(self, items: list[tuple[str, bytes]]) -> list[ItemIngest]:
        with tempfile.TemporaryDirectory(prefix="osce-kg-harvest-") as tmp:
            urls: dict[str, str] = {}
            for n, (url, body) in enumerate(items):
                path = Path(tmp) / f"{n:05d}-{page_name(url)}"
                path.write_bytes(body)
                urls[str(path)] = url
            run = ingest_paths(list(urls), self.project_dir, dry_run=True,
                               validate=self.validate, context=self.context)
            results = []
            releases = self.context[1]
            for outcome in run.outcomes:
                url = urls.get(outcome.source, outcome.source)
                if outcome.status == ERROR:
                    results.append(ItemIngest(url, ERROR, outcome.message))
                    continue
                result = ItemIngest(url, SKIPPED if outcome.status == SKIPPED else OK,
                                    outcome.message)
                for release in outcome.releases:
                    for iri, graph in release.files():
                        target = release_path(self.out_dir, iri)
                        body = serialize_turtle(graph)
                        if not target.exists() or target.read_bytes() != body:
                            write_atomic(target, body)
                        result.written.append(target)
                        releases += graph  # the gazetteer's context of the next batch
                results.append(result)
            return results


def page_name(url: str) -> str:
    """A file name for the page at ``url`` (its path, made safe)."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url)
    return (re.sub(r"[^A-Za-z0-9._-]+", "-", path).strip("-.") or "index")[:80] + ".html"
