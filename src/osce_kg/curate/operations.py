"""Field operations, current and closed, with host, seat, dates, former names and successions."""

from __future__ import annotations

import re

from rdflib import URIRef
from rdflib.namespace import ORG

from osce_kg.curate.context import Curation, en
from osce_kg.curate.reference import (
    WHOLE_ROW,
    ReferenceTableError,
    date_literal,
    parse_confidence,
    parse_sources,
    without_parenthesis,
)
from osce_kg.curate.static import ACTIVE_FIELD_OPERATIONS, SUCCESSIONS
from osce_kg.curate.structures import OSCE_ORG
from osce_kg.namespaces import OSCE, SCHEMA, entity_iri, slugify

_SEAT = [ORG.hasSite, SCHEMA.location]


def operation_iri(name: str) -> URIRef:
    """``id/field-operation/{slug}`` from the name without its "OSCE "/"CSCE " prefix."""
    return entity_iri("field-operation", slugify(re.sub(r"^(OSCE|CSCE) ", "", name)))


def host(cur: Curation, cell: str) -> URIRef:
    """The one host: ``Kosovo`` → Kosovo; ``Russian Federation (Chechnya)`` → the territory.

    The State named before a territory is checked to be known; the territory's own
    ``schema:containedInPlace`` says where it lies where the graph asserts it (Chechnya).
    """
    state, territory = without_parenthesis(cell)
    named = cur.country(state)
    return cur.country(territory) if territory else named


def seat_city(cell: str) -> str:
    """``Belgrade (common office); Pristina, …`` → ``Belgrade``."""
    return re.split(r"[;(]", cell, maxsplit=1)[0].strip()


def former_names(cell: str, other_operations: set[str]) -> list[str]:
    """Names of the same operation; names of rows of their own are successions instead."""
    names: list[str] = []
    for piece in filter(None, (p.strip() for p in cell.split(";"))):
        name, _ = without_parenthesis(piece)
        if name.startswith("CSCE/OSCE "):
            rest = name[len("CSCE/OSCE "):]
            candidates = [f"CSCE {rest}", f"OSCE {rest}"]
        else:
            candidates = [name]
        names.extend(n for n in candidates if n not in other_operations and n not in names)
    return names


def add_field_operations(cur: Curation) -> None:
    rows = cur.table("field_operations")
    all_names = {row["name"] for row in rows}
    graph = cur.graphs["field-operations"]
    active = []
    for row in rows:
        name = row["name"]
        iri = operation_iri(name)
        cur.describe("field-operations", iri, [OSCE.FieldOperation], name)
        graph.add((iri, ORG.subOrganizationOf, OSCE_ORG))
        graph.add((iri, OSCE.hostCountry, host(cur, row["host_state_or_territory"])))
        seat = seat_city(row["seat_city"]) if row["seat_city"] else None
        if seat:
            cur.seat("field-operations", iri, seat)
        graph.add((iri, SCHEMA.foundingDate, date_literal(row["opened"])))
        if row["closed"]:
            graph.add((iri, SCHEMA.dissolutionDate, date_literal(row["closed"])))
        else:
            active.append(name)
        names = former_names(row["former_names"], all_names - {name})
        for former in names:
            graph.add((iri, OSCE.formerName, en(former)))
        cur.annotate("field-operations", iri, sources=parse_sources(row["source"]),
                     doubts=[("", parse_confidence(row["confidence"]), _parts(row, bool(names)))],
                     notes=_notes(row, seat))
    _check_active(active)
    for before, after in SUCCESSIONS:
        if before not in all_names or after not in all_names:
            raise ReferenceTableError(f"succession {before!r} → {after!r}: not both in the reference")
        graph.add((operation_iri(after), OSCE.predecessor, operation_iri(before)))
        graph.add((operation_iri(before), OSCE.successor, operation_iri(after)))


def _parts(row: dict[str, str], has_former_names: bool) -> dict[str, list[URIRef]]:
    """What each part of the confidence cell stands for, in this row."""
    opened = [SCHEMA.foundingDate]
    closed = [SCHEMA.dissolutionDate] if row["closed"] else []
    seat = _SEAT if row["seat_city"] else []
    names = [OSCE.formerName] if has_former_names else []
    return {
        WHOLE_ROW: [OSCE.hostCountry, *seat, *opened, *closed, *names],
        "seat": seat,
        "date": opened,
        "dates": opened + closed,
        "start": opened,
        "end": closed,
        "exact end date": closed,
        "other dates": opened,
        "intermediate names": names,
    }


def _notes(row: dict[str, str], seat: str | None) -> list[str]:
    notes = [row["note"]]
    if "(" in row["host_state_or_territory"]:
        notes.append(f"Host as the reference gives it: {row['host_state_or_territory']}")
    if row["former_names"]:
        notes.append(f"Former names as the reference gives them: {row['former_names']}")
    if seat and row["seat_city"] != seat:
        notes.append(f"Seat as the reference gives it: {row['seat_city']}")
    if row["status"] not in ("current", "closed"):
        notes.append(f"Status: {row['status']}")
    return notes


def _check_active(active: list[str]) -> None:
    expected = sorted(f"OSCE {name}" for name in ACTIVE_FIELD_OPERATIONS)
    if sorted(active) != expected:
        raise ReferenceTableError(f"the open field operations {sorted(active)} are not the seed's "
                             f"{expected}")
