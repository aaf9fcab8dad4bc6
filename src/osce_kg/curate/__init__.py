"""Curation: the reference tables and the seed page's menus → ``data/*.ttl``.

``curate(reference_dir, out_dir)`` regenerates one Turtle file per kind of thing
(:data:`~osce_kg.curate.context.DATA_FILES`), byte-stable, as ``MODELLING.md`` describes.
The files are committed: ``data/`` is what the build reads, this module is how it was made,
re-run when ``../shared/reference/`` changes.

The work is split by kind, one module each: ``countries`` (States, partners, territories),
``structures`` (the OSCE, institutions, bodies, units, the Secretary General), ``operations``
(field operations), ``events`` (fields of work, series, meetings, chairpersonships), ``places``
(cities, last: it describes every city the others named). ``reference`` reads the CSV cells;
``static`` holds the facts the CSVs lack; ``context`` is what they share.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from osce_kg.curate.context import DATA_FILES, Curation
from osce_kg.curate.countries import add_former_states, add_partners, add_states, add_territories
from osce_kg.curate.events import add_events
from osce_kg.curate.operations import add_field_operations
from osce_kg.curate.places import add_places
from osce_kg.curate.reference import ReferenceTableError
from osce_kg.curate.structures import add_structures
from osce_kg.rdf.io import write_turtle

__all__ = ["DATA_FILES", "ReferenceTableError", "curate", "curated_graphs", "default_reference_dir"]


def default_reference_dir(project_dir: Path) -> Path:
    """``../shared/reference`` next to the checkout."""
    return project_dir.parent / "shared" / "reference"


def curated_graphs(reference_dir: Path) -> dict[str, Graph]:
    """The curated graphs, one per data file name (without ``.ttl``)."""
    if not reference_dir.is_dir():
        raise ReferenceTableError(f"no reference directory at {reference_dir}")
    cur = Curation(reference_dir)
    add_states(cur)
    add_partners(cur)
    add_former_states(cur)
    add_territories(cur)
    add_structures(cur)
    add_field_operations(cur)
    add_events(cur)
    add_places(cur)
    return cur.graphs


def curate(reference_dir: Path, out_dir: Path) -> dict[str, int]:
    """Write ``{out_dir}/{name}.ttl`` for each data file; return name → triple count."""
    graphs = curated_graphs(reference_dir)
    counts = {}
    for name in DATA_FILES:
        write_turtle(graphs[name], out_dir / f"{name}.ttl")
        counts[name] = len(graphs[name])
    return counts
