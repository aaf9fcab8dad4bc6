"""Apache Jena against the server and its dumps: ``riot --validate`` (and ``--strict``) on every
dump, RIOT reading the dumps and the entity documents into the graph the server itself sends,
Jena's SHACL judging the dump as the build's pySHACL does, the build's IRI rules held against
RIOT's, and ARQ's remote queries answered as the server does."""

from __future__ import annotations

import gzip

import pytest
import requests
from answers import LITHUANIA, assert_same_graph, own_graph, own_rows, parse_rows, queries_in
from iricases import ACCEPTED, REFUSED
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from osce_kg.namespaces import sparql_prologue
from osce_kg.rdf.iris import iri_problem
from osce_kg.validation import validate_graph

pytestmark = [pytest.mark.slow, pytest.mark.clients]

DUMPS = ["osce-kg.ttl", "osce-kg.nt.gz", "ontology.ttl", "shapes.ttl", "void.ttl"]
QUERIES = {form: sparql_prologue() + text for form, text in queries_in("de").items()}
SELECT, ASK = QUERIES["select"], QUERIES["ask"]
CONSTRUCT, DESCRIBE = QUERIES["construct"], QUERIES["describe"]


@pytest.fixture(scope="module")
def downloaded(server, tmp_path_factory):
    """The dumps as a client downloads them from /dumps/ (the listing's files, by name)."""
    listing = requests.get(server + "/dumps/", headers={"Accept": "application/json"},
                           timeout=30).json()
    assert sorted(f["name"] for f in listing["files"]) == sorted(DUMPS)
    folder = tmp_path_factory.mktemp("downloads")
    for name in DUMPS:
        answer = requests.get(f"{server}/dumps/{name}", timeout=60,
                              headers={"Accept-Encoding": "identity"})
        assert answer.status_code == 200
        (folder / name).write_bytes(answer.content)
    return folder


@pytest.mark.parametrize("strict", [False, True], ids=["validate", "strict"])
@pytest.mark.parametrize("name", DUMPS)
def test_riot_validates_every_dump(jena, downloaded, name, strict):
    done = jena.riot("--validate", *(["--strict"] if strict else []), str(downloaded / name))
    complaints = [line for line in done.stderr.splitlines() if " INFO " not in line]
    assert done.returncode == 0 and not complaints, "\n".join(complaints[:20])


def test_riot_reads_the_dumps_into_the_servers_graph(jena, downloaded, server):
    ntriples = gzip.decompress((downloaded / "osce-kg.nt.gz").read_bytes())
    served = Graph().parse(data=ntriples, format="nt")
    for name in ("osce-kg.ttl", "osce-kg.nt.gz"):
        done = jena.riot("--output=nt", str(downloaded / name))
        assert done.returncode == 0, done.stderr[-2000:]
        assert_same_graph(served, Graph().parse(data=done.stdout, format="nt"))


def test_riot_resolves_the_downloaded_void_to_the_server(jena, downloaded, server):
    done = jena.riot("--output=nt", str(downloaded / "void.ttl"))
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"<{server}/sparql>" in done.stdout
    assert "<file:" not in done.stdout


@pytest.mark.parametrize("suffix", ["ttl", "nt", "rdf"])
@pytest.mark.parametrize("entity", ["state/lithuania", "place/vienna", "structure/odihr"])
def test_riot_reads_entity_documents(jena, server, tmp_path, entity, suffix):
    # fetched here: Debian's riot takes a URL argument for a file name
    url = f"{server}/data/{entity}.{suffix}"
    document = tmp_path / f"entity.{suffix}"
    document.write_bytes(requests.get(url, timeout=30).content)
    done = jena.riot("--strict", f"--base={url}", "--output=nt", str(document))
    assert done.returncode == 0 and " WARN " not in done.stderr, done.stderr[-2000:]
    own = requests.get(f"{server}/data/{entity}.nt", timeout=30).content
    assert_same_graph(Graph().parse(data=own, format="nt"),
                      Graph().parse(data=done.stdout, format="nt"))


def jena_shacl(jena, shapes, data) -> Graph:
    done = jena.run("shacl.shacl", "validate", f"--shapes={shapes}", f"--data={data}")
    assert done.returncode in (0, 1), done.stderr[-2000:]
    return Graph().parse(data=done.stdout, format="turtle")


@pytest.mark.parametrize("broken", [False, True], ids=["dump", "dump-with-a-bad-date"])
def test_jena_shacl_judges_the_dump_as_the_build_does(jena, downloaded, tmp_path, broken):
    data = downloaded / "osce-kg.ttl"
    if broken:
        data = tmp_path / "broken.ttl"
        data.write_bytes((downloaded / "osce-kg.ttl").read_bytes() + (
            f"\n<{LITHUANIA}> <https://w3id.org/osce/ontology#participatingSince> "
            '"sometime in 1991" .\n').encode())
    report = jena_shacl(jena, downloaded / "shapes.ttl", data)
    conforms = next(report.objects(None, SH.conforms)).toPython()
    expected = validate_graph(Graph().parse(data, format="turtle"),
                              shapes=Graph().parse(downloaded / "shapes.ttl", format="turtle"),
                              ontology=Graph().parse(downloaded / "ontology.ttl", format="turtle"))
    assert conforms is expected.conforms is (not broken)
    if broken:
        assert URIRef(LITHUANIA) in set(report.objects(None, SH.focusNode))


def test_the_builds_iri_rules_are_riots(jena, tmp_path):
    iris = REFUSED + ACCEPTED
    lines = [f"<http://example.org/s{i}> <http://example.org/p> <{iri}> ."
             for i, iri in enumerate(iris)]
    source = tmp_path / "iris.nt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = jena.riot("--validate", "--strict", str(source))
    refused_lines = {int(line.split("[line: ", 1)[1].split(",", 1)[0])
                     for line in done.stderr.splitlines() if "[line: " in line}
    riot_refuses = {iri for number, iri in enumerate(iris, start=1) if number in refused_lines}
    ours = {iri for iri in iris if iri_problem(iri)}
    assert riot_refuses == set(REFUSED)
    assert ours == riot_refuses


@pytest.mark.parametrize(("query", "results"), [
    *((SELECT, results) for results in ("json", "xml", "csv", "tsv")),
    (ASK, "json"), (ASK, "xml"),  # SPARQL 1.1's CSV and TSV describe SELECT answers only
], ids=["select-json", "select-xml", "select-csv", "select-tsv", "ask-json", "ask-xml"])
def test_arq_remote_queries_answer_as_the_server(jena, server, tmp_path, query, results):
    source = tmp_path / "query.rq"
    source.write_text(query, encoding="utf-8")
    media = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
             "csv": "text/csv", "tsv": "text/tab-separated-values"}[results]
    answer = jena.remote_query(server + "/sparql", source, results)
    assert parse_rows(answer.encode(), media) == own_rows(server, query, lossy=results == "csv")


@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE], ids=["construct", "describe"])
def test_arq_remote_graph_queries_answer_as_the_server(jena, server, tmp_path, query):
    source = tmp_path / "query.rq"
    source.write_text(query, encoding="utf-8")
    answer = jena.remote_query(server + "/sparql", source, "nt")
    assert_same_graph(own_graph(server, query), Graph().parse(data=answer, format="nt"))
