"""The compiler of SHACL shapes to SPARQL (see :mod:`osce_kg.validation.sparql` for what is
supported and how the checks run): each constraint of a shape with targets becomes one query
that returns only the violating focus nodes. What a constraint of a nested shape becomes (a
boolean SPARQL expression) is in :mod:`osce_kg.validation.expressions`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from osce_kg.errors import UnsupportedShape
from osce_kg.validation.expressions import VALUE_COMPONENTS, ShapeExpressions, shape_name

# How the compiled counting sub-queries begin (sh:minCount, sh:maxCount, qualified counts).
_COUNTING = "SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {"
PLACEHOLDER = re.compile(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class Check:
    """One compiled constraint: its query and what a row of it reports."""

    shape: Node  # the sh:sourceShape of its results
    path: Node | None  # the sh:path of a property shape (None for node shapes)
    message: str  # for SPARQL constraints, with {?var} placeholders
    severity: Node
    query: str
    component: str  # a short name, for logs and errors
    targets: str = ""  # the part of the query that binds ?this to the focus nodes
    prologue: str = ""  # the PREFIX lines the targets need
    target_patterns: tuple[str, ...] = ()  # the patterns that make up ``targets``

    def restricted(self, iris: list[str], owners: list[str]) -> str:
        """The query for the target IRIs ``iris`` only, and the blank nodes among the targets
        that the IRIs ``owners`` link to."""
        values = " ".join(iris)
        if not owners:  # VALUES in place of the targets (and in the counting sub-queries,
            # which would count for every node): pyoxigraph joins the rest to them
            return self.query.replace(self.targets, f"VALUES ?this {{ {values} }}", 1).replace(
                _COUNTING, f"{_COUNTING} VALUES ?this {{ {values} }}")
        parts = [f"{{ VALUES ?this {{ {values} }} }}"] if iris else []
        parts.append(f"{{ VALUES ?focusOwner {{ {' '.join(owners)} }} "
                     f"?focusOwner ?focusLink ?this FILTER (isBlank(?this)) {self.targets} }}")
        only = " UNION ".join(parts)
        return self.query.replace(self.targets,
                                  f"{{ SELECT DISTINCT ?this WHERE {{ {only} }} }}", 1)

    @property
    def from_sparql(self) -> bool:
        return self.component == "sparql"


class _Compiler(ShapeExpressions):
    """The top-level checks: a query per constraint of a shape with targets."""

    # --- targets

    def targets(self, shape: Node) -> tuple[str, ...] | None:
        """The patterns that bind ?this to the targets of ``shape``, one per kind of target."""
        g = self.g
        patterns = []
        classes = sorted(g.objects(shape, SH.targetClass))
        if (shape, RDF.type, RDFS.Class) in g:
            classes.append(shape)  # implicit class target
        if classes:
            values = " ".join(self.term(c) for c in classes)
            patterns.append(f"VALUES ?class {{ {values} }} ?this a ?class .")
        nodes = sorted(g.objects(shape, SH.targetNode))
        if nodes:
            patterns.append("VALUES ?this { " + " ".join(self.term(n) for n in nodes) + " }")
        for prop in sorted(g.objects(shape, SH.targetSubjectsOf)):
            patterns.append(f"?this {self.term(prop)} ?object .")
        for prop in sorted(g.objects(shape, SH.targetObjectsOf)):
            patterns.append(f"?subject {self.term(prop)} ?this .")
        for target in g.objects(shape, SH.target):
            select = g.value(target, SH.select)
            if select is None:
                raise UnsupportedShape(f"shapes: only SPARQL-based custom targets (sh:select) are "
                                 f"supported, not the one of {shape_name(shape)}")
            patterns.append("{ " + _strip_prefixes(str(select)).replace("$this", "?this")
                            + " }")
        return tuple(patterns) or None

    def target_prologue(self, shape: Node) -> str:
        return "".join(self.prologue(t) for t in self.g.objects(shape, SH.target))

    # --- top-level checks

    def checks(self) -> Iterator[Check]:
        g = self.g
        shapes = set(g.subjects(SH.targetClass, None)) | set(g.subjects(SH.targetNode, None))
        shapes |= set(g.subjects(SH.targetSubjectsOf, None))
        shapes |= set(g.subjects(SH.targetObjectsOf, None)) | set(g.subjects(SH.target, None))
        shapes |= {s for s in g.subjects(RDF.type, RDFS.Class)
                   if (s, RDF.type, SH.NodeShape) in g}
        for shape in sorted(shapes, key=str):
            if g.value(shape, SH.deactivated) == Literal(True):
                continue
            patterns = self.targets(shape)
            union = " UNION ".join("{ " + p + " }" for p in patterns)
            targets = f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"
            prologue = self.target_prologue(shape)
            for check in self.shape_checks(shape, targets, prologue, path=None):
                yield replace(check, target_patterns=patterns)
            for prop in sorted(g.objects(shape, SH.property), key=str):
                if g.value(prop, SH.deactivated) == Literal(True):
                    continue
                for check in self.shape_checks(prop, targets, prologue,
                                               path=self.path_of(prop)):
                    yield replace(check, target_patterns=patterns)

    def shape_checks(self, shape: Node, targets: str, prologue: str,
                     path: Node | None) -> Iterator[Check]:
        g = self.g
        severity = g.value(shape, SH.severity) or SH.Violation
        constraints = self.components(shape)
        plain = [c for c in constraints if c[0] != SH.sparql]
        message = g.value(shape, SH.message)
        if plain and message is None:
            raise UnsupportedShape(f"shapes: {shape_name(shape)} has constraints but no sh:message; the "
                             "SPARQL validator reports only the shapes' own messages")
        p = self.path(path) if path is not None else None
        for predicate, value in constraints:
            if predicate == SH.sparql:
                yield self.sparql_check(shape, value, targets, prologue, path, severity)
                continue
            where = self.violation(shape, predicate, value, p)
            if where is None:
                continue
            query = f"{prologue}SELECT DISTINCT ?this ?value WHERE {{ {targets} {where} }}"
            yield Check(shape=shape, path=path, message=str(message), severity=severity,
                        query=query, component=shape_name(predicate), targets=targets,
                        prologue=prologue)

    def violation(self, shape: Node, predicate: Node, value: Node, p: str | None) -> str | None:
        """The pattern (after the targets) whose solutions are the violations."""
        g = self.g
        if p is None:  # node shape: the focus node is the value
            if predicate in VALUE_COMPONENTS:
                ok = self.value_ok(predicate, value, "?this", shape)
                return f"BIND (?this AS ?value) FILTER (!{ok})"
            if predicate == SH.hasValue:
                return f"FILTER (!sameTerm(?this, {self.term(value)}))"
            raise UnsupportedShape(f"shapes: {shape_name(predicate)} on node shape "
                                   f"{shape_name(shape)} is not supported by the SPARQL validator")
        if predicate in VALUE_COMPONENTS:
            ok = self.value_ok(predicate, value, "?value", shape)
            return f"?this {p} ?value . FILTER (!{ok})"
        if predicate == SH.minCount:
            n = int(value)
            if n == 0:
                return None
            if n == 1:
                return f"FILTER NOT EXISTS {{ ?this {p} ?any }}"
            return (f"OPTIONAL {{ SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ ?this {p} ?v }}"
                    f" GROUP BY ?this }} FILTER (!BOUND(?n) || ?n < {n})")
        if predicate == SH.maxCount:
            return (f"{{ SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ ?this {p} ?v }} "
                    f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {int(value)}) }}")
        if predicate == SH.hasValue:
            return f"FILTER NOT EXISTS {{ ?this {p} {self.term(value)} }}"
        if predicate == SH.uniqueLang:
            if value != Literal(True):
                return None
            return (f"?this {p} ?value, ?other . FILTER (isLiteral(?value) && lang(?value) != \"\""
                    " && LCASE(lang(?value)) = LCASE(lang(?other)) && !sameTerm(?value, ?other))")
        if predicate == SH.equals:
            other = self.term(value)
            return (f"{{ ?this {p} ?value . FILTER NOT EXISTS {{ ?this {other} ?value }} }} "
                    f"UNION {{ ?this {other} ?value . FILTER NOT EXISTS {{ ?this {p} ?value }} }}")
        if predicate == SH.disjoint:
            return f"?this {p} ?value . ?this {self.term(value)} ?value ."
        if predicate in (SH.lessThan, SH.lessThanOrEquals):
            op = ">=" if predicate == SH.lessThan else ">"
            return (f"?this {p} ?value . ?this {self.term(value)} ?other . "
                    f"FILTER (COALESCE(!(?value {'<' if op == '>=' else '<='} ?other), true))")
        if predicate == SH.qualifiedValueShape:
            if (shape, SH.qualifiedValueShapesDisjoint, Literal(True)) in g:
                raise UnsupportedShape("shapes: sh:qualifiedValueShapesDisjoint is not supported by "
                                 "the SPARQL validator")
            ok = self.conforms(value, "?v")
            counted = (f"OPTIONAL {{ SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ "
                       f"?this {p} ?v FILTER ({ok}) }} GROUP BY ?this }}")
            tests = []
            low, high = g.value(shape, SH.qualifiedMinCount), g.value(shape, SH.qualifiedMaxCount)
            if low is not None and int(low) > 0:
                tests.append(f"(!BOUND(?n) || ?n < {int(low)})")
            if high is not None:
                tests.append(f"(BOUND(?n) && ?n > {int(high)})")
            return f"{counted} FILTER ({' || '.join(tests)})" if tests else None
        raise UnsupportedShape(f"shapes: {shape_name(predicate)} on {shape_name(shape)} is not supported by "
                         "the SPARQL validator")

    def sparql_check(self, shape: Node, constraint: Node, targets: str, prologue: str,
                     path: Node | None, severity: Node) -> Check:
        g = self.g
        select = g.value(constraint, SH.select)
        if select is None:
            raise UnsupportedShape(f"shapes: the sh:sparql constraint of {shape_name(shape)} has no "
                             "sh:select")
        message = g.value(constraint, SH.message) or g.value(shape, SH.message)
        if message is None:
            raise UnsupportedShape(f"shapes: the sh:sparql constraint of {shape_name(shape)} has no "
                             "sh:message")
        if "$PATH" in str(select):
            raise UnsupportedShape("shapes: $PATH in SPARQL constraints is not supported")
        inner = _strip_prefixes(str(select)).replace("$this", "?this")
        prologue = "".join(sorted(set((prologue + self.prologue(constraint)).splitlines(True))))
        query = f"{prologue}SELECT * WHERE {{ {targets} {{ {inner} }} }}"
        return Check(shape=shape, path=path, message=str(message),
                     severity=g.value(constraint, SH.severity) or severity,
                     query=query, component="sparql", targets=targets, prologue=prologue)


def _strip_prefixes(text: str) -> str:
    return re.sub(r"(?im)^\s*PREFIX\s+\S*:\s*<[^>]*>\s*$", "", text)


def compile_shapes(shapes: Graph) -> list[Check]:
    """Every constraint of every shape with targets, as a query; unsupported ones raise."""
    return list(_Compiler(shapes).checks())
