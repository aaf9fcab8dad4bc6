"""Parse an RDF answer the way a client would, the JSON-LD documents' published ``@context``
supplied from the server under test (the test client has no network to fetch it from)."""

from __future__ import annotations

import json

from rdflib import Graph

CONTEXT_PATH = "/context.jsonld"


def parse_answer(client, body: bytes, parser: str) -> Graph:
    """``body`` in rdflib's ``parser`` format; a JSON-LD ``@context`` URL of ours is replaced by
    what ``client`` (a Flask test client) serves at /context.jsonld."""
    if parser == "json-ld":
        doc = json.loads(body)
        if isinstance(doc, dict) and isinstance(doc.get("@context"), str) \
                and doc["@context"].endswith(CONTEXT_PATH):
            doc["@context"] = client.get(CONTEXT_PATH).get_json()["@context"]
            body = json.dumps(doc).encode()
    return Graph().parse(data=body, format=parser)
