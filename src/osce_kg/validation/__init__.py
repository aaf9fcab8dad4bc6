"""SHACL validation of the graph: pySHACL (:mod:`osce_kg.validation.shacl`) and, for large
graphs, the shapes compiled to SPARQL over the store (:mod:`osce_kg.validation.sparql`)."""

from osce_kg.validation.shacl import ValidationReport, ValidationResult, validate_graph

__all__ = ["ValidationReport", "ValidationResult", "validate_graph"]
