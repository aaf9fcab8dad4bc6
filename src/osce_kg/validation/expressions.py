"""SHACL shapes as SPARQL expressions (for :mod:`osce_kg.validation.compiler`): a term or a
path as SPARQL text, the constraints a shape has, and whether a node conforms to a (nested)
shape as a boolean expression that is never an error."""

from __future__ import annotations

from itertools import count

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from osce_kg.errors import UnsupportedShape

# Parameters of a constraint that are read together with the component that owns them.
_PARAMETERS = {SH.flags, SH.qualifiedMinCount, SH.qualifiedMaxCount,
               SH.qualifiedValueShapesDisjoint}
# Triples of a shape that are not constraints.
_NON_CONSTRAINTS = {RDF.type, RDFS.label, RDFS.comment, SH.message, SH.severity, SH.path,
                    SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf,
                    SH.target, SH.property, SH.name, SH.description, SH.order, SH.group,
                    SH.deactivated, SH.declare, SH.prefixes} | _PARAMETERS
# Value-type constraints: each value is tested on its own.
VALUE_COMPONENTS = {SH["class"], SH.datatype, SH.nodeKind, SH.pattern, SH["in"],
                    SH.languageIn, SH.node, SH["or"], SH["and"], SH["not"], SH.minInclusive,
                    SH.maxInclusive, SH.minExclusive, SH.maxExclusive, SH.minLength,
                    SH.maxLength}
# Datatypes whose lexical forms SPARQL can check by casting (ill-formed literals violate
# sh:datatype in pySHACL too).
_CASTABLE = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.boolean, XSD.date,
             XSD.dateTime, XSD.time, XSD.gYear, XSD.gYearMonth, XSD.duration}
