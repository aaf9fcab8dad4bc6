"""Run ingest over files: read, build, validate, write — one outcome per page, never a crash.

``data/releases/{release-slug}.ttl`` gets one byte-stable Turtle file per release (written
atomically, only after the release conformed to the shapes); the page itself is copied to
``data/pages/``. Each listing item and each release is its own unit: an item that cannot be
built, or whose release does not conform, is left out and reported (file, item, reason) in its
page's ``problems``; the page's other releases go in. A page with no release left is an error
and leaves nothing behind; it does not stop the others.
"""

from __future__ import annotations

import glob
import hashlib
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDFS

from osce_kg.build.sources import PLACES_DIR, release_files
from osce_kg.errors import IngestError
from osce_kg.ingest.building import BuiltRelease, ItemProblem, build_releases
from osce_kg.ingest.linking import require_geonames
from osce_kg.ingest.names import Gazetteer, nameable
from osce_kg.ingest.navigation import NavigationReport, check_navigation
from osce_kg.ingest.reading import read_page
from osce_kg.namespaces import ID_BASE, bind_prefixes
from osce_kg.rdf.io import AtomicBatch, load_graph, serialize_turtle

if TYPE_CHECKING:
    from osce_kg.validation.shacl import ValidationReport

log = logging.getLogger(__name__)
OK, SKIPPED, ERROR = "ok", "skipped", "error"
MAX_PAGE_BYTES = 20_000_000


@dataclass
class PageOutcome:
    source: str
    status: str  # OK | SKIPPED | ERROR
    message: str = ""
    releases: list[BuiltRelease] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    problems: list[ItemProblem] = field(default_factory=list)  # items left out, and why


@dataclass
class IngestRun:
    outcomes: list[PageOutcome] = field(default_factory=list)
    dry_run_turtle: bytes | None = None

    @property
    def failed(self) -> bool:
        return any(o.status == ERROR for o in self.outcomes)

    def summary(self) -> str:
        counts = {s: sum(1 for o in self.outcomes if o.status == s) for s in (OK, SKIPPED, ERROR)}
        releases = sum(len(o.releases) for o in self.outcomes if o.status != ERROR)
        left_out = sum(len(o.problems) for o in self.outcomes if o.status != ERROR)
        return (f"{len(self.outcomes)} page(s): {counts[OK]} ok, {counts[SKIPPED]} skipped, "
                f"{counts[ERROR]} error(s); {releases} release(s)"
                + (f", {left_out} item(s) left out" if left_out else ""))


def expand_paths(paths: Iterable[str]) -> tuple[list[Path], list[str]]:
    """Files named, files in directories named (not hidden), and glob matches; plus unmatched."""
    files: list[Path] = []
    unmatched: list[str] = []
    for text in paths:
        path = Path(text)
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir()
                                if p.is_file() and not p.name.startswith(".")))
        elif path.is_file():
            files.append(path)
        else:
            matches = sorted(Path(m) for m in glob.glob(text, recursive=True) if Path(m).is_file())
            files.extend(matches) if matches else unmatched.append(text)
    seen: set[Path] = set()
    return [f for f in files if not (f.resolve() in seen or seen.add(f.resolve()))], unmatched


def release_path(releases_dir: Path, iri: URIRef) -> Path:
    """Where the file of a release, or of a city ingest created, goes."""
    kind, slug = str(iri).rsplit("/", 2)[-2:]
    return releases_dir / f"{slug}.ttl" if kind == "release" else \
        releases_dir / PLACES_DIR / f"{slug}.ttl"


def curated_sources(project_dir: Path) -> list[Path]:
    data = project_dir / "data"
    ontology = project_dir / "ontology" / "osce.ttl"
    return ([ontology] if ontology.exists() else []) + sorted(data.glob("*.ttl"))


def load_context(project_dir: Path) -> tuple[Graph, Graph]:
    """(curated graph: ontology + data/*.ttl, what the gazetteer reads of data/releases/*.ttl)."""
    curated = load_graph(curated_sources(project_dir))
    releases = nameable(release_files(project_dir / "data" / "releases"), curated)
    return curated, releases


