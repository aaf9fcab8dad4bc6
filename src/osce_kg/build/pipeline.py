"""Build the graph: load the sources, validate, write the store and the dumps, describe them.

Everything is written into a temporary sibling of the output directory and swapped in by
renames at the end, so a failed or interrupted build leaves the previous build untouched, and a
build whose data does not conform writes nothing at all.

Two loading paths, chosen on the sources' size, give the same files:
- small inputs (the project's own data) go through rdflib: pySHACL validates that graph and
  :func:`osce_kg.rdf.io.serialize_turtle` writes ``osce-kg.ttl``;
- big inputs (``--from`` a benchmark file of millions of triples) are parsed and serialized by
  pyoxigraph only (rdflib would need minutes and gigabytes); ``osce-kg.ttl`` is then pyoxigraph's
  Turtle of the sorted triples, byte-stable too.
In both, ``osce-kg.nt.gz`` holds the sorted, de-duplicated N-Triples lines, whose SHA-256 is
the build id. Blank node labels are made stable: canonicalized (RDFC-1.0) in the rdflib path,
kept from the source file (prefixed per file when there are several) in the big path.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from osce_kg.build.cache import BuildCache, Changes, cache_dir, changes_since, fingerprint
from osce_kg.build.sources import (
    Sources,
    data_files,
    foreign_sources,
    line_count,
    merge_chunks,
    ntriples_from_files,
    ntriples_from_rdflib,
    project_sources,
    sorted_ntriples,
)
from osce_kg.build.stats import GraphStats, count_ntriples
from osce_kg.build.void import CC_BY_4, FileInfo, describe_dataset
from osce_kg.errors import InputError, ValidationFailed
from osce_kg.namespaces import PREFIXES, bind_prefixes
from osce_kg.rdf.io import check_readable, load_graph, serialize_turtle
from osce_kg.rdf.iris import check_ntriples
from osce_kg.settings import Settings
from osce_kg.store.embedded.store import OxigraphStore
from osce_kg.store.layout import (
    BUILD_INFO,
    NT_DUMP,
    ONTOLOGY_FILE,
    SHAPES_FILE,
    STORE_DIR,
    TURTLE_DUMP,
    VOID_FILE,
)
from osce_kg.validation.focus import affected
from osce_kg.validation.shacl import ValidationReport, validate_graph
from osce_kg.validation.sparql import validate_store

log = logging.getLogger(__name__)

Progress = Callable[[str], None]

# Above this many bytes of sources, load and serialize with pyoxigraph only.
BIG_INPUT_BYTES = 16 * 1024 * 1024
# pySHACL's time grows with the triples (the figures are in docs/performance.md). Above this
# many triples the shapes are compiled to SPARQL and run on an in-memory pyoxigraph store
# (osce_kg.validation.sparql: same results, proven by tests/test_shaclsparql.py); below it
# pySHACL keeps its own report.
SPARQL_VALIDATION_TRIPLES = 100_000
# Queries run two at a time: faster on two cores (docs/performance.md).
VALIDATION_WORKERS = min(2, os.cpu_count() or 1)
STEPS = 5


@dataclass
class BuildResult:
    """What a build wrote: where, its id, size, files (name → bytes, sha256) and step timings."""

    out: Path
    build_id: str
    triples: int
    built_at: str
    files: dict[str, FileInfo]
    validated: bool
    report: ValidationReport | None = None
    timings: dict[str, float] = field(default_factory=dict)


# --- writing


def write_store(ntriples: bytes, directory: Path) -> None:
    """The on-disk pyoxigraph store (RocksDB) holding the triples."""
    store = ox.Store(str(directory))
    # lenient: these lines were written by pyoxigraph's serializer, already checked
    store.bulk_load(ntriples, format=ox.RdfFormat.N_TRIPLES, lenient=True)
    store.flush()
    del store  # closes the database


def write_ntriples_gz(ntriples: bytes, path: Path) -> None:
    """Gzip with mtime 0 and no file name in the header, so equal triples give equal bytes."""
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw,
                                                compresslevel=6, mtime=0) as fh:
        fh.write(ntriples)


def turtle_from_ntriples(ntriples: bytes) -> bytes:
    """pyoxigraph's Turtle of sorted N-Triples: subjects and predicates grouped, in order."""
    return ox.serialize(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES),
                        format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def file_info(path: Path) -> FileInfo:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return FileInfo(bytes=path.stat().st_size, sha256=digest.hexdigest())


