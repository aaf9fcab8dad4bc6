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

from osce_kg import conneg
from osce_kg.errors import SourceError
from osce_kg.namespaces import bind_prefixes


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
    """Turtle with the project's prefixes, subjects and predicates sorted: same graph, same bytes."""
    out = bind_prefixes(Graph())
    for triple in graph:
        out.add(triple)
    return out.serialize(format="turtle", encoding="utf-8")


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


def write_turtle(graph: Graph, path: Path) -> None:
    write_atomic(path, serialize_turtle(graph))