def ingest_paths(paths: Iterable[str], project_dir: Path, *, dry_run: bool = False,
                 validate: bool = True, context: tuple[Graph, Graph] | None = None) -> IngestRun:
    require_geonames()
    curated, releases = context if context is not None else load_context(project_dir)
    gazetteer = Gazetteer(curated, releases)
    run = IngestRun()
    files, unmatched = expand_paths(paths)
    for text in unmatched:
        run.outcomes.append(PageOutcome(text, ERROR, "no such file, directory or glob match"))
    built: list[tuple[PageOutcome, bytes, Path]] = []
    first_source: dict[URIRef, str] = {}
    for path in files:
        outcome, data = _build_page(path, gazetteer)
        _drop_copies(outcome, first_source)
        run.outcomes.append(outcome)
        if outcome.status == OK:
            built.append((outcome, data, path))
    turtle = {iri: serialize_turtle(graph) for o, _, _ in built for r in o.releases
              for iri, graph in r.files()}
    if validate and built:
        _validate(built, curated, project_dir, turtle)
    if dry_run:
        run.dry_run_turtle = serialize_turtle(_with_labels(
            [r for o, _, _ in built if o.status != ERROR for r in o.releases], gazetteer))
        return run
    batches = []
    for outcome, data, path in built:
        if outcome.status != ERROR:
            batch = AtomicBatch()
            try:
                _write(outcome, data, path, project_dir, turtle, batch)
                batches.append((outcome, batch))
            except OSError as exc:  # each file is written whole or not at all
                batch.abort()
                outcome.status = ERROR
                outcome.message = f"cannot write its files: {exc.strerror or exc}"
    if batches:
        os.sync()  # once for every file written (not once a file: 20,000 for 10,000 pages)
    for outcome, batch in batches:
        try:
            batch.commit(sync=False)
        except OSError as exc:
            batch.abort()
            outcome.status = ERROR
            outcome.message = f"cannot write its files: {exc.strerror or exc}"
    return run


def _build_page(path: Path, gazetteer: Gazetteer) -> tuple[PageOutcome, bytes]:
    source = str(path)
    try:
        if path.stat().st_size > MAX_PAGE_BYTES:
            raise IngestError(f"too large for a web page (> {MAX_PAGE_BYTES} bytes)", source=source)
        data = path.read_bytes()
        page = read_page(data, source)
        sha = hashlib.sha256(data).hexdigest()
        releases, problems = build_releases(page, gazetteer, source=source, source_sha256=sha)
    except IngestError as exc:
        return PageOutcome(source, ERROR, exc.reason), b""
    except OSError as exc:
        return PageOutcome(source, ERROR, f"cannot read: {exc.strerror or exc}"), b""
    if not releases:
        return PageOutcome(source, ERROR, "; ".join(str(p) for p in problems),
                           problems=problems), b""
    return PageOutcome(source, OK, releases=releases, problems=problems), data


def _drop_copies(outcome: PageOutcome, first_source: dict[URIRef, str]) -> None:
    """Keep each release once per run: another copy of a page (its HTML twin of a text page,
    say) gives the same release IRI, and is skipped naming the page that gave it first."""
    if outcome.status == ERROR:
        return
    kept = []
    for release in outcome.releases:
        first = first_source.setdefault(release.iri, outcome.source)
        if first == outcome.source:
            kept.append(release)
        else:
            outcome.message = f"same release as {first} (another copy of that page)"
    outcome.releases = kept
    if not kept:
        outcome.status = SKIPPED


def _validate(built: list[tuple[PageOutcome, bytes, Path]], curated: Graph,
              project_dir: Path, turtle: dict[URIRef, bytes]) -> None:
    shapes_path = project_dir / "shapes" / "osce.shapes.ttl"
    if not shapes_path.exists():
        log.warning("no shapes at %s: releases written without validation", shapes_path)
        return
    from osce_kg.build.pipeline import SPARQL_VALIDATION_TRIPLES
    from osce_kg.validation.shacl import validate_graph

    triples = len(curated) + sum(len(r.graph) for o, _, _ in built for r in o.releases)
    at_scale = triples > SPARQL_VALIDATION_TRIPLES
    if at_scale:
        report = _validate_at_scale(built, project_dir, shapes_path, turtle)
    else:
        data = Graph()
        data += curated
        for outcome, _, _ in built:
            for release in outcome.releases:
                for _, graph in release.files():
                    data += graph
        report = validate_graph(data, shapes=load_graph([shapes_path]))
    if report.conforms:
        return
    blank_problems = [r for r in report.violations if isinstance(r.focus_node, BNode)]
    for outcome, _, _ in built:
        kept = []
        for release in outcome.releases:
            subjects = {s for _, graph in release.files() for s in graph.subjects()}
            problems = [r for r in report.violations if r.focus_node in subjects]
            if at_scale and any(isinstance(s, BNode) for s in subjects):
                problems += blank_problems  # the store names blank nodes its own way
            if not problems:
                kept.append(release)
                continue
            outcome.problems.append(ItemProblem(release.item, release.title, (
                "does not conform to the shapes: " + "; ".join(
                    f"{p.focus_node} {p.path}: {p.message}" for p in problems[:5]))))
        outcome.releases = kept
        if not kept:
            outcome.status = ERROR
            outcome.message = "; ".join(str(p) for p in outcome.problems)


