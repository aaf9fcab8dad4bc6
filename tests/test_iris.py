"""The build's IRI check: what Jena's RIOT refuses is refused, what it accepts is accepted,
literals are never mistaken for IRIs."""

from __future__ import annotations

import pytest
from iricases import ACCEPTED, REFUSED

from osce_kg.errors import InvalidIris
from osce_kg.rdf.iris import bad_iris, check_ntriples, iri_problem


@pytest.mark.parametrize("iri", REFUSED)
def test_refused(iri):
    assert iri_problem(iri)


@pytest.mark.parametrize("iri", ACCEPTED)
def test_accepted(iri):
    assert iri_problem(iri) is None


def test_iris_in_literals_and_escapes_are_read_as_n_triples_says():
    ntriples = (b'<http://x.org/s> <http://x.org/p> "<script>alert(1)</script> <a b>" .\n'
                b'<http://x.org/s> <http://x.org/p> "x \\" <not an iri>"@en .\n'
                b'<http://x.org/s> <http://x.org/p> "1"^^<http://x.org/bad type> .\n'
                b'<http://x.org/s\\u00FC> <http://x.org/p> <http://x.org:80/> .\n')
    assert set(bad_iris(ntriples)) == {"http://x.org/bad type", "http://x.org:80/"}


def test_the_error_names_a_triple_of_each_bad_iri():
    ntriples = b'<http://x.org/s> <http://x.org/p> <http://u@x.org/> .\n'
    with pytest.raises(InvalidIris) as caught:
        check_ntriples(ntriples)
    assert "<http://x.org/s> <http://x.org/p> <http://u@x.org/> ." in str(caught.value)
    check_ntriples(b'<http://x.org/s> <http://x.org/p> "ok" .\n')
