"""negotiation.choose over conneg's table (werkzeug reads Accept): the precedence
suffix/format= > Accept (q-values) > default; 406 otherwise."""

from __future__ import annotations

import pytest

from osce_kg import conneg
from osce_kg.errors import NotOffered
from osce_kg.web.negotiation import by_name, choose

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"


@pytest.mark.parametrize(("accept", "expected"), [
    (None, conneg.HTML),
    ("", conneg.HTML),
    (BROWSER, conneg.HTML),
    ("*/*", conneg.HTML),
    ("text/turtle", conneg.TURTLE),
    ("application/n-triples", conneg.NTRIPLES),
    ("application/ld+json", conneg.JSONLD),
    ("application/json", conneg.JSONLD),
    ("application/rdf+xml", conneg.RDFXML),
    ("text/html;q=0.5, text/turtle", conneg.TURTLE),
    ("text/turtle;q=0.2, application/ld+json;q=0.9", conneg.JSONLD),
    ("text/*", conneg.HTML),
    ("application/*;q=0.9, text/turtle;q=0.1", conneg.NTRIPLES),
    ("garbage, text/turtle", conneg.TURTLE),
    ("not a media type at all", conneg.HTML),
])
def test_accept_header_picks_the_best_offer(accept, expected):
    assert choose(accept, conneg.PAGE_OFFERS, conneg.HTML) is expected


@pytest.mark.parametrize("override", ["ttl", ".ttl", "turtle", "text/turtle"])
def test_suffix_or_format_parameter_wins_over_accept(override):
    assert choose("application/ld+json", conneg.GRAPH_OFFERS, conneg.NTRIPLES,
                         override=override) is conneg.TURTLE


@pytest.mark.parametrize(("accept", "expected"), [
    ("application/sparql-results+json", conneg.RESULTS_JSON),
    ("application/json", conneg.RESULTS_JSON),
    ("application/sparql-results+xml", conneg.RESULTS_XML),
    ("text/csv", conneg.RESULTS_CSV),
    ("text/tab-separated-values", conneg.RESULTS_TSV),
    ("text/csv;q=0.4, text/tab-separated-values;q=0.5", conneg.RESULTS_TSV),
])
def test_result_offers_are_separate(accept, expected):
    assert choose(accept, conneg.RESULT_OFFERS, conneg.RESULTS_JSON) is expected


@pytest.mark.parametrize(("accept", "override"), [
    ("image/png", None),
    ("text/turtle;q=0", None),
    ("text/html", "csv"),
])
def test_nothing_acceptable_lists_the_offers(accept, override):
    with pytest.raises(NotOffered) as caught:
        choose(accept, conneg.GRAPH_OFFERS, conneg.TURTLE, override=override)
    assert caught.value.offers == [f.media_type for f in conneg.GRAPH_OFFERS]


def test_absurd_accept_header_is_bounded():
    header = ",".join(["x/y"] * 100_000) + ",text/turtle"
    # only the first ranges are read: the late turtle does not count, and nothing crashes
    with pytest.raises(NotOffered):
        choose(header, conneg.GRAPH_OFFERS, conneg.TURTLE)


def test_table_round_trips_suffix_and_media_type():
    for fmt in conneg.GRAPH_OFFERS:
        assert conneg.by_suffix(fmt.suffix) is fmt
        assert conneg.by_media_type(fmt.media_type + "; charset=utf-8") is fmt


@pytest.mark.parametrize(("value", "offers", "expected"), [
    ("json", conneg.RESULT_OFFERS, conneg.RESULTS_JSON),
    ("json", conneg.GRAPH_OFFERS, conneg.JSONLD),
    ("xml", conneg.RESULT_OFFERS, conneg.RESULTS_XML),
    ("xml", conneg.GRAPH_OFFERS, conneg.RDFXML),
    ("csv", conneg.RESULT_OFFERS, conneg.RESULTS_CSV),
    ("tsv", conneg.RESULT_OFFERS, conneg.RESULTS_TSV),
    ("n3", conneg.GRAPH_OFFERS, conneg.TURTLE),
    ("turtle", conneg.GRAPH_OFFERS, conneg.TURTLE),
    ("ttl", conneg.GRAPH_OFFERS, conneg.TURTLE),
    ("rdf", conneg.GRAPH_OFFERS, conneg.RDFXML),
    ("rdfxml", conneg.GRAPH_OFFERS, conneg.RDFXML),
    ("jsonld", conneg.GRAPH_OFFERS, conneg.JSONLD),
    ("nt", conneg.GRAPH_OFFERS, conneg.NTRIPLES),
    ("ntriples", conneg.GRAPH_OFFERS, conneg.NTRIPLES),
    ("application/sparql-results+json", conneg.RESULT_OFFERS, conneg.RESULTS_JSON),
    ("text/tab-separated-values", conneg.RESULT_OFFERS, conneg.RESULTS_TSV),
    ("application/n-triples", conneg.GRAPH_OFFERS, conneg.NTRIPLES),
    ("n3", conneg.RESULT_OFFERS, None),
    ("csv", conneg.GRAPH_OFFERS, None),
])
def test_format_names_clients_send(value, offers, expected):
    assert by_name(value, offers) is expected


def test_not_acceptable_names_the_offers_in_its_message():
    with pytest.raises(NotOffered) as caught:
        choose("image/png", conneg.RESULT_OFFERS, conneg.RESULTS_JSON)
    assert "application/sparql-results+json, application/sparql-results+xml, text/csv" \
        in str(caught.value)


@pytest.mark.parametrize(("name", "expected"), [
    ("osce-kg.ttl", conneg.TURTLE), ("osce-kg.nt.gz", conneg.NTRIPLES),
    ("x.nq.gz", conneg.NQUADS), ("x.trig", conneg.TRIG), ("ontology.OWL", conneg.RDFXML),
    ("x.rdf", conneg.RDFXML), ("x.xml", conneg.RDFXML), ("x.jsonld", conneg.JSONLD),
    ("x.n3", conneg.N3), ("README", None), ("x.csv", None),
])
def test_one_table_names_the_format_of_a_file(name, expected):
    assert conneg.by_file_name(name) is expected