def _validate_at_scale(built: list[tuple[PageOutcome, bytes, Path]], project_dir: Path,
                       shapes_path: Path, turtle: dict[URIRef, bytes]) -> ValidationReport:
    """The shapes compiled to SPARQL (as a big build validates), on a store of the curated
    files, the releases already in ``data/releases/`` but those written again, and the new
    releases' Turtle: pySHACL needs about a millisecond a triple, this seconds for 10,000
    releases; and a new release may link to what an earlier one describes (a person)."""
    from osce_kg.build.sources import ntriples_from_files
    from osce_kg.validation.sparql import validate_store

    releases_dir = project_dir / "data" / "releases"
    again = {release_path(releases_dir, iri) for o, _, _ in built for r in o.releases
             for iri, _ in r.files()}
    earlier = [p for p in release_files(releases_dir) if p not in again]
    store = ox.Store()
    store.bulk_load(ntriples_from_files(curated_sources(project_dir) + earlier),
                    format=ox.RdfFormat.N_TRIPLES, lenient=True)
    bodies = [turtle[iri] for o, _, _ in built for r in o.releases for iri, _ in r.files()]
    # one load for the files without blank nodes (Turtle documents may follow one another);
    # each of the others alone, so that equal labels in two files stay two blank nodes
    store.bulk_load(b"\n".join(b for b in bodies if b"_:" not in b), format=ox.RdfFormat.TURTLE)
    for body in bodies:
        if b"_:" in body:
            store.bulk_load(body, format=ox.RdfFormat.TURTLE)
    shapes = load_graph([shapes_path])
    ontology = project_dir / "ontology" / "osce.ttl"
    return validate_store(store, shapes=shapes, workers=2,
                          ontology=load_graph([ontology]) if ontology.exists() else None)


def _write(outcome: PageOutcome, data: bytes, path: Path, project_dir: Path,
           turtle: dict[URIRef, bytes], batch: AtomicBatch) -> None:
    out_dir = project_dir / "data" / "releases"
    changed = False
    for release in outcome.releases:
        for iri, _ in release.files():
            target = release_path(out_dir, iri)
            body = turtle[iri]
            if not target.exists() or target.read_bytes() != body:
                batch.stage(target, body)
                changed = True
            outcome.written.append(target)
    copy = project_dir / "data" / "pages" / path.name
    if not copy.exists() or copy.read_bytes() != data:
        batch.stage(copy, data)
        changed = True
    if not changed:
        outcome.status = SKIPPED
        outcome.message = "unchanged"


def _with_labels(releases: list[BuiltRelease], gazetteer: Gazetteer) -> Graph:
    out = bind_prefixes(Graph())
    for release in releases:
        for _, graph in release.files():
            out += graph
    for obj in set(out.objects()):
        if isinstance(obj, URIRef) and str(obj).startswith(ID_BASE) and \
                (obj, RDFS.label, None) not in out:
            label = gazetteer.label(obj)
            if label:
                out.add((obj, RDFS.label, Literal(label, lang="en")))
    return out


def check_navigation_paths(paths: Iterable[str], project_dir: Path,
                           context: tuple[Graph, Graph] | None = None,
                           ) -> list[tuple[str, NavigationReport | None, str]]:
    """(source, report or None, error) for each page whose menus are compared with the graph."""
    curated, releases = context if context is not None else load_context(project_dir)
    gazetteer = Gazetteer(curated, releases)
    files, unmatched = expand_paths(paths)
    out: list[tuple[str, NavigationReport | None, str]] = [
        (t, None, "no such file, directory or glob match") for t in unmatched]
    for path in files:
        try:
            page = read_page(path.read_bytes(), str(path))
        except IngestError as exc:
            out.append((str(path), None, exc.reason))
            continue
        except OSError as exc:
            out.append((str(path), None, f"cannot read: {exc.strerror or exc}"))
            continue
        report = check_navigation(page, gazetteer)
        if not report.checked:
            out.append((str(path), None, "no navigation menus on the page"))
        else:
            out.append((str(path), report, ""))
    return out
