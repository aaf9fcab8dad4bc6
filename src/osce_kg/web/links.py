"""Where an IRI is shown on this server: ``/page/…`` for things, ``/ontology#…`` for terms.

IRIs in the data stay ``https://w3id.org/osce/…``; pages link to this host's paths, so the
same store serves any host. Absolute URLs use the configured public base URL.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from flask import Flask
from rdflib import Namespace, URIRef
from rdflib.namespace import RDF

from osce_kg.conneg import GRAPH_OFFERS
from osce_kg.namespaces import (
    DATASET_IRI,
    ONTOLOGY_IRI,
    OSCE,
    PREFIXES,
    SHAPES,
    SHAPES_IRI,
    split_entity_iri,
)
from osce_kg.pages.entity import prefixed
from osce_kg.web.i18n import url
from osce_kg.web.state import state

_ONTOLOGY_NS = str(OSCE._NS)
_SHAPES_NS = str(SHAPES)


def page_path(kind: str, slug: str) -> str:
    return f"/page/{kind}/{slug}"


def data_path(kind: str, slug: str, suffix: str | None = None) -> str:
    return f"/data/{kind}/{slug}" + (f".{suffix}" if suffix else "")


def local_path(iri: object) -> str | None:
    """This server's path for ``iri``, or ``None`` when it lives elsewhere."""
    text = str(iri)
    split = split_entity_iri(text)
    if split:
        return page_path(*split)
    if text.startswith(_ONTOLOGY_NS):
        return "/ontology#" + text[len(_ONTOLOGY_NS):]
    if text.startswith(_SHAPES_NS):
        return "/shapes#" + text[len(_SHAPES_NS):]
    return {str(ONTOLOGY_IRI): "/ontology", str(SHAPES_IRI): "/shapes",
            str(DATASET_IRI): "/.well-known/void"}.get(text)


def href(iri: object) -> str:
    """Where a link to ``iri`` goes: a local path, else the IRI itself."""
    return local_path(iri) or str(iri)


def class_name(iri: object) -> str:
    """The ``/class/{Name}`` name: the local name for osce: classes, else ``prefix:Local``."""
    text = str(iri)
    if text.startswith(_ONTOLOGY_NS):
        return text[len(_ONTOLOGY_NS):]
    short = prefixed(URIRef(text))
    return short if short != text else ""


def class_path(iri: object) -> str | None:
    name = class_name(iri)
    return f"/class/{name}" if name else None


def resolve_class(name: str) -> URIRef | None:
    """The class IRI for a ``/class/{Name}`` name (``ParticipatingState``, ``schema:Event``)."""
    prefix, sep, local = name.partition(":")
    if not sep:
        prefix, local = "osce", name
    if prefix not in PREFIXES or not local or not all(c.isalnum() or c in "_-." for c in local):
        return None
    return Namespace(PREFIXES[prefix])[local]


def public_url(path: str) -> str:
    """An absolute URL on the public base (``OSCE_KG_BASE_URL``, else where the server listens)."""
    return state().settings.public_base + path


def query_link(query: str) -> str:
    """A link opening ``query`` in the editor and running it. The usual prefixes are
    predeclared by the endpoint, so the query is shown as written (no PREFIX lines on top)."""
    return "/sparql?" + urlencode({"query": query})


def alternate_links(kind: str, slug: str) -> list[tuple[str, str, str | None]]:
    """``(href, rel, type)`` for each RDF format of an entity (Link header, <link>)."""
    return [(data_path(kind, slug, f.suffix), "alternate", f.media_type) for f in GRAPH_OFFERS]


def _in_language(path: str | None) -> str | None:
    """A local path with the page's ``?lang=`` kept (see ``i18n.url``)."""
    return url(path) if path and path.startswith("/") else path


def install(app: Flask) -> None:
    """Jinja helpers: ``href``, ``class_path``, ``prefixed``, ``query_link``, ``vendor``.
    In templates, ``href`` and ``class_path`` keep the page's ``?lang=`` on local links."""
    static = Path(app.static_folder or "")

    def vendor(path: str) -> bool:
        """Whether ``osce-kg assets`` installed ``static/vendor/<path>`` (pages work without)."""
        return (static / "vendor" / path).is_file()

    app.jinja_env.globals.update(href=lambda iri: _in_language(href(iri)), local_path=local_path,
                                 class_path=lambda iri: _in_language(class_path(iri)),
                                 prefixed=prefixed, query_link=query_link,
                                 public_url=public_url, vendor=vendor, rdf_type=RDF.type)
