"""SPARQL text for engines we reach over HTTP: bound values as a VALUES block, prefixes.

A remote engine has no ``initBindings``: the values our code binds travel inside the query
text. :func:`bind_values` writes them as one ``VALUES`` block placed first in the query's
top-level group (so ``OPTIONAL { … FILTER(… ?lang) }`` and the rest of the pattern see them,
as with the embedded store's substitutions), or as a trailing ``VALUES`` clause when the query
has no such group. Only rdflib ``URIRef`` and ``Literal`` values that pass strict checks are
written, each through its N-Triples form; anything else raises ``BadQuery`` before a request
is made. These values come from our own code (IRIs built by ``entity_iri``, language tags),
never raw user text; the public endpoint forwards user queries as they are, after its guard.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Identifier

from osce_kg.errors import BadQuery
from osce_kg.namespaces import PREFIXES
from osce_kg.query.guard import tokenize

_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_IRI_CHARS = re.compile(r'^[^\x00-\x20<>"{}|^`\\]+$')
_LANGUAGE = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_PREFIX_DECL = re.compile(r"(?im)^\s*PREFIX\s+([A-Za-z][\w.-]*)?:")
_FORMS = {"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"}
_UPDATES = {"INSERT", "DELETE", "WITH"}
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
    """``query`` with ``bindings`` written in as a VALUES block (see the module docstring),
    or as BIND clauses (``style="bind"``, for updates)."""
    if not bindings:
        return query
    block = bind_block(bindings) if style == "bind" else values_block(bindings)
    # sub-SELECTs that project a bound variable get it too, inside (as substitution does)
    for position, projected in reversed(subselect_starts(query)):
        inner = {k: v for k, v in bindings.items() if projected is None or k in projected}
        if inner:
            query = f"{query[:position]} {values_block(inner)}\n{query[position:]}"
    position = top_group_start(query)
    if position is None:
        return f"{query}\n{block}\n"
    return f"{query[:position]} {block}\n{query[position:]}"


def _tokens(query: str) -> Iterator[tuple[str, int]]:
    """``(token, start)`` for keywords (upper-cased), variables (``?name``) and brackets, read
    with the endpoint guard's tokenizer (strings, IRIs and comments are single tokens there)."""
    for token in tokenize(query):
        if token.kind == "var":
            yield "?" + token.text[1:], token.start
        elif token.word is not None:
            yield token.word, token.start
        elif token.kind == "symbol" and token.text in "{}()*":
            yield token.text, token.start


def subselect_starts(query: str) -> list[tuple[int, set[str] | None]]:
    """For each sub-SELECT: the index just after its group's ``{`` and the variables its
    projection names (``None`` for ``SELECT *``)."""
    starts: list[tuple[int, set[str] | None]] = []
    depth = 0
    pending: list[tuple[int, set[str], bool]] = []  # (depth, variables, star)
    for token, at in _tokens(query):
        if token == "SELECT" and depth > 0:
            pending.append((depth, set(), False))
        elif pending and pending[-1][0] == depth and token.startswith("?"):
            pending[-1][1].add(token[1:])
        elif pending and pending[-1][0] == depth and token == "*":
            level, names, _ = pending.pop()
            pending.append((level, names, True))
        elif token == "{":
            if pending and pending[-1][0] == depth:
                level, names, star = pending.pop()
                starts.append((at + 1, None if star else names))
            depth += 1
        elif token == "}":
            depth = max(0, depth - 1)
    return sorted(starts)


def with_prefixes(query: str) -> str:
    """The project's prefixes the query does not declare, then the query (as the embedded
    store predeclares them)."""
    declared = {m.group(1) or "" for m in _PREFIX_DECL.finditer(query)}
    missing = [f"PREFIX {p}: <{u}>" for p, u in PREFIXES.items() if p not in declared]
    return "\n".join(missing + [query]) if missing else query


def top_group_start(query: str) -> int | None:
    """Index just after the ``{`` that opens the query's (or update's) ``WHERE`` group, or
    ``None`` when there is none (``DESCRIBE <x>``) or it is also a template
    (``CONSTRUCT WHERE {…}``, ``DELETE WHERE {…}``)."""
    form: str | None = None
    templates = 0  # groups before the pattern: CONSTRUCT's template, INSERT/DELETE's quads
    where_seen = False
    depth = parens = 0
    for token, at in _tokens(query):
        if token == "(":
            parens += 1
        elif token == ")":
            parens = max(0, parens - 1)
        elif token == "{":
            if depth == 0 and parens == 0 and form is not None:
                if form == "UPDATE" and not where_seen:
                    templates += 1
                elif form == "CONSTRUCT" and templates and not where_seen:
                    templates = 0
                else:
                    return at + 1
            depth += 1
        elif token == "}":
            depth = max(0, depth - 1)
        elif depth == 0 and parens == 0 and token[0] not in "?*":
            if form is None and token in _FORMS:
                form = token
                templates = 1 if form == "CONSTRUCT" else 0
            elif form is None and token in _UPDATES:
                form = "UPDATE"
            elif token == "WHERE" and form is not None:
                if (form == "CONSTRUCT" and templates) or (form == "UPDATE" and not templates):
                    return None  # the short forms: the group is also the template
                where_seen = True
    return None
