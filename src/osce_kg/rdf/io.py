"""Reading and writing RDF files the same way everywhere (byte-stable Turtle)."""

from __future__ import annotations

import gzip
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import Graph
from rdflib.exceptions import ParserError
from rdflib.namespace import RDF

from osce_kg import conneg
from osce_kg.errors import SourceError
from osce_kg.namespaces import PREFIXES, bind_prefixes
from osce_kg.rdf.terms import to_oxigraph


def rdf_format(path: Path) -> tuple[str, ox.RdfFormat]:
    """(rdflib format name, pyoxigraph format) from the file's suffix (``.gz`` ignored; an
    unknown suffix is read as Turtle), from the one format table (``osce_kg.conneg``)."""
    fmt = conneg.by_file_name(path) or conneg.TURTLE
    return str(fmt.rdflib), fmt.rdf_format


def open_bytes(path: Path) -> BinaryIO:
    """The file's bytes, decompressed when its name ends in ``.gz``."""
    return gzip.open(path, "rb") if path.suffix.lower() == ".gz" else open(path, "rb")


def check_readable(paths: Iterable[Path]) -> None:
    for path in paths:
        if not path.is_file():
            raise SourceError(f"{path}: no such file")


def syntax_error(path: Path, exc: Exception) -> SourceError:
    """The parser's message, first line only, after the file's name."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return SourceError(f"{path}: {first}")


def check_syntax(path: Path) -> None:
    """Parse ``path`` with pyoxigraph; a syntax error names the file, line and column."""
    _, fmt = rdf_format(path)
    try:
        with open_bytes(path) as fh:
            for _ in ox.parse(fh, format=fmt, lenient=True, base_iri=path.resolve().as_uri()):
                pass
    except SyntaxError as exc:
        raise syntax_error(path, exc) from exc
    except (OSError, EOFError, ValueError) as exc:
        raise SourceError(f"{path}: cannot read: {exc}") from exc


def load_graph(paths: Iterable[Path | str]) -> Graph:
    """Parse every file (format from its suffix) into one rdflib graph with our prefixes.

    The one rdflib reader of RDF files. A missing or unparsable file raises
    :class:`SourceError` naming the file (and the line and column where pyoxigraph found the
    error); files over a few megabytes are better read by pyoxigraph
    (:func:`osce_kg.build.sources.ntriples_from_files`).
    """
    paths = [Path(p) for p in paths]
    check_readable(paths)
    graph = bind_prefixes(Graph())
    for path in paths:
        check_syntax(path)
        name, _ = rdf_format(path)
        try:
            with open_bytes(path) as fh:
                graph.parse(fh, format=name, publicID=path.resolve().as_uri())
        except (SyntaxError, ValueError, ParserError) as exc:
            raise syntax_error(path, exc) from exc
    return graph


def serialize_turtle(graph: Graph) -> bytes:
    """Byte-stable Turtle: same graph, same bytes.

    pyoxigraph's writer (about fifty times rdflib's: 0.04 ms against 2 ms a release; see
    docs/performance.md), given the triples sorted by subject, then ``rdf:type`` first, then
    predicate and object, with blank nodes relabelled canonically (RDFC-1.0), and those of the
    project's prefixes that the graph uses (not ``id:``, whose local names would need their
    slashes escaped).
    """
    triples = [ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in graph]
    if any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)
           for t in triples):
        dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        triples = [q.triple for q in dataset]
    triples.sort(key=_turtle_order)
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_used_prefixes(triples))


_RDF_TYPE = ox.NamedNode(str(RDF.type))
_TURTLE_PREFIXES = {p: ns for p, ns in PREFIXES.items() if p != "id"}


def _turtle_order(triple: ox.Triple) -> tuple[str, bool, str, str]:
    return (str(triple.subject), triple.predicate != _RDF_TYPE, str(triple.predicate),
            str(triple.object))


def _used_prefixes(triples: list[ox.Triple]) -> dict[str, str]:
    iris = set()
    for triple in triples:
        if triple.predicate != _RDF_TYPE:  # written "a"
            iris.add(triple.predicate.value)
        for term in (triple.subject, triple.object):
            if isinstance(term, ox.NamedNode):
                iris.add(term.value)
            elif isinstance(term, ox.Literal) and not term.language:
                iris.add(term.datatype.value)
    return {p: ns for p, ns in _TURTLE_PREFIXES.items() if any(i.startswith(ns) for i in iris)}


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename (never half-written).

    ``durable``: flush to the disk before the rename (not for caches, which may be lost).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class AtomicBatch:
    """Many files written as :func:`write_atomic` writes one, with one flush to the disk for
    all (``os.sync``) instead of one per file: :meth:`stage` writes each to a temporary file,
    :meth:`commit` flushes them and renames each into place; :meth:`abort` removes them.
    """

    def __init__(self) -> None:
        self._staged: list[tuple[str, Path]] = []

    def stage(self, path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._staged.append((tmp, path))

    def commit(self, *, sync: bool = True) -> None:
        """Flush (unless the caller did: ``sync=False``) and rename the staged files."""
        if self._staged and sync:
            os.sync()
        while self._staged:  # what a failure leaves staged, abort() removes
            tmp, path = self._staged[0]
            os.replace(tmp, path)
            self._staged.pop(0)

    def abort(self) -> None:
        staged, self._staged = self._staged, []
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)


def pretty_turtle(graph: Graph) -> bytes:
    """rdflib's Turtle with the project's prefixes, for the curated files people read and
    review (``data/*.ttl``): blank nodes inline (``[ … ]``), long texts in triple quotes,
    subjects and predicates sorted, so byte-stable too. Fifty times slower than
    :func:`serialize_turtle`: for tens of files, not for every release."""
    out = bind_prefixes(Graph())
    for triple in graph:
        out.add(triple)
    return out.serialize(format="turtle", encoding="utf-8")


def write_turtle(graph: Graph, path: Path) -> None:
    """A curated file: :func:`pretty_turtle`, written atomically."""
    write_atomic(path, pretty_turtle(graph))
