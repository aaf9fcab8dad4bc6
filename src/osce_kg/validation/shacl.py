"""SHACL validation of the data: a thin, quiet wrapper around pySHACL returning a report object.

:func:`validate_graph` never prints and never exits; the CLI and the build decide what a
violation means. Results are sorted (focus node, path, message) so reports are stable.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import NamedTuple

from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from osce_kg.namespaces import bind_prefixes

log = logging.getLogger(__name__)


class ValidationResult(NamedTuple):
    """One ``sh:ValidationResult`` of the report."""

    focus_node: Node | None
    path: Node | None
    message: str
    severity: Node | None
    source_shape: Node | None


@dataclass(frozen=True)
class ValidationReport:
    """What pySHACL found: ``conforms``, the results (sorted), its text and its RDF report."""

    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)
    text: str = ""
    results_graph: Graph | None = None

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == SH.Violation]

    def lines(self, names: Graph | None = None) -> list[str]:
        """Each result as ``focus node — path — message`` (prefixed names where known)."""
        names = names if names is not None else bind_prefixes(Graph())
        paths = self.results_graph if self.results_graph is not None else Graph()
        return [format_result(r, names, paths) for r in self.results]

    def summary(self) -> str:
        """``conforms: 0 violations`` or ``does not conform: 2 violations on 1 focus node``."""
        counts: dict[str, int] = {}
        for result in self.results:
            label = _local_name(result.severity) if result.severity is not None else "Result"
            counts[label] = counts.get(label, 0) + 1
        ordered = sorted(counts.items(), key=lambda item: (item[0] != "Violation", item[0]))
        parts = ", ".join(f"{n} {label.lower()}{'s' if n != 1 else ''}" for label, n in ordered)
        if self.conforms:
            return "conforms: 0 violations" + (f" ({parts})" if parts else "")
        focus = len({r.focus_node for r in self.results})
        return f"does not conform: {parts} on {focus} focus node{'s' if focus != 1 else ''}"


def validate_graph(data: Graph, *, shapes: Graph,
                   ontology: Graph | None = None) -> ValidationReport:
    """Validate ``data`` against ``shapes`` with RDFS inference over ``ontology``."""
    conforms, results_graph, text = shacl_validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="rdfs",
        advanced=True,
        abort_on_first=False,
        allow_warnings=True,
    )
    results = _results_of(results_graph)
    log.debug("validated %d triples: conforms=%s, %d results", len(data), conforms, len(results))
    return ValidationReport(conforms=bool(conforms), results=results, text=str(text),
                            results_graph=results_graph)


def _results_of(report: Graph) -> list[ValidationResult]:
    # the report's sh:result only: pySHACL also types the nested results of sh:node (its
    # sh:detail) sh:ValidationResult, which are no results of the data graph
    results = []
    for node in set(report.objects(None, SH.result)):
        message = report.value(node, SH.resultMessage)
        results.append(ValidationResult(
            focus_node=report.value(node, SH.focusNode),
            path=report.value(node, SH.resultPath),
            message=str(message) if message is not None else "",
            severity=report.value(node, SH.resultSeverity),
            source_shape=report.value(node, SH.sourceShape),
        ))
    return sorted(results, key=lambda r: (str(r.focus_node), str(r.path), r.message))


def format_result(result: ValidationResult, names: Graph, paths: Graph) -> str:
    """``focus node — path — message``; ``paths`` holds the structure of complex paths."""
    focus = _render(result.focus_node, names)
    path = render_path(result.path, paths, names)
    return f"{focus} — {path} — {result.message or '(no message)'}"


def _render(node: Node | None, names: Graph) -> str:
    if node is None:
        return "-"
    if isinstance(node, BNode):
        return "[]"
    return node.n3(names.namespace_manager)


def render_path(path: Node | None, graph: Graph, names: Graph) -> str:
    """A SHACL property path as SPARQL-like text (``^p``, ``p/q``, ``p*``)."""
    if path is None:
        return "-"
    if not isinstance(path, BNode):
        return _render(path, names)
    if (path, RDF.first, None) in graph:
        return "/".join(render_path(p, graph, names) for p in Collection(graph, path))
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + render_path(inverse, graph, names)
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(render_path(p, graph, names)
                              for p in Collection(graph, alternatives)) + ")"
    for predicate, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"),
                              (SH.zeroOrOnePath, "?")):
        inner = graph.value(path, predicate)
        if inner is not None:
            return render_path(inner, graph, names) + suffix
    return "[]"


def _local_name(node: Node) -> str:
    text = str(node)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
