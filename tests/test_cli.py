"""The build, validate, stats and query commands: output and exit codes."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from buildfixtures import BROKEN, FINLAND, INVALID, make_project
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS

from osce_kg.cli import cli


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="module")
def built_project(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("project"))
    result = CliRunner().invoke(cli, ["--project-dir", str(project), "build"])
    assert result.exit_code == 0, result.output
    return project


def run(runner: CliRunner, project: Path, *args: str, stdin: str | None = None):
    return runner.invoke(cli, ["--project-dir", str(project), *args], input=stdin)


def test_build_prints_its_steps_and_a_summary(built_project, runner, tmp_path):
    result = run(runner, built_project, "build", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line[:5] for line in lines[:5]] == [f"[{n}/5]" for n in range(1, 6)]
    assert re.match(r"^built \d+ triples into .*out \(build [0-9a-f]{12}\)$", lines[-1])
    assert (tmp_path / "out" / "build.json").is_file()
    assert (built_project / "dist" / "store").is_dir()  # the default --out is dist/


def test_build_from_any_file_without_validation(runner, tmp_path, built_project):
    data = tmp_path / "data.nt"
    data.write_text('<http://example.org/s> <http://example.org/p> "o" .\n'
                    '<http://example.org/s> <http://example.org/p> "o" .\n', encoding="utf-8")
    out = tmp_path / "okg"
    result = run(runner, built_project, "build", "--from", str(data), "--no-validate",
                 "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "[2/5] validating … " in result.stdout and "(skipped)" in result.stdout
    assert json.loads((out / "build.json").read_text(encoding="utf-8"))["triples"] == 1
    dump = gzip.decompress((out / "osce-kg.nt.gz").read_bytes())
    assert dump == b'<http://example.org/s> <http://example.org/p> "o" .\n'


def test_build_refuses_invalid_data_prints_the_violation_and_writes_nothing(runner, tmp_path):
    project = make_project(tmp_path / "project", invalid=True)
    result = run(runner, project, "build")
    assert result.exit_code == 1
    assert ("<https://w3id.org/osce/id/state/nowhere> — rdfs:label — a country needs a label"
            in result.stdout.splitlines())
    assert "does not conform: 2 violations on 1 focus node" in result.stdout
    assert "nothing was written" in result.stderr
    assert not (project / "dist").exists()
    assert sorted(p.name for p in project.iterdir()) == ["data", "ontology", "shapes"]


def test_build_of_a_missing_file_is_a_usage_error(runner, tmp_path, built_project):
    result = run(runner, built_project, "build", "--from", str(tmp_path / "nope.nt"),
                 "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: {tmp_path / 'nope.nt'}: no such file"


def test_validate_exit_codes(runner, built_project, tmp_path):
    ok = run(runner, built_project, "validate")
    assert ok.exit_code == 0, ok.output
    assert ok.stdout.strip() == "conforms: 0 violations"

    bad = tmp_path / "bad.ttl"
    bad.write_text(INVALID, encoding="utf-8")
    failed = run(runner, built_project, "validate", str(bad))
    assert failed.exit_code == 1
    assert failed.stdout.splitlines() == [
        "<https://w3id.org/osce/id/state/nowhere> — rdfs:label — a country needs a label",
        "<https://w3id.org/osce/id/state/nowhere> — osce:iso3166Alpha2 — "
        "the ISO alpha-2 code is two capital letters",
        "does not conform: 2 violations on 1 focus node",
    ]

    broken = tmp_path / "broken.ttl"
    broken.write_text(BROKEN, encoding="utf-8")
    unparsable = run(runner, built_project, "validate", str(broken))
    assert unparsable.exit_code == 2
    message = unparsable.stderr.strip()
    assert message.startswith(f"Error: {broken}: ") and "line 4" in message
    assert len(message.splitlines()) == 1

    missing = run(runner, built_project, "validate", str(tmp_path / "missing.ttl"))
    assert missing.exit_code == 2
    assert "missing.ttl: no such file" in missing.stderr


def test_stats_prints_aligned_tables(runner, built_project):
    result = run(runner, built_project, "stats")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    table = {line.rsplit(None, 1)[0].strip(): line.rsplit(None, 1)[1] for line in lines
             if line and not line.startswith("-") and line.split()[-1].replace(",", "").isdigit()}
    assert table["osce:ParticipatingState"] == "3"
    assert table["osce:Chairpersonship"] == "2"
    assert table["entities"] == "5"
    assert table["schema:geo"] == "2"
    class_rows = [line for line in lines if line.startswith(("osce:", "owl:", "schema:"))]
    assert len({len(line) for line in class_rows[:3]}) == 1  # right-aligned counts


def test_stats_json_matches_the_build(runner, built_project):
    result = run(runner, built_project, "stats", "--json")
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    info = json.loads((built_project / "dist" / "build.json").read_text(encoding="utf-8"))
    assert stats["triples"] == info["triples"]
    assert stats["classes"]["https://w3id.org/osce/ontology#ParticipatingState"] == 3
    assert stats["properties"]["http://www.w3.org/2000/01/rdf-schema#label"] >= 7


def test_stats_from_files_needs_no_build(runner, tmp_path):
    project = make_project(tmp_path / "project")
    result = run(runner, project, "stats", "--json", "--from", str(project / "data"))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["entities"] == 5


def test_stats_without_a_build_says_to_build(runner, tmp_path):
    project = make_project(tmp_path / "project")
    result = run(runner, project, "stats")
    assert result.exit_code == 2
    assert "osce-kg build" in result.stderr


def test_query_select_prints_a_table(runner, built_project):
    result = run(runner, built_project, "query",
                 "SELECT ?code WHERE { ?s osce:iso3166Alpha2 ?code } ORDER BY ?code")
    assert result.exit_code == 0, result.output
    assert [line.strip() for line in result.stdout.splitlines()] == [
        "?code", '"FI"', '"LT"', '"TR"', "(3 rows)"]


def test_query_ask_and_construct_from_stdin(runner, built_project):
    ask = run(runner, built_project, "query", "ASK { ?c osce:chairingState ?s }")
    assert ask.stdout == "true\n"
    construct = run(runner, built_project, "query", "-", stdin=(
        "# labels of Finland\nPREFIX r: <http://www.w3.org/2000/01/rdf-schema#>\n"
        f"CONSTRUCT {{ <{FINLAND}> r:label ?l }} WHERE {{ <{FINLAND}> r:label ?l }}"))
    assert construct.exit_code == 0, construct.output
    graph = Graph().parse(data=construct.stdout, format="turtle")
    expected = Graph()
    expected.add((URIRef(FINLAND), RDFS.label, Literal("Finland", lang="en")))
    expected.add((URIRef(FINLAND), RDFS.label, Literal("Finnland", lang="de")))
    assert isomorphic(graph, expected)


def test_query_syntax_error_is_a_usage_error(runner, built_project):
    result = run(runner, built_project, "query", "SELECT WHERE {")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: SPARQL syntax error")
