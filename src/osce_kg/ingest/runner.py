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
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from osce_kg.errors import IngestError
from osce_kg.ingest.building import BuiltRelease, ItemProblem, build_releases
from osce_kg.ingest.linking import require_geonames
from osce_kg.ingest.names import Gazetteer
from osce_kg.ingest.navigation import NavigationReport, check_navigation
from osce_kg.ingest.reading import read_page
from osce_kg.namespaces import ID_BASE, bind_prefixes
from osce_kg.rdf.io import load_graph, serialize_turtle, write_atomic

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


def curated_sources(project_dir: Path) -> list[Path]:
    data = project_dir / "data"
    ontology = project_dir / "ontology" / "osce.ttl"
    return ([ontology] if ontology.exists() else []) + sorted(data.glob("*.ttl"))


def load_context(project_dir: Path) -> tuple[Graph, Graph]:
    """(curated graph: ontology + data/*.ttl, releases graph: data/releases/*.ttl)."""
    curated = load_graph(curated_sources(project_dir))
    releases = load_graph(sorted((project_dir / "data" / "releases").glob("*.ttl")))
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
    if validate and built:
        _validate(built, curated, project_dir)
    if dry_run:
        run.dry_run_turtle = serialize_turtle(_with_labels(
            [r for o, _, _ in built if o.status != ERROR for r in o.releases], gazetteer))
        return run
    for outcome, data, path in built:
        if outcome.status != ERROR:
            try:
                _write(outcome, data, path, project_dir)
            except OSError as exc:  # each file is written whole or not at all (write_atomic)
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
              project_dir: Path) -> None:
    shapes_path = project_dir / "shapes" / "osce.shapes.ttl"
    if not shapes_path.exists():
        log.warning("no shapes at %s: releases written without validation", shapes_path)
        return
    from osce_kg.validation.shacl import validate_graph

    data = Graph()
    data += curated
    for outcome, _, _ in built:
        for release in outcome.releases:
            data += release.graph
    report = validate_graph(data, shapes=load_graph([shapes_path]))
    if report.conforms:
        return
    for outcome, _, _ in built:
        kept = []
        for release in outcome.releases:
            subjects = set(release.graph.subjects())
            problems = [r for r in report.violations if r.focus_node in subjects]
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


def _write(outcome: PageOutcome, data: bytes, path: Path, project_dir: Path) -> None:
    out_dir = project_dir / "data" / "releases"
    changed = False
    for release in outcome.releases:
        target = out_dir / f"{release.slug}.ttl"
        body = serialize_turtle(release.graph)
        if not target.exists() or target.read_bytes() != body:
            write_atomic(target, body)
            changed = True
        outcome.written.append(target)
    copy = project_dir / "data" / "pages" / path.name
    if not copy.exists() or copy.read_bytes() != data:
        write_atomic(copy, data)
        changed = True
    if not changed:
        outcome.status = SKIPPED
        outcome.message = "unchanged"


def _with_labels(releases: list[BuiltRelease], gazetteer: Gazetteer) -> Graph:
    out = bind_prefixes(Graph())
    for release in releases:
        out += release.graph
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
