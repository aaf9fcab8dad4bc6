"""osce-kg builds and serves any RDF dataset, not only ours (issue 5: the harness's `custom` system):
`osce-kg build --from FILE --no-validate --out DIR` then `osce-kg serve --store DIR`."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import requests
from bs4 import BeautifulSoup
from click.testing import CliRunner
from serverproc import served

from osce_kg.allocator import jemalloc_library
from osce_kg.cli import cli

EX = "http://example.org/library/"
BOOKS = 40


def foreign_ntriples() -> str:
    lines = []
    for i in range(BOOKS):
        book = f"<{EX}book/{i}>"
        lines += [f"{book} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{EX}Book> .",
                  f'{book} <http://purl.org/dc/terms/title> "Book number {i}"@en .',
                  f"{book} <{EX}author> <{EX}author/{i % 7}> ."]
    return "\n".join(lines) + "\n"


@pytest.mark.slow
def test_a_foreign_dataset_is_built_and_served(tmp_path):
    source = tmp_path / "library.nt"
    source.write_text(foreign_ntriples(), encoding="utf-8")
    build = tmp_path / "build"
    result = CliRunner().invoke(cli, ["build", "--from", str(source), "--no-validate",
                                      "--out", str(build)])
    assert result.exit_code == 0, result.output
    with served(build, log_path=tmp_path / "server.log", ready_path="/sparql") as base:
        maps = Path(f"/proc/{base.pid}/maps").read_text(encoding="utf-8", errors="replace")
        assert ("libjemalloc" in maps) == (jemalloc_library() is not None)  # OSCE_KG_ALLOCATOR
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?book a <{EX}Book> ; ?p ?o }}"
        answer = requests.get(base + "/sparql", params={"query": query}, timeout=30,
                              headers={"Accept": "application/sparql-results+json"})
        assert answer.status_code == 200
        assert answer.json()["results"]["bindings"][0]["n"]["value"] == str(3 * BOOKS)
        again = requests.get(base + "/sparql", params={"query": query}, timeout=30,
                             headers={"Accept": "application/sparql-results+json",
                                      "If-None-Match": answer.headers["ETag"]})
        assert again.status_code == 304
        listing = BeautifulSoup(requests.get(base + "/dumps/", timeout=30).text, "html.parser")
        dump = requests.get(base + "/dumps/osce-kg.nt.gz", timeout=30,
                            headers={"Accept-Encoding": "identity"})
        assert dump.status_code == 200
        assert hashlib.sha256(dump.content).hexdigest() in listing.get_text()
        home = BeautifulSoup(requests.get(base + "/", timeout=30).text, "html.parser")
        counts = {row.td.get_text(" ", strip=True): row.select_one(".num").get_text()
                  for row in home.select("table.counts tr") if row.td}
        assert any(label.startswith(f"{EX}Book") and n == str(BOOKS) for label, n in counts.items())
