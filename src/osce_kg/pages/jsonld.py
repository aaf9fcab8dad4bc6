"""JSON-LD: the published ``@context`` and the compacted entity documents of ``/data/``; the
block embedded in entity pages, safe inside ``<script>``."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF

from osce_kg.namespaces import PREFIXES, SCHEMA
from osce_kg.pages.entity import EntityView, Value

_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
                   "\u2029": "\\u2029"}


CONTEXT_PATH = "/context.jsonld"


def context_document() -> dict[str, Any]:
    """The context every entity document refers to: the project's prefixes, so each IRI is
    written ``prefix:local`` (``osce:participatingSince``, ``rdfs:label``)."""
    return {"@context": dict(PREFIXES)}


def compact_document(graph: Graph, context_url: str) -> bytes:
    """``graph`` as JSON-LD compacted with :func:`context_document`, which it names by URL."""
    context = context_document()["@context"]
    doc = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    doc["@context"] = context_url
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def _node(value: Value) -> dict[str, Any]:
    if isinstance(value.term, URIRef):
        return {"@id": str(value.term)}
    if isinstance(value.term, BNode):
        node: dict[str, Any] = {"@type": [str(SCHEMA.GeoCoordinates)]}
        if value.coordinates:
            node[str(SCHEMA.latitude)] = [{"@value": value.coordinates[0]}]
            node[str(SCHEMA.longitude)] = [{"@value": value.coordinates[1]}]
        return node
    literal: dict[str, Any] = {"@value": value.text}
    if value.lang:
        literal["@language"] = value.lang
    elif value.datatype:
        literal["@type"] = str(value.datatype)
    return literal


def entity_document(view: EntityView) -> dict[str, Any]:
    """Expanded JSON-LD of the entity's outgoing description."""
    doc: dict[str, Any] = {"@id": str(view.iri)}
    for group in view.groups:
        if group.prop == RDF.type:
            doc["@type"] = [str(v.term) for v in group.values]
        else:
            doc[str(group.prop)] = [_node(v) for v in group.values]
    return doc


def script_json(data: Any) -> Markup:
    """JSON text that cannot close or break out of the ``<script>`` element holding it."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    for char, escape in _SCRIPT_ESCAPES.items():
        text = text.replace(char, escape)
    return Markup(text)
