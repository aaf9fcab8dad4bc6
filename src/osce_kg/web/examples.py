"""Example queries shown on the home page (each links to the SPARQL editor)."""

from __future__ import annotations

from osce_kg.namespaces import sparql_prologue

_EXAMPLES: tuple[tuple[str, str], ...] = (
    ("How many participating States are there?",
     "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a osce:ParticipatingState }"),
    ("Which are the Mediterranean Partners for Co-operation?",
     "SELECT ?partner ?label WHERE {\n  ?partner osce:partnerGroup id:partner-group/mediterranean ;"
     "\n    rdfs:label ?label FILTER(lang(?label) = \"en\")\n} ORDER BY ?label"),
    ("Which State holds the Chairpersonship in 2025?",
     "SELECT ?state ?label WHERE {\n  ?c osce:year \"2025\"^^xsd:gYear ;"
     " osce:chairingState ?state .\n  ?state rdfs:label ?label FILTER(lang(?label) = \"en\")\n}"),
    ("Which field operations are active, and who hosts each?",
     "SELECT ?operation ?label ?host WHERE {\n  ?operation a osce:FieldOperation ; "
     "rdfs:label ?label ; osce:hostCountry ?host .\n  FILTER(lang(?label) = \"en\")\n"
     "  FILTER NOT EXISTS { ?operation schema:dissolutionDate ?closed }\n} ORDER BY ?label"),
    ("Which units belong to the Secretariat, at any depth?",
     "SELECT ?unit ?label WHERE {\n  ?unit org:subOrganizationOf+ id:structure/secretariat ;\n"
     "    rdfs:label ?label FILTER(lang(?label) = \"en\")\n} ORDER BY ?label"),
    ("What is Hungary called in German?",
     "SELECT ?label WHERE { id:state/hungary rdfs:label ?label FILTER(lang(?label) = \"de\") }"),
    ("Which States joined after 1 January 2000?",
     "SELECT ?state ?since WHERE {\n  ?state a osce:ParticipatingState ; "
     "osce:participatingSince ?since .\n  FILTER(STR(?since) >= \"2000\")\n} ORDER BY ?since"),
)


def example_queries() -> list[tuple[str, str]]:
    """``(question, full query with prefixes)`` pairs."""
    prologue = sparql_prologue()
    return [(question, prologue + "\n" + body) for question, body in _EXAMPLES]
