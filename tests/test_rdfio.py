"""Files are written whole or not at all; Turtle is byte-stable."""

from __future__ import annotations

import os
import shutil

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal
from rdflib.namespace import RDFS

from osce_kg.cli import cli
from osce_kg.namespaces import entity_iri
from osce_kg.rdf.io import serialize_turtle, write_atomic

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
    assert list((project / "data" / "releases").iterdir()) == []
    assert list((project / "data" / "pages").iterdir()) == []
