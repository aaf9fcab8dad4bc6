"""Reading and writing RDF files the same way everywhere (byte-stable Turtle)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph

from osce_kg import conneg
from osce_kg.namespaces import bind_prefixes


def load_graph(paths: Iterable[Path | str]) -> Graph:
    """Parse every file (format from its suffix) into one rdflib graph with our prefixes."""
    graph = bind_prefixes(Graph())
    for path in paths:
        graph.parse(str(path), format=_format_of(Path(path)))
    return graph


def _format_of(path: Path) -> str:
    """rdflib's parser name for the file's suffix (unknown: Turtle), from ``osce_kg.conneg``."""
    return str((conneg.by_file_name(path) or conneg.TURTLE).rdflib)


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


def write_turtle(graph: Graph, path: Path) -> None:
    write_atomic(path, serialize_turtle(graph))
