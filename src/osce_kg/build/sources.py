"""The sources of a build: which files, their formats, and reading them.

Two readers: rdflib (:func:`osce_kg.rdf.io.load_graph`, for validation and the small graphs whose
Turtle rdflib writes) and pyoxigraph (:func:`ntriples_from_files`, for inputs of millions of
triples). Both end in N-Triples lines as pyoxigraph writes them, which :func:`sorted_ntriples`
sorts into the bytes of the dump. A file that cannot be read or parsed raises :class:`SourceError` naming the
file (and the line and column where pyoxigraph found the error).
"""

from __future__ import annotations

import gzip
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from osce_kg.errors import SourceError
from osce_kg.rdf.io import check_readable, open_bytes, rdf_format, syntax_error
from osce_kg.settings import Settings


@dataclass(frozen=True)
class Sources:
    """What a build reads: data files, and the project's ontology and shapes.

    The ontology is merged into the graph for the project's own build (``ours``); for any other
    dataset (``--from``) it only serves validation, and both are copied into the build.
    """

    data: tuple[Path, ...]
    ontology: Path | None = None
    shapes: Path | None = None
    ours: bool = True

    @property
    def graph_files(self) -> tuple[Path, ...]:
        merged = (self.ontology,) if self.ours and self.ontology is not None else ()
        return merged + self.data


PLACES_DIR = "places"  # in a directory of releases: the cities ingest placed, a file each


def release_files(releases_dir: Path) -> list[Path]:
    """The files ingest wrote into ``releases_dir``: one per release, and one per city it
    created (in ``places/``: a city's coordinates are a blank node, described once)."""
    return sorted(releases_dir.glob("*.ttl")) + sorted((releases_dir / PLACES_DIR).glob("*.ttl"))


def project_sources(settings: Settings) -> Sources:
    """The project's own sources: ontology, ``data/*.ttl``, ``data/releases/*.ttl`` and
    ``data/releases/places/*.ttl`` (the cities ingest created), shapes."""
    root = settings.project_dir
    data = sorted((root / "data").glob("*.ttl")) + release_files(root / "data" / "releases")
    return Sources(data=tuple(data), ontology=root / "ontology" / "osce.ttl",
                   shapes=root / "shapes" / "osce.shapes.ttl")


def foreign_sources(paths: Sequence[Path], settings: Settings) -> Sources:
    """Any RDF files (``--from``): no ontology merged; validated with the project's shapes."""
    own = project_sources(settings)
    return Sources(data=tuple(Path(p) for p in paths), ontology=own.ontology, shapes=own.shapes,
                   ours=False)


# --- reading


def ntriples_from_rdflib(graph: Graph) -> bytes:
    """pyoxigraph's N-Triples of an rdflib graph, blank nodes canonicalized (RDFC-1.0)."""
    data = graph.serialize(format="nt", encoding="utf-8")
    data = ox.serialize(ox.parse(data, format=ox.RdfFormat.N_TRIPLES),
                        format=ox.RdfFormat.N_QUADS)
    return canonicalize_blank_nodes(data) if b"_:" in data else data


_TRIPLE_FORMATS = (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML,
                   ox.RdfFormat.N3)
# In N-Triples a blank node is the subject (line start) or the object (before the final dot);
# literals cannot end a line that way because their line breaks are escaped.
_SUBJECT_BNODE = re.compile(rb"^_:", re.MULTILINE)
_OBJECT_BNODE = re.compile(rb" _:(\S+) \.$", re.MULTILINE)


_LABELLED_FORMATS = (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS)


def ntriples_from_files(paths: Sequence[Path]) -> bytes:
    """N-Triples of every file through pyoxigraph (no Python objects per triple for the
    triple formats).

    Blank node labels of N-Triples/N-Quads are kept (with several files, with a per-file prefix:
    ``_:f2_b1``), so equal inputs give equal labels without the cost of canonicalization.
    Other formats invent labels (``[ ]`` in Turtle); their blank nodes are canonicalized.
    """
    check_readable(paths)
    return merge_chunks([ntriples_of_file(path) for path in paths], paths)


