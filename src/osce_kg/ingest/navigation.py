"""Navigation drift: the site's menus compared with the graph.

Menus checked: fields of work, meetings and conferences (series), participating States (with the
"– OSCE Chairpersonship YYYY" suffix) and partner groups, Secretariat units, field operations.
An entry the graph lacks is *missing*; a current thing of the graph the menu no longer lists is
*extra*; a Chairpersonship suffix naming another State than the graph's is a *mismatch*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.namespace import RDF

from osce_kg.ingest.model import Page
from osce_kg.ingest.names import (
    FIELD,
    PARTNER_GROUP,
    SERIES,
    STATE,
    STRUCTURE,
    Gazetteer,
)
from osce_kg.namespaces import OSCE, SCHEMA

CHAIR_SUFFIX_RE = re.compile(r"\s*[–—-]\s*OSCE Chair(?:person|man)ship\s+(\d{4})\s*$", re.IGNORECASE)
NAVIGATION_ONLY = {  # entries of a menu that link elsewhere on the site
    "fields of work": {"field operations", "projects"},
    "meetings and conferences": {"partnerships"},
    "participating states": {"all"},
    "secretariat": {"secretary general", "institutions"},
    "field operations": {"closed field activities", "organizational structure", "about us",
                         "parliamentary assembly", "court of conciliation and arbitration"},
}


@dataclass
class NavigationReport:
    missing: list[tuple[str, str]] = field(default_factory=list)  # (menu, entry)
    extra: list[tuple[str, str]] = field(default_factory=list)  # (menu, label in the graph)
    mismatches: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)  # menus compared

    @property
    def differs(self) -> bool:
        return bool(self.missing or self.extra or self.mismatches)

    def lines(self) -> list[str]:
        out = [f"missing in the graph: {menu}: {entry}" for menu, entry in self.missing]
        out += [f"not in the menu any more: {menu}: {label}" for menu, label in self.extra]
        return out + self.mismatches


def check_navigation(page: Page, gazetteer: Gazetteer) -> NavigationReport:
    report = NavigationReport()
    graph = gazetteer.graph
    fields = set(gazetteer.things(FIELD))
    series = set(gazetteer.things(SERIES))
    states = {s for s in gazetteer.things(STATE) if (s, RDF.type, OSCE.ParticipatingState) in graph}
    groups = set(gazetteer.things(PARTNER_GROUP))
    units = {s for s in gazetteer.things(STRUCTURE) if (s, RDF.type, OSCE.SecretariatUnit) in graph}
    operations = {s for s in gazetteer.things(STRUCTURE)
                  if (s, RDF.type, OSCE.FieldOperation) in graph
                  and (s, SCHEMA.dissolutionDate, None) not in graph}
    _compare(report, page, gazetteer, "Fields of work", fields, (FIELD,))
    _compare(report, page, gazetteer, "Meetings and conferences", series, (SERIES,))
    _compare(report, page, gazetteer, "Participating States", states | groups,
             (STATE, PARTNER_GROUP), chair_suffix=True)
    _compare(report, page, gazetteer, "Secretariat", units, (STRUCTURE,))
    _compare(report, page, gazetteer, "Field operations", operations, (STRUCTURE,))
    return report


def _compare(report: NavigationReport, page: Page, gazetteer: Gazetteer, heading: str,
             current: set[URIRef], categories: tuple[str, ...], chair_suffix: bool = False) -> None:
    entries = page.menu(heading)
    if not entries:
        return
    report.checked.append(heading)
    skip = NAVIGATION_ONLY.get(heading.casefold(), set())
    listed: set[URIRef] = set()
    for entry in entries:
        name = entry
        suffix = CHAIR_SUFFIX_RE.search(entry) if chair_suffix else None
        if suffix:
            name = entry[:suffix.start()].strip()
        found = next((t for c in categories if (t := gazetteer.lookup(name, c)) in current), None)
        if found is None:
            if name.casefold() in skip or (found := gazetteer.lookup(name, *categories)):
                if found is not None and found not in current and heading == "Field operations":
                    report.missing.append((heading, f"{entry} (closed in the graph)"))
                continue
            report.missing.append((heading, entry))
            continue
        listed.add(found)
        if suffix:
            _check_chair(report, gazetteer, found, int(suffix.group(1)), entry)
    for thing in sorted(current - listed):
        report.extra.append((heading, gazetteer.label(thing) or str(thing)))


def _check_chair(report: NavigationReport, gazetteer: Gazetteer, state: URIRef, year: int,
                 entry: str) -> None:
    chair = gazetteer.chairpersonship(year)
    if chair is None:
        report.mismatches.append(f"no Chairpersonship {year} in the graph (menu: {entry})")
        return
    holder = gazetteer.graph.value(chair, OSCE.chairingState)
    if holder != state:
        report.mismatches.append(f"Chairpersonship {year}: menu says {entry!r}, the graph says "
                                 f"{gazetteer.label(holder) if holder else 'no State'}")
