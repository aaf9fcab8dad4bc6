"""Files are written whole or not at all; Turtle is byte-stable."""

from __future__ import annotations

import gzip
import os
import shutil

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS

from osce_kg.cli import cli
from osce_kg.errors import SourceError
from osce_kg.namespaces import entity_iri
from osce_kg.rdf.io import load_graph, serialize_turtle, write_atomic

INGEST_FIXTURES = os.path.join(os.path.dirname(__file__), "ingest", "fixtures")


def failing_replace(*args, **kwargs):
    raise OSError("disk full (simulated)")


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "out.ttl"
    target.write_bytes(b"old")
    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        write_atomic(target, b"new bytes")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]


def test_turtle_is_the_same_bytes_whatever_the_insertion_order():
    triples = [(entity_iri("state", f"s{i}"), RDFS.label, Literal(f"S {i}", lang="en"))
               for i in range(20)]
    forward, backward = Graph(), Graph()
    for t in triples:
        forward.add(t)
    for t in reversed(triples):
        backward.add(t)
    assert serialize_turtle(forward) == serialize_turtle(backward)


def test_an_interrupted_ingest_leaves_no_half_written_release(tmp_path, monkeypatch):
    project = tmp_path / "project"
    (project / "data" / "releases").mkdir(parents=True)
    (project / "data" / "pages").mkdir()
    shutil.copy(os.path.join(INGEST_FIXTURES, "context.ttl"), project / "data" / "context.ttl")
    page = os.path.join(INGEST_FIXTURES, "pages", "release-bern-statement.txt")
    monkeypatch.setattr(os, "replace", failing_replace)
    result = CliRunner().invoke(cli, ["--project-dir", str(project), "ingest", "--no-validate",
                                      page])
    assert result.exit_code == 1, result.output
    assert "cannot write" in result.output and "disk full" in result.output
    assert [p for p in (project / "data").rglob("*") if p.is_file()] == [
        project / "data" / "context.ttl"]


LITHUANIA = Graph().add((URIRef("https://w3id.org/osce/id/state/lithuania"), RDFS.label,
                         Literal("Lithuania", lang="en")))


LINE = ('<https://w3id.org/osce/id/state/lithuania> <http://www.w3.org/2000/01/rdf-schema#label> '
        '"Lithuania"@en')


@pytest.mark.parametrize(("name", "written"), [
    ("g.ttl", "turtle"), ("g.nt", "nt"), ("g.nt.gz", "nt"), ("g.jsonld", "json-ld"),
    ("g.rdf", "xml"), ("g.owl", "xml"), ("g.data", "turtle"),  # an unknown suffix: Turtle
    ("g.trig", f"{{ {LINE} . }}\n"),  # its default graph
])
def test_the_one_reader_takes_the_format_from_the_suffix(tmp_path, name, written):
    data = (written.encode() if " " in written
            else LITHUANIA.serialize(format=written, encoding="utf-8"))
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    assert isomorphic(load_graph([path]), LITHUANIA)


@pytest.mark.parametrize(("text", "message"), [
    (None, "no such file"),
    ("<https://x.org/a> <https://x.org/b> .\n", "line 1"),
])
def test_the_one_reader_names_the_file_and_the_position(tmp_path, text, message):
    path = tmp_path / "bad.ttl"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load_graph([str(path)])
    assert str(caught.value).startswith(f"{path}: ") and message in str(caught.value)