def ntriples_of_file(path: Path, data: bytes | None = None) -> bytes:
    """pyoxigraph's N-Triples lines of one file (of ``data``, its bytes, when given)."""
    _, fmt = rdf_format(path)
    try:
        with (open_bytes(path) if data is None else _bytes_reader(path, data)) as fh:
            quads = ox.parse(fh, format=fmt, base_iri=path.resolve().as_uri())
            if fmt not in _TRIPLE_FORMATS:  # named graphs are merged into one graph
                quads = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
            chunk = ox.serialize(quads, format=ox.RdfFormat.N_QUADS
                                 if fmt in _TRIPLE_FORMATS else ox.RdfFormat.N_TRIPLES)
    except SyntaxError as exc:
        raise syntax_error(path, exc) from exc
    except (OSError, EOFError, ValueError) as exc:
        raise SourceError(f"{path}: cannot read: {exc}") from exc
    return chunk if chunk.endswith(b"\n") or not chunk else chunk + b"\n"


def _bytes_reader(path: Path, data: bytes):
    raw = io.BytesIO(data)
    return gzip.GzipFile(fileobj=raw, mode="rb") if path.suffix.lower() == ".gz" else raw


def merge_chunks(chunks: Sequence[bytes], paths: Sequence[Path]) -> bytes:
    """The chunks of :func:`ntriples_of_file` as one graph: blank nodes kept apart per file
    (labels prefixed by the file's number), canonicalized when a format invented them."""
    if len(paths) > 1:
        chunks = [_prefix_blank_nodes(chunk, index) if b"_:" in chunk else chunk
                  for index, chunk in enumerate(chunks, start=1)]
    ntriples = b"".join(chunks)
    invented = any(rdf_format(p)[1] not in _LABELLED_FORMATS for p in paths)
    return canonicalize_blank_nodes(ntriples) if invented and b"_:" in ntriples else ntriples


def _prefix_blank_nodes(chunk: bytes, index: int) -> bytes:
    chunk = _SUBJECT_BNODE.sub(b"_:f%d_" % index, chunk)
    return _OBJECT_BNODE.sub(rb" _:f%d_\1 ." % index, chunk)


def canonicalize_blank_nodes(ntriples: bytes) -> bytes:
    """The same triples with blank nodes relabelled by RDFC-1.0 (``_:c14n0`` …).

    Only the lines that hold a blank node go through the algorithm: the canonical labels
    depend on the triples that mention blank nodes only, so the others are passed as they
    are (the same labels as canonicalizing everything, without loading every triple).
    """
    with_blanks, without = [], []
    for line in ntriples.splitlines(keepends=True):
        (with_blanks if b"_:" in line else without).append(line)
    dataset = ox.Dataset(ox.parse(b"".join(with_blanks), format=ox.RdfFormat.N_TRIPLES))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    # a graph holds each triple once (as the dataset does for the canonicalized lines)
    return b"".join(dict.fromkeys(without)) + ox.serialize(dataset, format=ox.RdfFormat.N_QUADS)


def sorted_ntriples(ntriples: bytes) -> bytes:
    """The N-Triples lines sorted and de-duplicated: the bytes of the dump and the build id."""
    lines = ntriples.splitlines()
    lines.sort()
    unique = [line for line, before in zip(lines, [b""] + lines, strict=False)
              if line != before]
    del lines
    return b"\n".join(unique) + b"\n" if unique else b""


def line_count(ntriples: bytes) -> int:
    return ntriples.count(b"\n")


def data_files(paths: Iterable[Path]) -> list[Path]:
    """Files as given; a directory stands for the ``*.ttl`` files below it (sorted)."""
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        files.extend(sorted(path.rglob("*.ttl")) if path.is_dir() else [path])
    return files
