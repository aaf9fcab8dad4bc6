"""SPARQL text for engines we reach over HTTP: bound values written into their slots, prefixes.

A remote engine has no ``initBindings``: the values our code binds travel inside the query
text. Every internal query marks where they go with a *binding slot*, the comment
``#@bindings`` (``osce_kg.store.base.BINDINGS_SLOT``) right after the ``{`` of each group
that must see them — the ``WHERE`` group, and any sub-``SELECT`` that needs them too. To
the embedded store the slot is a comment (it binds by substitution); here :func:`bind_values`
replaces each slot with one ``VALUES`` block (or ``BIND`` clauses, ``style="bind"``, for
updates). A nested group does not see that block (SPARQL evaluates groups bottom-up, where
the embedded store substitutes the value everywhere), so a bound variable used there is
written ``$name`` — the same variable to SPARQL — and the remote store writes the value in its
place. Nothing parses the query: a query given bindings but holding no slot is refused
(``BadQuery``), never guessed at.

Only rdflib ``URIRef`` and ``Literal`` values that pass strict checks are written, each
through its N-Triples form; anything else raises ``BadQuery`` before a request is made. These
values come from our own code (IRIs built by ``entity_iri``, language tags), never raw user
text; the public endpoint forwards user queries as they are, after its guard.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Identifier

from osce_kg.errors import BadQuery
from osce_kg.namespaces import PREFIXES
from osce_kg.store.base import BINDINGS_SLOT as SLOT

_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_DOLLAR_VARIABLE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_IRI_CHARS = re.compile(r'^[^\x00-\x20<>"{}|^`\\]+$')
_LANGUAGE = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_PREFIX_DECL = re.compile(r"(?im)^\s*PREFIX\s+([A-Za-z][\w.-]*)?:")
# Virtuoso names blank nodes it returns nodeID://…; the same text as an IRI finds them again
VIRTUOSO_BNODE_PREFIX = "nodeID://"


def sparql_term(term: Identifier) -> str:
    """The SPARQL form of an IRI or literal our code binds; ``BadQuery`` for anything unsafe."""
    if isinstance(term, URIRef):
        return _iri(str(term))
    if isinstance(term, Literal):
        if term.language is not None:
            if not _LANGUAGE.match(term.language):
                raise BadQuery(f"not a language tag: {term.language!r}")
        elif term.datatype is not None and term.datatype not in (XSD.string, RDF.langString):
            _iri(str(term.datatype))
        return term.n3()
    if isinstance(term, BNode) and str(term).startswith(VIRTUOSO_BNODE_PREFIX):
        return _iri(str(term))
    raise BadQuery(f"cannot bind {type(term).__name__} {term!r} in a remote query")


def _iri(text: str) -> str:
    if not _IRI_CHARS.match(text):
        raise BadQuery(f"not an IRI that can be bound: {text!r}")
    return f"<{text}>"


def values_block(bindings: Mapping[str, Identifier]) -> str:
    """``VALUES (?a ?b) { (<…> "…"@en) }`` for the bindings (names checked, terms checked)."""
    names = list(bindings)
    for name in names:
        if not _VARIABLE.match(name):
            raise BadQuery(f"not a variable name: {name!r}")
    variables = " ".join(f"?{n}" for n in names)
    row = " ".join(sparql_term(bindings[n]) for n in names)
    return f"VALUES ({variables}) {{ ({row}) }}"


def bind_block(bindings: Mapping[str, Identifier]) -> str:
    """``BIND(<…> AS ?a) BIND("…"@en AS ?b)``: the same as :func:`values_block` for engines
    that mishandle VALUES in an update's WHERE (Virtuoso 7 fails with SR002)."""
    for name in bindings:
        if not _VARIABLE.match(name):
            raise BadQuery(f"not a variable name: {name!r}")
    return " ".join(f"BIND({sparql_term(term)} AS ?{name})" for name, term in bindings.items())


def bind_values(query: str, bindings: Mapping[str, Identifier] | None, *,
                style: str = "values") -> str:
    """``query`` with ``bindings`` written into its slots (see the module docstring) as a
    VALUES block, or as BIND clauses (``style="bind"``, for updates)."""
    if not bindings:
        return query
    if SLOT not in query:
        raise BadQuery(f"an internal query bound {sorted(bindings)} has no {SLOT} slot")
    block = bind_block(bindings) if style == "bind" else values_block(bindings)  # checks them
    written = {name: sparql_term(term) for name, term in bindings.items()}
    query = _DOLLAR_VARIABLE.sub(lambda found: written.get(found.group(1), found.group(0)), query)
    return query.replace(SLOT, block)


def with_prefixes(query: str) -> str:
    """The project's prefixes the query does not declare, then the query (as the embedded
    store predeclares them)."""
    declared = {m.group(1) or "" for m in _PREFIX_DECL.finditer(query)}
    missing = [f"PREFIX {p}: <{u}>" for p, u in PREFIXES.items() if p not in declared]
    return "\n".join(missing + [query]) if missing else query