# --- the build


class _Steps:
    """Numbered progress lines with timings: ``[1/5] loading sources … 0.4 s (7,123 triples)``."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress or (lambda line: None)
        self.number = 0
        self.timings: dict[str, float] = {}
        self._name = ""
        self._start = 0.0

    def start(self, name: str) -> None:
        self.number += 1
        self._name = name
        self._start = time.perf_counter()

    def done(self, detail: str = "") -> None:
        elapsed = time.perf_counter() - self._start
        self.timings[self._name] = elapsed
        suffix = f" ({detail})" if detail else ""
        self.progress(f"[{self.number}/{STEPS}] {self._name} … {elapsed:.1f} s{suffix}")


def build(settings: Settings, *, sources: Sequence[Path] | None = None, out: Path | None = None,
          validate: bool = True, progress: Progress | None = None,
          cache: bool = True) -> BuildResult:
    """Build the graph from ``sources`` (default: the project's) into ``out`` (default dist/).

    Big inputs use the cache beside ``out`` (:mod:`osce_kg.build.cache`) unless ``cache`` is
    false: files read before are not parsed again, and only the focus nodes that the changes
    since the last validated build can affect are validated; the files written are the same.

    Raises :class:`ValidationFailed` (with the report) when the data does not conform,
    :class:`InvalidIris` (naming the triples) for IRIs that Jena's RIOT would refuse,
    :class:`SourceError` for unreadable sources and :class:`InputError` for an ``out`` that is
    not a build directory; in every case nothing is written.
    """
    src = project_sources(settings) if sources is None else foreign_sources(sources, settings)
    out = Path(out) if out is not None else settings.dist
    _check_replaceable(out)
    check_readable(src.graph_files)
    if validate:
        check_readable([p for p in (src.shapes,) if p is not None])
    steps = _Steps(progress)
    big = sum(p.stat().st_size for p in src.graph_files) > BIG_INPUT_BYTES

    steps.start("loading sources")
    kept = BuildCache(cache_dir(out)) if cache and big else None
    if kept is not None:
        graph = data_graph = None
        ntriples = merge_chunks(kept.chunks(src.graph_files), src.graph_files)
    elif big:
        graph = data_graph = None
        ntriples = ntriples_from_files(src.graph_files)
    else:
        graph, data_graph = _read_small(src)
        ntriples = ntriples_from_rdflib(graph)
    detail = f"{len(src.graph_files)} files, {line_count(ntriples):,} triples"
    if kept is not None:
        detail += f", {kept.parsed} parsed, {len(src.graph_files) - kept.parsed} from the cache"
    steps.done(detail + (", pyoxigraph path for big input" if big else ""))

    steps.start("validating")
    report = None
    print_ = fingerprint(src.shapes, src.ontology)
    previous = kept.previous(print_) if kept is not None else None
    changes = changes_since(previous, ntriples) if previous is not None else None
    del previous
    if kept is not None:
        kept.forget()  # until this build has conformed
    if validate:
        on_store = line_count(ntriples) > SPARQL_VALIDATION_TRIPLES or data_graph is None
        if on_store:
            data_graph = None
            scope: list[str] = []
            report = _validate_on_store(src, ntriples, changes, scope)
        else:
            report = _validate(src, data_graph)
            data_graph = None
        how = "shapes compiled to SPARQL" if on_store else "pySHACL"
        if on_store and scope:
            how += f", {scope[0]}"
        if not report.conforms:
            steps.done(f"{report.summary()}; {how}")
            raise ValidationFailed(f"the data {report.summary()}",
                                   report=report)
    steps.done(f"{report.summary()}; {how}" if report is not None else "skipped")

    steps.start("sorting and checking triples")
    ntriples = sorted_ntriples(ntriples)
    # InvalidIris (those Jena's RIOT refuses): nothing is written. The last validated build's
    # triples were checked then: only those added since are checked again.
    check_ntriples(ntriples if changes is None else b"\n".join(changes.added))
    build_id = hashlib.sha256(ntriples).hexdigest()
    triples = line_count(ntriples)
    if kept is not None:
        if report is not None and on_store:
            kept.remember(print_, ntriples, build_id)
        kept.prune()
    steps.done(f"{triples:,} distinct triples, build id {build_id[:12]}")

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.build-", dir=out.parent))
    tmp.chmod(0o755)
    try:
        files = _write_into(tmp, src, ntriples, graph, steps)
        del graph
        steps.start("describing and swapping in")
        stats = count_ntriples(ntriples)
        del ntriples
        built_at = datetime.now(UTC).replace(microsecond=0)
        info = {"build_id": build_id, "built_at": built_at.isoformat(), "triples": triples,
                "validated": report is not None, "sources": [p.name for p in src.graph_files],
                "store": STORE_DIR}
        if src.ours:
            info["licence"] = str(CC_BY_4)
        _describe_into(tmp, info, files, stats, ours=src.ours, built_at=built_at)
        _swap(tmp, out)
        steps.done(f"{len(files)} files in {out}")
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return BuildResult(out=out, build_id=build_id, triples=triples,
                       built_at=built_at.isoformat(), files=files, validated=report is not None,
                       report=report, timings=steps.timings)


def _read_small(src: Sources) -> tuple[Graph, Graph]:
    """(ontology + data merged, data alone) as rdflib graphs."""
    data = load_graph(src.data)
    graph = bind_prefixes(Graph())
    if src.ours and src.ontology is not None:
        graph += load_graph([src.ontology])
    graph += data
    return graph, data


def _validate(src: Sources, data: Graph) -> ValidationReport:
    has_ontology = src.ontology is not None and src.ontology.is_file()
    ontology = load_graph([src.ontology]) if has_ontology else Graph()
    return validate_graph(data, shapes=load_graph([src.shapes]), ontology=ontology)


def _validate_on_store(src: Sources, ntriples: bytes, changes: Changes | None = None,
                       scope: list[str] | None = None) -> ValidationReport:
    """The shapes compiled to SPARQL, run on an in-memory store of ``ntriples`` (then freed).

    ``changes``: since a graph that conformed to the same shapes and ontology; then only the
    focus nodes they can affect are validated (``scope`` gets a line saying which).
    """
    scope = scope if scope is not None else []
    has_ontology = src.ontology is not None and src.ontology.is_file()
    ontology = load_graph([src.ontology]) if has_ontology else Graph()
    shapes = load_graph([src.shapes])
    if changes is not None and not changes.added and not changes.removed:
        scope.append("no change since the last validated build")
        return ValidationReport(conforms=True)
    store = ox.Store()
    store.bulk_load(ntriples, format=ox.RdfFormat.N_TRIPLES, lenient=True)
    try:
        focus = None
        if changes is not None:
            focus = affected(store, changes.added, changes.removed, shapes=shapes,
                             schema=ontology, blank_lines=changes.blank_lines)
            scope.append(f"{len(changes.added) + len(changes.removed):,} triples changed, " + (
                "every focus node" if focus is None else
                f"{len(focus.iris):,} focus nodes they can affect"))
        return validate_store(store, shapes=shapes, ontology=ontology,
                              workers=VALIDATION_WORKERS, focus=focus)
    finally:
        del store


def _write_into(tmp: Path, src: Sources, ntriples: bytes, graph: Graph | None,
                steps: _Steps) -> dict[str, FileInfo]:
    """Step 4 inside ``tmp``: the store, written in a thread (pyoxigraph's bulk load runs
    without the GIL) while the dumps and the copies are written."""
    steps.start("writing store and dumps")
    with ThreadPoolExecutor(max_workers=1) as pool:
        stored = pool.submit(write_store, ntriples, tmp / STORE_DIR)
        write_ntriples_gz(ntriples, tmp / NT_DUMP)
        turtle = serialize_turtle(graph) if graph is not None else turtle_from_ntriples(ntriples)
        (tmp / TURTLE_DUMP).write_bytes(turtle)
        del turtle
        for source, name in ((src.ontology, ONTOLOGY_FILE), (src.shapes, SHAPES_FILE)):
            if source is not None and source.is_file():
                shutil.copyfile(source, tmp / name)
        stored.result()
    files = {p.name: file_info(p) for p in sorted(tmp.iterdir()) if p.is_file()}
    steps.done(f"{STORE_DIR}/, " + ", ".join(f"{name} {info.bytes:,} B"
                                              for name, info in files.items()))
    return files


def _describe_into(tmp: Path, info: dict, files: dict[str, FileInfo], stats: GraphStats, *,
                   ours: bool, built_at: datetime) -> None:
    """Write ``void.ttl``, then ``build.json`` (last: it marks a complete build)."""
    void = describe_dataset(stats, files, built_at=built_at, ours=ours)
    (tmp / VOID_FILE).write_bytes(void.serialize(format="turtle", encoding="utf-8"))
    files[VOID_FILE] = file_info(tmp / VOID_FILE)
    info["files"] = {name: {"bytes": f.bytes, "sha256": f.sha256}
                     for name, f in sorted(files.items())}
    (tmp / BUILD_INFO).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")


def _check_replaceable(out: Path) -> None:
    """``out`` may be missing, empty, or a previous build; anything else is not ours to replace."""
    if not out.exists():
        return
    if not out.is_dir():
        raise InputError(f"{out} exists and is not a directory")
    if (out / BUILD_INFO).is_file() or not any(out.iterdir()):
        return
    raise InputError(f"{out} exists and is not a build directory (no {BUILD_INFO}); "
                     "refusing to replace it: choose another --out")


def _swap(tmp: Path, out: Path) -> None:
    """Put ``tmp`` in place of ``out`` by renames; the previous build is removed afterwards."""
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        os.rename(out, old / out.name)
    try:
        os.rename(tmp, out)
    except BaseException:
        if old is not None:
            os.rename(old / out.name, out)
            old.rmdir()
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# --- validation and counting of files without building


def validate_sources(settings: Settings, paths: Sequence[Path] | None = None) -> ValidationReport:
    """Validate data files (default: the project's data) against the project's shapes.

    Raises :class:`SourceError` for a missing or unparsable file (ontology, shapes or data).
    """
    src = project_sources(settings)
    data = data_files(paths) if paths else list(src.data)
    check_readable([p for p in (src.shapes,) if p is not None] + data)
    if sum(p.stat().st_size for p in data) > BIG_INPUT_BYTES:
        return _validate_on_store(src, ntriples_from_files(data))
    return _validate(src, load_graph(data))


def store_from_files(paths: Sequence[Path]) -> OxigraphStore:
    """An in-memory store of the files (``stats --from``), loaded like a build loads them."""
    ntriples = sorted_ntriples(ntriples_from_files(data_files(paths)))
    store = ox.Store()
    store.bulk_load(ntriples, format=ox.RdfFormat.N_TRIPLES)
    return OxigraphStore(store, build_id=hashlib.sha256(ntriples).hexdigest(),
                         triples=line_count(ntriples))
