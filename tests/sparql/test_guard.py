"""The guard (``osce_kg.query.guard.analyse``): what reaches the engine, and what is refused."""

from __future__ import annotations

import pytest

from osce_kg.errors import BadQuery, QueryRefused, TooLarge
from osce_kg.query import guard
from osce_kg.query.guard import Guard, analyse, example_queries
from osce_kg.settings import Settings
from osce_kg.store.embedded.evaluator import syntax_error

SETTINGS = Settings(max_query_chars=5_000, max_nesting_depth=64)


@pytest.mark.parametrize("text, form", [
    ("SELECT * WHERE { ?s ?p ?o }", "select"),
    ("prefix a: <http://x/>\nbase <http://b/>\nask { ?s a:p 'DELETE' }", "ask"),
    ("# INSERT DATA { <a> <b> <c> }\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "construct"),
    ("DESCRIBE <https://w3id.org/osce/id/state/lithuania>", "describe"),
    ('SELECT ?x { ?x rdfs:label """drop\nall""" . ?x <http://x/#insert> ?y }', "select"),
    ("SELECT * { ?insert ?delete ?load . { SELECT ?s { ?s ?p ?o } } }", "select"),
    ("SELECT (?a<?b AS ?c) { ?s schema:name ?o. ?o a schema:Event.}", "select"),
])
def test_queries_are_accepted_with_their_form(text, form):
    assert analyse(text, SETTINGS).form == form


@pytest.mark.parametrize("text", [
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "delete where { ?s ?p ?o }",
    "LOAD <http://127.0.0.1:9/x.ttl>",
    "CLEAR ALL", "DROP GRAPH <http://g>", "CREATE GRAPH <http://g>",
    "ADD DEFAULT TO <http://g>", "MOVE <http://a> TO <http://b>", "COPY <http://a> TO DEFAULT",
    "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "PREFIX x: <http://x/> INSERT { ?s x:p 1 } WHERE { ?s ?p ?o }",
    "SELECT * { ?s ?p ?o } ; DROP ALL",
])
def test_updates_are_refused_as_read_only(text):
    with pytest.raises(QueryRefused, match="read-only"):
        analyse(text, SETTINGS)


@pytest.mark.parametrize("text", [
    "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "PREFIX e: <http://127.0.0.1:9/> SELECT * { service e:sparql { ?s ?p ?o } }",
    "SELECT * { ?s <http://x/endpoint> ?e SERVICE ?e { ?a ?b ?c } }",
])
def test_service_is_refused(text):
    with pytest.raises(QueryRefused, match="SERVICE.*not allowed"):
        analyse(text, SETTINGS)


def test_service_on_the_allow_list_passes():
    allowed = SETTINGS.replace(federation_allow=("http://127.0.0.1:9/sparql",))
    info = analyse("SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", allowed)
    assert info.services == ("http://127.0.0.1:9/sparql",)


def test_deep_nesting_is_refused_before_the_engine():
    deep = "SELECT * WHERE " + "{" * 1000 + " ?s ?p ?o " + "}" * 1000
    with pytest.raises(BadQuery, match="more than 64 levels") as caught:
        analyse(deep, SETTINGS.replace(max_query_chars=100_000))
    assert caught.value.position == "1:80"
    ok = "SELECT * WHERE " + "{" * 64 + " ?s ?p ?o " + "}" * 64
    assert analyse(ok, SETTINGS).depth == 64


def test_long_operator_chains_are_refused():
    chain = "SELECT * { " + " UNION ".join(["{ ?s ?p ?o }"] * 3000) + " }"
    with pytest.raises(BadQuery, match="chains 3,000 operators"):
        analyse(chain, SETTINGS.replace(max_query_chars=100_000))


@pytest.mark.parametrize("text, message", [
    ("", "empty"),
    ("   \n# only a comment\n", "expected SELECT"),
    ("SELECT \x00 * {}", "NUL"),
    ("HELLO WORLD", "expected SELECT, ASK, CONSTRUCT or DESCRIBE"),
    ("SELECT * {} ASK {}", "exactly one query"),
    ("PREFIX : SELECT * {}", "malformed PREFIX"),
])
def test_malformed_queries_are_bad_queries(text, message):
    with pytest.raises(BadQuery, match=message):
        analyse(text, SETTINGS)


def test_long_queries_are_too_large():
    with pytest.raises(TooLarge, match="5,000"):
        analyse("SELECT * {}" + " " * 5_000, SETTINGS)


def test_syntax_error_keeps_the_parsers_position():
    error = syntax_error("error at 4:17: expected one of ABS, AVG")
    assert error.position == "4:17"
    assert str(error) == "SPARQL syntax error at line 4, column 17: expected one of ABS, AVG"


def test_every_competency_question_passes_the_guard():
    examples = example_queries()
    assert len(examples) == 14
    for example in examples:
        assert example.question.endswith("?")
        assert analyse(example.text, SETTINGS).form == "select"


@pytest.fixture
def analyses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts the guard reads, in order (``analyse`` counted where ``Guard`` calls it)."""
    read: list[str] = []
    real = guard.analyse

    def counted(text: str, settings: Settings) -> guard.QueryInfo:
        read.append(text)
        return real(text, settings)

    monkeypatch.setattr(guard, "analyse", counted)
    return read


ASK = "ASK { ?s ?p ?o }"
SELECT = "SELECT ?s { ?s ?p ?o }"
LONG = "SELECT ?s {" + " ?s ?p ?o ." * 20 + " }"


@pytest.mark.parametrize("asked, read", [
    ([ASK, ASK, SELECT, ASK], [ASK, SELECT]),  # an accepted text is read once
    ([ASK, SELECT, LONG, ASK], [ASK, SELECT, LONG, ASK]),  # two kept: ASK was the oldest
    ([LONG + "  ", LONG + "  "], [LONG + "  ", LONG + "  "]),  # over max_chars: every time
])
def test_the_guard_remembers_its_verdicts_on_accepted_texts(analyses, asked, read):
    remembered = Guard(SETTINGS, kept=2, max_chars=len(LONG))
    verdicts = [remembered(text) for text in asked]
    assert analyses == read
    assert verdicts == [analyse(text, SETTINGS) for text in asked]


def test_the_guard_refuses_a_text_every_time_it_is_asked(analyses):
    remembered = Guard(SETTINGS)
    for _ in range(2):
        with pytest.raises(QueryRefused, match="read-only"):
            remembered("CLEAR ALL")
    assert analyses == ["CLEAR ALL", "CLEAR ALL"]
