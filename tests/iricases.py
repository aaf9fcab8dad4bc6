"""IRIs and whether Jena's RIOT accepts them: the specification of ``osce_kg.rdf.iris``, checked
against ``riot --validate --strict`` itself in tests/clients/test_jena.py."""

from __future__ import annotations

REFUSED = [
    "http://anna.lundbladh@osce.org/es/secretariat",  # a user name in an http IRI
    "http://x.org:80/",
    "https://x.org:443/",
    "http://x.org:/",
    "http://x.org:08/",
    "http://x.org:8o/",
    "HTTP://x.org/",
    "http://x.org/%zz",
    "http://x.org/a#b#c",
    "http:/x.org/a",
    "http:x",
    "http:///a",
    "http://x.org/a[1]",
    "http://x.org/a|b",
    "http://x.org/a^b",
    "http://x.org/a`b",
    "http://x.org/a{b}",
    "http://x.org/a\\b",
]
ACCEPTED = [
    "https://w3id.org/osce/id/state/lithuania",
    "https://w3id.org/osce/ontology#participatingSince",
    "http://osce.org/es/secretariat",
    "http://www.wikidata.org/entity/Q37",
    "https://www.wikidata.org/wiki/Special:EntityData/Q37.json",
    "urn:isbn:0451450523",
    "mailto:press@osce.org",
    "ftp://user@files.example.org/a",
    "http://x.org/%2F",
    "http://x.org/Vilnius%C5%B3",
    "http://x.org/ü",
    "http://[::1]:8080/x",
    "http://x.org:8080/a?b=c&d=e#f",
    "http://Example.org/",
]
