"""``osce-kg load``: batches, resume after an interruption, atomic switch, old versions dropped."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from remotecli import load_args, load_env, run_cli

from osce_kg.settings import Settings
from osce_kg.store.remote.engine import rows_from_json
from osce_kg.store.remote.load import Loader, bnode_labels, engine_for_load, load_build, plan_batches
from osce_kg.store.remote.store import RemoteStore

pytestmark = pytest.mark.virtuoso

CONTROL = "https://w3id.org/osce/test/load-control"
EX = "https://w3id.org/osce/id/state/"


def write_build(dist: Path, build_id: str, states: int) -> Path:
    """A tiny build: ``states`` things with a label and a blank-node position each."""
    lines = []
    for i in range(states):
        s = f"<{EX}s{i:04d}>"
        lines += [f'{s} <http://www.w3.org/2000/01/rdf-schema#label> "State {i}"@en .',
                  f"{s} <https://schema.org/geo> _:g{i} .",
                  f'_:g{i} <https://schema.org/latitude> "{i}.5"^^'
                  "<http://www.w3.org/2001/XMLSchema#decimal> ."]
    dist.mkdir(parents=True, exist_ok=True)
    (dist / "osce-kg.nt.gz").write_bytes(gzip.compress(("\n".join(sorted(lines)) + "\n").encode()))
    (dist / "build.json").write_text(json.dumps({"build_id": build_id, "triples": len(lines)}))
    return dist


def graph_size(store: RemoteStore, graph: str) -> int:
    reply = store.engine.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                               form="select", accept="application/sparql-results+json",
                               named_graphs=(graph,))
    return int(rows_from_json(reply.body)[0]["n"])


class Interrupt(Exception):
    pass


def reader(virtuoso) -> RemoteStore:
    return RemoteStore(Settings(store=virtuoso.store_url, remote_graph=CONTROL,
                                remote_refresh_s=0.0))


def loader(virtuoso, method="update") -> Loader:
    engine = engine_for_load(virtuoso.base_url + "/sparql-auth", user=virtuoso.user,
                             password=virtuoso.password, auth="digest", timeout_s=60, retries=1)
    return Loader(engine, method=method, gsp_url=virtuoso.base_url + "/sparql-graph-crud-auth",
                  user=virtuoso.user, password=virtuoso.password)


def test_blank_node_lines_travel_together(tmp_path):
    dist = write_build(tmp_path / "d", "x", 30)
    total, lines, bnode_batches = plan_batches(dist / "osce-kg.nt.gz", 7)
    assert lines == 90 and total == -(-30 // 7) + len(bnode_batches)
    for batch in bnode_batches:  # each label's lines are all in one batch
        labels = {label for line in batch for label in bnode_labels(line)}
        others = [b for b in bnode_batches if b is not batch]
        assert not any(set(bnode_labels(line)) & labels for b in others for line in b)
    assert bnode_labels('<a> <b> "_:not a node" .\n') == []


def test_interrupted_load_resumes_and_readers_never_see_it(virtuoso, tmp_path):
    first = write_build(tmp_path / "a", "build-a", 40)
    load_build(first, loader(virtuoso), control_graph=CONTROL, batch_size=25)
    store = reader(virtuoso)
    assert (store.build_id, store.triple_count()) == ("build-a", 120)

    second = write_build(tmp_path / "b", "build-b", 90)
    seen: list[str] = []

    def stop_after_two_batches(line: str) -> None:
        seen.append(line)
        if line.startswith("batch 2/"):
            raise Interrupt
    with pytest.raises(Interrupt):
        load_build(second, loader(virtuoso), control_graph=CONTROL, batch_size=25,
                   progress=stop_after_two_batches)
    state = json.loads((second / "load-state.json").read_text())
    assert state["done"] == 2 and state["build_id"] == "build-b"
    store._counts.clear()
    assert (store.build_id, store.triple_count()) == ("build-a", 120)  # half a load is invisible

    lines: list[str] = []
    result = load_build(second, loader(virtuoso), control_graph=CONTROL, batch_size=25,
                        progress=lines.append)
    assert result.resumed_from == 2 and "2/" in lines[0] and "already done" in lines[0]
    assert (store.build_id, store.triple_count()) == ("build-b", 270)
    geo = store.select("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { ?s <https://schema.org/geo> ?g "
                       ". ?g ?p ?o }")
    assert int(geo[0]["n"]) == 90  # each blank node sent once, still joined to its triples
    assert not (second / "load-state.json").exists()

    again = load_build(second, loader(virtuoso), control_graph=CONTROL, progress=lines.append)
    assert again.already_current and "already the current version" in lines[-1]


def test_old_versions_are_dropped_keeping_the_previous_one(virtuoso, tmp_path):
    versions = []
    for name, size in (("v1", 3), ("v2", 4), ("v3", 5)):
        result = load_build(write_build(tmp_path / name, name, size), loader(virtuoso, "gsp"),
                            control_graph=CONTROL)
        versions.append(result.version_graph)
    assert versions[0] in result.dropped and versions[1] not in result.dropped
    store = reader(virtuoso)
    counts = [graph_size(store, v) for v in versions]
    assert counts == [0, 12, 15]
    assert store.build_id == "v3"


def test_cli_load_reports_progress_and_refuses_a_missing_build(virtuoso, tmp_path):
    dist = write_build(tmp_path / "cli", "cli-build", 5)
    result = run_cli(*load_args(virtuoso, dist, "--graph", CONTROL), env=load_env(virtuoso))
    assert result.exit_code == 0, result.output
    assert "batch 1/" in result.output and "loaded 15 triples of build cli-build" in result.output
    missing = run_cli(*load_args(virtuoso, tmp_path / "nowhere"), env=load_env(virtuoso))
    assert missing.exit_code == 2 and "run `osce-kg build` first" in missing.output


def test_cli_load_with_wrong_password_fails_without_echoing_it(virtuoso, tmp_path):
    dist = write_build(tmp_path / "pw", "pw-build", 2)
    result = run_cli(*load_args(virtuoso, dist, "--graph", CONTROL),
                     env={"OSCE_KG_REMOTE_USER": "dba", "OSCE_KG_REMOTE_PASSWORD": "s3cret-x"})
    assert result.exit_code == 2 and "401" in result.output
    assert "s3cret-x" not in result.output
