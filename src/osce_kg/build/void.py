"""The dataset's description (VoID + DCAT): counts, partitions, licence, sources, distributions.

Written by the build as ``void.ttl``. Server-relative resources (the SPARQL endpoint, the dump
downloads) are relative IRI references (``<sparql>``, ``<dumps/osce-kg.nt.gz>``): the file has
no ``@base``, so they resolve against the public base the server is configured with
(:func:`read_void`). The dataset, its distributions and the things are ``w3id.org`` IRIs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID, XSD

from osce_kg import conneg
from osce_kg.build.stats import GraphStats
from osce_kg.namespaces import DATASET_IRI, ONTOLOGY_IRI, SCHEMA, bind_prefixes

SPDX = Namespace("http://spdx.org/rdf/terms#")
MEDIA_TYPES = Namespace("http://www.iana.org/assignments/media-types/")
CC_BY_4 = URIRef("https://creativecommons.org/licenses/by/4.0/")
OSCE_WEBSITE = URIRef("https://www.osce.org/")

_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
SPARQL_PATH = "sparql"
DUMPS_PATH = "dumps/"


@dataclass(frozen=True)
class FileInfo:
    """A file the build wrote: its size and SHA-256."""

    bytes: int
    sha256: str


@dataclass(frozen=True)
class Distribution:
    """A dump file as a ``dcat:Distribution``."""

    file_name: str
    fragment: str
    title: str
    media_type: str
    compress_format: str | None = None


DISTRIBUTIONS = (
    Distribution("osce-kg.ttl", "turtle", "The graph in Turtle", conneg.TURTLE.media_type),
    Distribution("osce-kg.nt.gz", "ntriples-gzip", "The graph in N-Triples, gzip-compressed",
                 conneg.NTRIPLES.media_type, "application/gzip"),
)


def describe_dataset(stats: GraphStats, files: Mapping[str, FileInfo], *, built_at: datetime,
                     ours: bool = True) -> Graph:
    """The VoID + DCAT graph of a build. ``ours``: the project's own data (licence, sources)."""
    graph = bind_prefixes(Graph())
    graph.bind("spdx", SPDX)
    ds = DATASET_IRI
    graph.add((ds, RDF.type, VOID.Dataset))
    graph.add((ds, RDF.type, DCAT.Dataset))
    if ours:
        graph.add((ds, DCTERMS.title, Literal("The OSCE knowledge graph", lang="en")))
        graph.add((ds, DCTERMS.description, Literal(
            "The Organization for Security and Co-operation in Europe as linked data: "
            "participating States, partners, structures, field operations, chairpersonships, "
            "fields of work, meetings and releases, with their sources.", lang="en")))
        graph.add((ds, DCTERMS.license, CC_BY_4))
        graph.add((ds, DCTERMS.source, OSCE_WEBSITE))
        graph.add((ds, VOID.vocabulary, ONTOLOGY_IRI))
    else:
        graph.add((ds, DCTERMS.title, Literal("An RDF dataset built by osce-kg", lang="en")))
    graph.add((ds, DCTERMS.modified, Literal(built_at.isoformat(timespec="seconds"),
                                             datatype=XSD.dateTime)))
    _add_counts(graph, ds, stats)
    graph.add((ds, VOID.sparqlEndpoint, URIRef(SPARQL_PATH)))
    for dist in DISTRIBUTIONS:
        info = files.get(dist.file_name)
        if info is not None:
            _add_distribution(graph, ds, dist, info)
    return graph


def _add_counts(graph: Graph, ds: URIRef, stats: GraphStats) -> None:
    graph.add((ds, VOID.uriSpace, Literal(stats.uri_space)))
    for prop, value in ((VOID.triples, stats.triples), (VOID.entities, stats.entities),
                        (VOID.distinctSubjects, stats.distinct_subjects),
                        (VOID.distinctObjects, stats.distinct_objects),
                        (VOID.classes, len(stats.classes)),
                        (VOID.properties, len(stats.properties))):
        graph.add((ds, prop, Literal(value)))
    for cls, n in stats.classes:
        part = BNode()
        graph.add((ds, VOID.classPartition, part))
        graph.add((part, VOID["class"], cls))
        graph.add((part, VOID.entities, Literal(n)))
    for prop, n in stats.properties:
        part = BNode()
        graph.add((ds, VOID.propertyPartition, part))
        graph.add((part, VOID.property, prop))
        graph.add((part, VOID.triples, Literal(n)))


def _add_distribution(graph: Graph, ds: URIRef, dist: Distribution, info: FileInfo) -> None:
    node = URIRef(f"{DATASET_IRI}#{dist.fragment}")
    download = URIRef(DUMPS_PATH + dist.file_name)
    graph.add((ds, DCAT.distribution, node))
    graph.add((ds, VOID.dataDump, download))
    graph.add((node, RDF.type, DCAT.Distribution))
    graph.add((node, DCTERMS.title, Literal(dist.title, lang="en")))
    graph.add((node, DCAT.downloadURL, download))
    graph.add((node, DCAT.accessURL, download))
    graph.add((node, SCHEMA.name, Literal(dist.file_name)))
    graph.add((node, DCAT.mediaType, MEDIA_TYPES[dist.media_type]))
    if dist.compress_format:
        graph.add((node, DCAT.compressFormat, MEDIA_TYPES[dist.compress_format]))
    graph.add((node, DCAT.byteSize, Literal(info.bytes, datatype=XSD.nonNegativeInteger)))
    checksum = BNode()
    graph.add((node, SPDX.checksum, checksum))
    graph.add((checksum, RDF.type, SPDX.Checksum))
    graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    graph.add((checksum, SPDX.checksumValue, Literal(info.sha256, datatype=XSD.hexBinary)))


def absolute_turtle(text: str, base_url: str) -> str:
    """``void.ttl``'s text with each relative IRI reference made absolute on ``base_url``
    (the downloadable copy: relative references would resolve against wherever it is saved).

    A textual rewrite, so the bytes stay those of the build (no blank node relabelled): only
    ``<…>`` outside string literals and comments is touched."""
    base = base_url.rstrip("/") + "/"
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "<":
            end = text.index(">", i)
            ref = text[i + 1:end]
            out.append(f"<{ref if _ABSOLUTE.match(ref) else urljoin(base, ref)}>")
            i = end + 1
        elif char in "\"'":
            quote = text[i:i + 3] if text[i:i + 3] == char * 3 else char
            end = i + len(quote)
            while not text.startswith(quote, end):
                end += 2 if text[end] == "\\" else 1
            out.append(text[i:end + len(quote)])
            i = end + len(quote)
        elif char == "#":
            end = text.find("\n", i)
            end = n if end < 0 else end
            out.append(text[i:end])
            i = end
        else:
            out.append(char)
            i += 1
    return "".join(out)


def read_void(path: Path, base_url: str) -> Graph:
    """``void.ttl`` with its relative references resolved against the server's ``base_url``."""
    graph = bind_prefixes(Graph())
    graph.bind("spdx", SPDX)
    graph.parse(str(path), format="turtle", publicID=base_url.rstrip("/") + "/")
    return graph