_NODE_KINDS = {
    SH.IRI: "isIRI({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNode: "isBlank({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}
_COMPARISONS = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">",
                SH.maxExclusive: "<"}


def shape_name(node: Node) -> str:
    """A shape or a SHACL term by its local name, for messages."""
    text = str(node)
    return text.rsplit("#", 1)[-1] if "#" in text else text


class ShapeExpressions:
    """A shapes graph read as SPARQL text: constants, paths, prefixes, the constraints of a
    shape, and the boolean expression that a node conforms to a (nested) shape."""

    def __init__(self, shapes: Graph) -> None:
        self.g = shapes
        self.fresh = count(1)

    # --- terms, paths, prefixes

    def term(self, node: Node) -> str:
        if isinstance(node, BNode):
            raise UnsupportedShape(f"shapes: a blank node {node} cannot be a constant of a query")
        return node.n3()

    def path(self, node: Node) -> str:
        g = self.g
        if isinstance(node, URIRef):
            return node.n3()
        if (node, RDF.first, None) in g:
            return "(" + "/".join(self.path(p) for p in Collection(g, node)) + ")"
        for predicate, template in ((SH.inversePath, "^({})"), (SH.zeroOrMorePath, "({})*"),
                                    (SH.oneOrMorePath, "({})+"), (SH.zeroOrOnePath, "({})?")):
            inner = g.value(node, predicate)
            if inner is not None:
                return template.format(self.path(inner))
        alternatives = g.value(node, SH.alternativePath)
        if alternatives is not None:
            return "(" + "|".join(self.path(p) for p in Collection(g, alternatives)) + ")"
        raise UnsupportedShape(f"shapes: unsupported sh:path {node}")

    def prologue(self, holder: Node) -> str:
        lines = []
        for prefixes in self.g.objects(holder, SH.prefixes):
            for declaration in self.g.objects(prefixes, SH.declare):
                prefix = self.g.value(declaration, SH.prefix)
                namespace = self.g.value(declaration, SH.namespace)
                lines.append(f"PREFIX {prefix}: <{namespace}>")
        return "\n".join(sorted(set(lines))) + "\n"

    def var(self) -> str:
        return f"?v{next(self.fresh)}"

    # --- which constraints a shape has

    def components(self, shape: Node) -> list[tuple[Node, Node]]:
        found = []
        for predicate, value in self.g.predicate_objects(shape):
            if predicate in _NON_CONSTRAINTS:
                continue
            if predicate == SH.sparql or predicate in VALUE_COMPONENTS or predicate in {
                    SH.minCount, SH.maxCount, SH.hasValue, SH.uniqueLang, SH.equals,
                    SH.disjoint, SH.qualifiedValueShape, SH.lessThan,
                    SH.lessThanOrEquals, SH.closed, SH.ignoredProperties}:
                found.append((predicate, value))
            elif str(predicate).startswith(str(SH)):
                raise UnsupportedShape(f"shapes: {shape_name(predicate)} on {shape_name(shape)} is not "
                                 "supported by the SPARQL validator")
        return sorted(found, key=lambda item: (str(item[0]), str(item[1])))

    # --- conformance of ?x to a (nested) shape, as a boolean expression

    def conforms(self, shape: Node, x: str) -> str:
        parts = []
        for predicate, value in self.components(shape):
            if predicate in VALUE_COMPONENTS:
                parts.append(self.value_ok(predicate, value, x, shape))
            elif predicate == SH.hasValue:
                parts.append(f"sameTerm({x}, {self.term(value)})")
            else:
                raise UnsupportedShape(f"shapes: {shape_name(predicate)} in a nested node shape "
                                 f"{shape_name(shape)} is not supported by the SPARQL validator")
        for prop in self.g.objects(shape, SH.property):
            parts.append(self.property_conforms(prop, x))
        return "(" + " && ".join(parts) + ")" if parts else "true"

    def property_conforms(self, prop: Node, x: str) -> str:
        path = self.path(self.path_of(prop))
        parts = []
        for predicate, value in self.components(prop):
            y = self.var()
            if predicate in VALUE_COMPONENTS:
                ok = self.value_ok(predicate, value, y, prop)
                parts.append(f"NOT EXISTS {{ {x} {path} {y} FILTER (!{ok}) }}")
            elif predicate == SH.hasValue:
                parts.append(f"EXISTS {{ {x} {path} {self.term(value)} }}")
            elif predicate == SH.minCount and int(value) <= 1:
                parts.append(f"EXISTS {{ {x} {path} {y} }}" if int(value) == 1 else "true")
            elif (predicate == SH.qualifiedValueShape
                  and self.g.value(prop, SH.qualifiedMaxCount) is None
                  and int(self.g.value(prop, SH.qualifiedMinCount) or 0) <= 1):
                minimum = int(self.g.value(prop, SH.qualifiedMinCount) or 0)
                if minimum == 1:
                    ok = self.conforms(value, y)
                    parts.append(f"EXISTS {{ {x} {path} {y} FILTER ({ok}) }}")
            else:
                raise UnsupportedShape(f"shapes: {shape_name(predicate)} in a nested property shape "
                                 "is not supported by the SPARQL validator")
        return "(" + " && ".join(parts) + ")" if parts else "true"

    def value_ok(self, predicate: Node, value: Node, v: str, shape: Node) -> str:
        """An expression true when ``v`` meets the constraint; never an error (COALESCE)."""
        g = self.g
        if predicate == SH["class"]:
            expr = f"EXISTS {{ {v} a {self.term(value)} }}"
        elif predicate == SH.datatype:
            expr = f"(isLiteral({v}) && datatype({v}) = {self.term(value)}"
            if value in _CASTABLE:
                expr += f" && isLiteral({self.term(value)}(STR({v})))"
            expr += ")"
        elif predicate == SH.nodeKind:
            if value not in _NODE_KINDS:
                raise UnsupportedShape(f"shapes: unknown sh:nodeKind {value}")
            expr = _NODE_KINDS[value].format(v=v)
        elif predicate == SH.pattern:
            flags = g.value(shape, SH.flags)
            args = f", {Literal(str(flags)).n3()}" if flags is not None else ""
            expr = f"(!isBlank({v}) && REGEX(STR({v}), {Literal(str(value)).n3()}{args}))"
        elif predicate == SH["in"]:
            members = [f"sameTerm({v}, {self.term(m)})" for m in Collection(g, value)]
            expr = "(" + (" || ".join(members) or "false") + ")"
        elif predicate == SH.languageIn:
            tags = [f'langMatches(lang({v}), {Literal(str(t)).n3()})'
                    for t in Collection(g, value)]
            expr = f"(isLiteral({v}) && (" + (" || ".join(tags) or "false") + "))"
        elif predicate == SH.node:
            expr = self.conforms(value, v)
        elif predicate == SH["or"]:
            expr = "(" + " || ".join(self.conforms(s, v) for s in Collection(g, value)) + ")"
        elif predicate == SH["and"]:
            expr = "(" + " && ".join(self.conforms(s, v) for s in Collection(g, value)) + ")"
        elif predicate == SH["not"]:
            expr = f"!{self.conforms(value, v)}"
        elif predicate in _COMPARISONS:
            expr = f"(isLiteral({v}) && {v} {_COMPARISONS[predicate]} {self.term(value)})"
        elif predicate in (SH.minLength, SH.maxLength):
            op = ">=" if predicate == SH.minLength else "<="
            expr = f"(!isBlank({v}) && STRLEN(STR({v})) {op} {int(value)})"
        else:  # pragma: no cover - guarded by VALUE_COMPONENTS
            raise UnsupportedShape(f"shapes: {shape_name(predicate)} is not supported")
        return f"COALESCE({expr}, false)"

    def path_of(self, prop: Node) -> Node:
        """The ``sh:path`` of a property shape (it must have one)."""
        path = self.g.value(prop, SH.path)
        if path is None:
            raise UnsupportedShape(f"shapes: property shape {shape_name(prop)} has no sh:path")
        return path
