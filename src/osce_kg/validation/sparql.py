"""SHACL shapes compiled to SPARQL, run on a pyoxigraph store: validation of millions of triples.

pySHACL needs about a millisecond per triple; a build of two million triples validates here in
seconds instead. The shapes are read with rdflib and compiled once:

- each target (``sh:targetClass``, ``sh:targetNode``, ``sh:targetSubjectsOf``,
  ``sh:targetObjectsOf``, SPARQL-based ``sh:target``) becomes a graph pattern binding ``?this``;
- each constraint of a shape with targets becomes one SELECT query returning only the
  violating ``?this`` (and ``?value``); nested shapes (``sh:node``, ``sh:or``, ``sh:and``,
  ``sh:not``, ``sh:qualifiedValueShape``) become boolean SPARQL expressions;
- SPARQL-based constraints (``sh:sparql``) run with ``?this`` joined to the targets, their
  ``{?var}`` message placeholders filled from the solution.

pySHACL runs with ``inference="rdfs"`` over the ontology; :func:`entail_rdfs` gives the store
the same entailed triples that the shapes rely on (sub-properties, domains, ranges, subclasses;
not the ``rdfs:Resource`` typing of everything, which no shape tests). A constraint component
that is not compiled raises :class:`UnsupportedShape`: nothing is silently skipped.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDFS, SH, XSD
from rdflib.term import Node

from osce_kg.errors import UnsupportedShape
from osce_kg.validation.compiler import PLACEHOLDER, Check, compile_shapes
from osce_kg.validation.expressions import shape_name
from osce_kg.validation.focus import Focus
from osce_kg.validation.shacl import ValidationReport, ValidationResult

log = logging.getLogger(__name__)



def entail_rdfs(store: ox.Store, ontology: Graph | None = None) -> int:
    """Add to ``store`` the RDFS entailments the shapes see under pySHACL's ``inference="rdfs"``.

    The schema (``rdfs:subClassOf``, ``rdfs:subPropertyOf``, ``rdfs:domain``, ``rdfs:range``)
    is read from ``ontology`` and from the store; ``ontology`` is added to the store first.
    Returns the number of triples added.
    """
    if ontology is not None and len(ontology):
        store.bulk_load(ontology.serialize(format="nt", encoding="utf-8"),
                        format=ox.RdfFormat.N_TRIPLES)
    before = len(store)
    schema = {name: [(s, o) for s, o in _pairs(store, predicate)]
              for name, predicate in (("sub_class", RDFS.subClassOf),
                                      ("sub_property", RDFS.subPropertyOf),
                                      ("domain", RDFS.domain), ("range", RDFS.range))}
    super_properties = _closure(schema["sub_property"])
    super_classes = _closure(schema["sub_class"])
    for prop, supers in sorted(super_properties.items()):
        for sup in sorted(supers):
            store.update(f"INSERT {{ ?s <{sup}> ?o }} WHERE {{ ?s <{prop}> ?o }}")
    for prop, cls in sorted(schema["domain"]):
        store.update(f"INSERT {{ ?s a <{cls}> }} WHERE {{ ?s <{prop}> ?o }}")
    for prop, cls in sorted(schema["range"]):
        store.update(f"INSERT {{ ?o a <{cls}> }} WHERE "
                     f"{{ ?s <{prop}> ?o FILTER (!isLiteral(?o)) }}")
    for cls, supers in sorted(super_classes.items()):
        for sup in sorted(supers):
            store.update(f"INSERT {{ ?x a <{sup}> }} WHERE {{ ?x a <{cls}> }}")
    return len(store) - before


def _pairs(store: ox.Store, predicate: URIRef) -> Iterator[tuple[str, str]]:
    for quad in store.quads_for_pattern(None, ox.NamedNode(str(predicate)), None):
        if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.NamedNode):
            yield quad.subject.value, quad.object.value


def _closure(pairs: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """Each node → every node above it (transitively), itself excluded."""
    direct: dict[str, set[str]] = {}
    for low, high in pairs:
        direct.setdefault(low, set()).add(high)
    closed = {}
    for node in direct:
        seen: set[str] = set()
        todo = list(direct[node])
        while todo:
            high = todo.pop()
            if high not in seen:
                seen.add(high)
                todo.extend(direct.get(high, ()))
        seen.discard(node)
        if seen:
            closed[node] = seen
    return closed


# --- running


def run_checks(store: ox.Store, checks: Iterable[Check], shapes: Graph, *,
               workers: int = 1, focus: Focus | None = None) -> ValidationReport:
    """Run every check on ``store``; the report lists one result per (focus, path, message).

    ``workers`` > 1 runs that many queries at a time (pyoxigraph evaluates without the GIL).
    With ``focus``, only its nodes are validated (see :mod:`osce_kg.validation.focus`).
    """
    results: set[ValidationResult] = set()
    checks = list(checks)
    queries: dict[int, str] = {}
    if focus is not None:
        pairs = [(c, q) for c, q in zip(checks, _restricted_queries(store, checks, focus),
                                         strict=True) if q is not None]
        checks = [c for c, _ in pairs]
        queries = {id(c): q for c, q in pairs}

    def run(check: Check) -> set[ValidationResult]:
        return _run_check(store, check, queries.get(id(check)))

    if workers > 1:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for found in pool.map(run, checks):
                results.update(found)
    else:
        for check in checks:
            results.update(run(check))
    ordered = sorted(results, key=lambda r: (str(r.focus_node), str(r.path), r.message,
                                             str(r.source_shape)))
    conforms = not any(r.severity == SH.Violation for r in ordered)
    text = f"Validation Report\nConforms: {conforms}\nResults ({len(ordered)})\n"
    return ValidationReport(conforms=conforms, results=ordered, text=text, results_graph=shapes)


def _restricted_queries(store: ox.Store, checks: list[Check], focus: Focus
                        ) -> list[str | None]:
    """Each check's query for the focus nodes among its targets (None: none there).

    The focus IRIs among the targets of each shape are found once, by a query that starts
    from them (with the targets as a sub-query pyoxigraph would find every target first);
    blank targets are validated when an IRI of the focus links to them.
    """
    if not focus.iris:
        return [None] * len(checks)
    out: list[str | None] = []
    values = " ".join(sorted(focus.iris))
    under: dict[ox.BlankNode, set[str]] = {}
    for row in store.query(f"SELECT DISTINCT ?b ?o WHERE {{ VALUES ?o {{ {values} }} "
                           "?o ?p ?b FILTER (isBlank(?b)) }"):
        under.setdefault(row["b"], set()).add(str(row["o"]))
    found: dict[str, tuple[list[str], list[str]]] = {}
    for check in checks:
        if check.targets not in found:
            iris = set()
            for pattern in check.target_patterns:
                if pattern.startswith("{"):  # a SPARQL target: a sub-query, found once
                    query = f"{check.prologue}SELECT DISTINCT ?this WHERE {pattern}"
                    iris |= {str(r["this"]) for r in store.query(query)} & focus.iris
                else:  # a class, node or property target: starting from the focus IRIs
                    query = (f"{check.prologue}SELECT DISTINCT ?this WHERE {{ "
                             f"VALUES ?this {{ {values} }} {pattern} }}")
                    iris |= {str(r["this"]) for r in store.query(query)}
            owners = set()
            if under:
                for row in store.query(f"{check.prologue}SELECT DISTINCT ?this WHERE "
                                       f"{{ {check.targets} FILTER (isBlank(?this)) }}"):
                    owners |= under.get(row["this"], set())
            found[check.targets] = (sorted(iris), sorted(owners))
        iris, owners = found[check.targets]
        out.append(check.restricted(iris, owners) if iris or owners else None)
    return out


def _run_check(store: ox.Store, check: Check, query: str | None = None
               ) -> set[ValidationResult]:
    try:
        solutions = store.query(query or check.query)
    except SyntaxError as exc:  # a bug of the compiler or of a shape's SPARQL
        raise UnsupportedShape(f"shapes: {shape_name(check.shape)} ({check.component}) compiles to "
                         f"an invalid query: {exc}") from exc
    names = [v.value for v in solutions.variables]
    results = set()
    for solution in solutions:
        row = dict(zip(names, solution, strict=True))
        path = check.path
        message = check.message
        if check.from_sparql:
            path = _rdflib(row.get("path")) or path
            message = PLACEHOLDER.sub(lambda m, row=row: _text(row.get(m.group(1))), message)
        results.add(ValidationResult(focus_node=_rdflib(row.get("this")), path=path,
                                     message=message, severity=check.severity,
                                     source_shape=check.shape))
    return results


def validate_store(store: ox.Store, *, shapes: Graph, ontology: Graph | None = None,
                   entail: bool = True, workers: int = 1,
                   focus: Focus | None = None) -> ValidationReport:
    """Validate the data of ``store`` (changed: ontology and entailments are added); with
    ``focus``, only the focus nodes it names."""
    checks = compile_shapes(shapes)
    if entail:
        added = entail_rdfs(store, ontology)
        log.debug("RDFS entailment added %d triples", added)
    return run_checks(store, checks, shapes, workers=workers, focus=focus)


def _rdflib(term: object) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == str(XSD.string)
                       else URIRef(datatype))
    raise UnsupportedShape(f"unexpected term in a validation result: {term!r}")


def _text(term: object) -> str:
    return "" if term is None else str(term.value)
