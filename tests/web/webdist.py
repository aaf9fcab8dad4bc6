"""A build directory like ``osce-kg build`` writes, from a test graph (fast: no validation)."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

from rdflib import Graph

from osce_kg.build.pipeline import file_info
from osce_kg.build.stats import count_ntriples
from osce_kg.build.void import describe_dataset

DATA = Path(__file__).resolve().parent / "data"


def write_dist(dist: Path, graph: Graph, *, build_id: str = "test-build") -> Path:
    """A build directory like ``osce-kg build`` writes (dumps, void, ontology, build.json)."""
    dist.mkdir(parents=True, exist_ok=True)
    (dist / "osce-kg.ttl").write_bytes(graph.serialize(format="turtle", encoding="utf-8"))
    ntriples = graph.serialize(format="nt", encoding="utf-8")
    (dist / "osce-kg.nt.gz").write_bytes(gzip.compress(ntriples, mtime=0))
    shutil.copy(DATA / "ontology.ttl", dist / "ontology.ttl")
    shutil.copy(DATA / "shapes.ttl", dist / "shapes.ttl")
    dumps = {name: file_info(dist / name) for name in ("osce-kg.ttl", "osce-kg.nt.gz")}
    void = describe_dataset(count_ntriples(ntriples), dumps,
                            built_at=datetime(2026, 11, 28, 12, tzinfo=UTC), ours=True)
    (dist / "void.ttl").write_bytes(void.serialize(format="turtle", encoding="utf-8"))
    files = {p.name: {"bytes": p.stat().st_size,
                      "sha256": hashlib.sha256(p.read_bytes()).hexdigest()}
             for p in sorted(dist.iterdir()) if p.is_file()}
    (dist / "build.json").write_text(json.dumps({
        "build_id": build_id, "triples": len(graph), "built_at": "2026-11-28T12:00:00+00:00",
        "files": files}), encoding="utf-8")
    return dist
