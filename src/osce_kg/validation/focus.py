"""Which focus nodes a change of the data can affect: validation of what changed only.

When a graph that conformed gains and loses some triples (the *change*), a node's validation
result can differ only if it reads a changed triple. What a shape reads is bounded:

- its focus node's own triples, outgoing and (through inverse paths) incoming;
- the triples of the nodes its paths reach, when a value is tested further than its own term
  (``sh:class`` reads the value's types, ``sh:node`` and friends read its properties), up to
  :func:`reach` hops away; ``p+``/``p*`` paths follow ``p`` as far as it goes;
- a node's types, which RDFS entailment also draws from ``rdfs:range`` (a new triple
  ``x p y`` can give ``y`` a type) and ``rdfs:domain`` (``x`` is in the change anyway);
- SPARQL-based constraints and targets are taken to read the focus node's triples and those of
  its neighbours (one hop: true of every one in ``shapes/osce.shapes.ttl``, which test the
  linked node's type and label, or a post's holder); a shape that reads further must not be
  validated this way.

So the nodes to validate again are the nodes of the changed triples and every node that reaches
a changed triple's subject within that many hops (backwards along any property, forwards along
the inversely read ones). Blank nodes cannot be named in a query: a blank node is represented by
the IRIs that link to it, and every blank node directly under a focus IRI is validated too.
Every other node reads only unchanged triples, so its result is that of the graph before, which
conformed. :func:`affected` returns None when this cannot be bounded (an unsupported path, a
blank node no IRI links to, or so many nodes that validating everything is as quick).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

# Nested shapes a value is tested against.
_NESTED = (SH.node, SH["not"], SH.qualifiedValueShape)
_NESTED_LISTS = (SH["or"], SH["and"], SH.xone)
# Above this many focus IRIs, validating the whole graph costs about the same.
MAX_FOCUS = 20_000


@dataclass(frozen=True)
class Reach:
    """How far the shapes read from a focus node: ``hops``, and the properties read
    backwards (``inverse``) or transitively (``transitive``)."""

    hops: int
    inverse: frozenset[URIRef]
    transitive: frozenset[URIRef]


@dataclass(frozen=True)
class Focus:
    """The IRIs to validate (N-Triples form); blank nodes directly under them are included."""

    iris: frozenset[str]


class Unbounded(ValueError):
    """The shapes read further than this module can bound."""


def reach(shapes: Graph) -> Reach | None:
    """The :class:`Reach` of the shapes with targets, or None if it cannot be bounded."""
    inverse: set[URIRef] = set()
    transitive: set[URIRef] = set()

    def path_hops(path: Node) -> int:
        if isinstance(path, URIRef):
            return 1
        if (path, RDF.first, None) in shapes:
            return sum(path_hops(p) for p in Collection(shapes, path))
        inner = shapes.value(path, SH.inversePath)
        if isinstance(inner, URIRef):
            inverse.add(inner)
            return 1
        for predicate in (SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath):
            inner = shapes.value(path, predicate)
            if isinstance(inner, URIRef):
                transitive.add(inner)
                return 1
        alternatives = shapes.value(path, SH.alternativePath)
        if alternatives is not None:
            return max(path_hops(p) for p in Collection(shapes, alternatives))
        raise Unbounded(f"path {path}")

    def nested(shape: Node) -> list[Node]:
        found = [v for p in _NESTED for v in shapes.objects(shape, p)]
        for p in _NESTED_LISTS:
            for members in shapes.objects(shape, p):
                found.extend(Collection(shapes, members))
        return found

    def value_reach(shape: Node, seen: frozenset) -> int:
        """Hops beyond a value that testing it reads (-1: only its own term)."""
        found = 0 if (shape, SH["class"], None) in shapes else -1
        for inner in nested(shape):
            found = max(found, node_reach(inner, seen))
        return found

    def node_reach(shape: Node, seen: frozenset = frozenset()) -> int:
        if shape in seen:
            raise Unbounded(f"recursive shape {shape}")
        seen = seen | {shape}
        found = max(0, value_reach(shape, seen))
        if (shape, SH.sparql, None) in shapes:
            found = max(found, 1)
        for prop in shapes.objects(shape, SH.property):
            hops = path_hops(shapes.value(prop, SH.path))
            value = value_reach(prop, seen)
            found = max(found, hops - 1 if value < 0 else hops + value)
        return found

    targeted = {s for p in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf,
                            SH.targetObjectsOf, SH.target) for s in shapes.subjects(p, None)}
    try:
        hops = max((node_reach(s) for s in targeted), default=0)
    except Unbounded:
        return None
    return Reach(hops, frozenset(inverse), frozenset(transitive))


def affected(store: ox.Store, added: Iterable[bytes], removed: Iterable[bytes], *,
             shapes: Graph, schema: Graph, blank_lines: Iterable[bytes] = ()) -> Focus | None:
    """The focus nodes whose results the change (N-Triples lines added and removed) can
    affect, read on ``store`` (the new graph, before entailment); None: validate everything.

    ``schema`` gives the ranges and subclasses of the ontology (RDFS entailment);
    ``blank_lines`` are the lines of both graphs that hold blank nodes (with the change's
    labels: the IRIs that link to a changed blank node are found there).
    """
    bounds = reach(shapes)
    if bounds is None:
        return None
    added, removed = list(added), list(removed)
    if not added and not removed:
        return Focus(frozenset())
    if len(added) + len(removed) > MAX_FOCUS:
        return None
    changed = _triples(added + removed)
    owners = _owners(changed + _triples(list(blank_lines)))
    added_types = {(t.subject, t.object) for t in _triples(added) if t.predicate == _TYPE}

    def named(term) -> set[ox.NamedNode] | None:
        if isinstance(term, ox.NamedNode):
            return {term}
        if isinstance(term, ox.BlankNode):
            return _iri_owners(term, owners)
        return set()

    focus: set[ox.NamedNode] = set()
    sources: set[ox.NamedNode] = set()
    ranges = _ranges(schema)
    for triple in changed:
        subjects, objects = named(triple.subject), named(triple.object)
        if subjects is None or objects is None:
            return None
        focus |= subjects | objects
        sources |= subjects
        if isinstance(triple.object, ox.BlankNode):
            sources |= objects  # the owners read the blank node's triples
        classes = ranges.get(str(triple.predicate.value), ())
        if classes and objects and not _keeps_types(store, triple.object, classes, schema,
                                                   added_types):
            sources |= objects
    frontier = set(sources)
    for _ in range(bounds.hops):
        frontier = _closure(store, frontier, bounds.transitive)
        frontier = _neighbours(store, frontier, bounds.inverse)
        if frontier is None:
            return None
        frontier -= focus
        focus |= frontier
        if len(focus) > MAX_FOCUS:
            return None
    closed = _closure(store, focus, bounds.transitive)
    if closed is None or len(closed) > MAX_FOCUS:
        return None
    return Focus(frozenset(str(n) for n in closed | focus))


_TYPE = ox.NamedNode(str(RDF.type))


def _triples(lines: list[bytes]) -> list[ox.Triple]:
    if not lines:
        return []
    return list(ox.parse(b"\n".join(lines) + b"\n", format=ox.RdfFormat.N_TRIPLES))


def _owners(triples: Iterable) -> dict[ox.BlankNode, set]:
    owners: dict[ox.BlankNode, set] = defaultdict(set)
    for triple in triples:
        if isinstance(triple.object, ox.BlankNode):
            owners[triple.object].add(triple.subject)
    return owners


def _iri_owners(node: ox.BlankNode, owners: dict) -> set[ox.NamedNode] | None:
    """The IRIs that link to ``node`` (through blank nodes), among the changed triples."""
    found, todo, seen = set(), [node], {node}
    while todo:
        for owner in owners.get(todo.pop(), ()):
            if isinstance(owner, ox.NamedNode):
                found.add(owner)
            elif owner not in seen:
                seen.add(owner)
                todo.append(owner)
    return found or None


def _ranges(schema: Graph) -> dict[str, set[str]]:
    """Property → the classes its values get by ``rdfs:range`` (through sub-properties)."""
    supers: dict[str, set[str]] = defaultdict(set)
    for sub, sup in schema.subject_objects(RDFS.subPropertyOf):
        supers[str(sub)].add(str(sup))
    ranges: dict[str, set[str]] = defaultdict(set)
    for prop, cls in schema.subject_objects(RDFS.range):
        ranges[str(prop)].add(str(cls))
    out: dict[str, set[str]] = {}
    for prop in set(ranges) | set(supers):
        seen, todo = {prop}, [prop]
        while todo:
            for sup in supers.get(todo.pop(), ()):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        classes = {c for p in seen for c in ranges.get(p, ())}
        if classes:
            out[prop] = classes
    return out


def _keeps_types(store: ox.Store, node, classes: set[str], schema: Graph,
                 added_types: set) -> bool:
    """True when ``node`` had and keeps every class of ``classes`` by a stated type that was
    there before (so a changed triple pointing at it adds no type by its range)."""
    if not isinstance(node, ox.NamedNode):
        return False
    stated = {q.object for q in store.quads_for_pattern(node, _TYPE, None)
              if (node, q.object) not in added_types}
    for cls in classes:
        subclasses = {ox.NamedNode(str(s)) for s in schema.transitive_subjects(
            RDFS.subClassOf, URIRef(cls))}
        if not stated & subclasses:
            return False
    return True


def _neighbours(store: ox.Store, nodes: set[ox.NamedNode],
                inverse: frozenset[URIRef]) -> set[ox.NamedNode] | None:
    """The IRIs that link to ``nodes``, and those ``nodes`` link to by an inverse-read
    property; a blank node among them stands for the IRIs that link to it."""
    if not nodes:
        return set()
    values = " ".join(str(n) for n in nodes)
    inverse_values = " ".join(f"<{p}>" for p in sorted(inverse))
    backwards = "{ ?f ?q ?v }"
    forwards = f"UNION {{ VALUES ?q {{ {inverse_values} }} ?v ?q ?f }}" if inverse else ""
    query = (f"SELECT DISTINCT ?f ?owner WHERE {{ VALUES ?v {{ {values} }} {backwards} "
             f"{forwards} FILTER (!isLiteral(?f)) "
             f"OPTIONAL {{ FILTER (isBlank(?f)) ?owner ?r ?f FILTER (isIRI(?owner)) }} }}")
    found: set[ox.NamedNode] = set()
    for row in store.query(query):
        node, owner = row["f"], row["owner"]
        if isinstance(node, ox.NamedNode):
            found.add(node)
        elif isinstance(owner, ox.NamedNode):
            found.add(owner)
        else:
            return None
    return found


def _closure(store: ox.Store, nodes: set[ox.NamedNode] | None,
             transitive: frozenset[URIRef]) -> set[ox.NamedNode] | None:
    """``nodes`` and every IRI that reaches one of them through a transitively read property."""
    if nodes is None or not transitive or not nodes:
        return nodes
    values = " ".join(str(n) for n in nodes)
    props = "|".join(f"<{p}>" for p in sorted(transitive))
    query = (f"SELECT DISTINCT ?f WHERE {{ VALUES ?v {{ {values} }} ?f ({props})+ ?v "
             f"FILTER (isIRI(?f)) }}")
    return set(nodes) | {row["f"] for row in store.query(query)}
