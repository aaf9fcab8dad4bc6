"""What the maps show: field operations, seats, venues and participating States, from the store.

:func:`atlas` answers ``/map`` (a GeoJSON ``FeatureCollection`` of points, one per place and
kind, with the participating States' ISO codes to shade); :func:`whereabouts` answers the map of
one entity page (its own place, its seat or venue, the country it is in or hosted by). Every IRI
and value reaches the store only through bindings; nothing here knows about HTTP.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from osce_kg.namespaces import ID_BASE, OSCE
from osce_kg.queries import COUNTRIES_QUERY, PLACED_QUERY, STATES_QUERY, WHEREABOUTS_QUERY
from osce_kg.store.base import Store

DEFAULT_LANG = "en"



# (kind of marker, class) in the order the legend lists them
KINDS: tuple[tuple[str, URIRef], ...] = (
    ("field-operation", OSCE.FieldOperation),
    ("institution", OSCE.Institution),
    ("institution", OSCE.Structure),
    ("summit", OSCE.SummitMeeting),
    ("ministerial-council", OSCE.MinisterialCouncilMeeting),
)


@dataclass
class Item:
    """One thing at a place: a field operation, an institution, a meeting."""

    iri: str
    label: str
    start: str | None = None
    end: str | None = None
    host: str | None = None
    status: str | None = None  # field operations: "current" or "closed"

    def as_json(self) -> dict:
        found = {"iri": self.iri, "page": page_path(self.iri), "label": self.label,
                 "start": self.start, "end": self.end, "host": self.host,
                 "status": self.status}
        return {key: value for key, value in found.items() if value is not None}


@dataclass
class Marker:
    """One point on the map: the things of one kind (and status) at one place."""

    kind: str
    status: str | None
    place: str
    place_label: str
    lat: float
    long: float
    items: list[Item] = field(default_factory=list)

    def as_feature(self) -> dict:
        return {"type": "Feature",
                "geometry": {"type": "Point", "coordinates": [self.long, self.lat]},
                "properties": {"kind": self.kind, "status": self.status,
                               "place": self.place, "placePage": page_path(self.place),
                               "placeLabel": self.place_label,
                               "items": [item.as_json() for item in self.items]}}


@dataclass(frozen=True)
class State:
    iri: str
    label: str
    iso3: str | None
    iso2: str | None


@dataclass
class Atlas:
    """Everything ``/map`` draws."""

    markers: list[Marker]
    states: list[State]

    def items(self, kind: str, status: str | None = None) -> list[Item]:
        """The things of one kind (and status), by label, for the page's text lists."""
        found = [item for m in self.markers if m.kind == kind
                 and (status is None or m.status == status) for item in m.items]
        return sorted(found, key=lambda i: (i.label.casefold(), i.iri))

    def as_geojson(self) -> dict:
        return {"type": "FeatureCollection",
                "features": [m.as_feature() for m in self.markers],
                "states": [{"iri": s.iri, "page": page_path(s.iri), "label": s.label,
                            "iso3": s.iso3, "iso2": s.iso2} for s in self.states]}


@dataclass(frozen=True)
class Whereabouts:
    """Where one thing is: points (its place, seat or venue) and countries to shade."""

    points: list[dict]
    countries: list[dict]

    def __bool__(self) -> bool:
        return bool(self.points or self.countries)

    def as_json(self) -> dict:
        return {"points": self.points, "countries": self.countries}


def page_path(iri: str) -> str | None:
    """The local page of an IRI under ``id/`` (``/page/kind/slug``), else None."""
    return "/page/" + iri[len(ID_BASE):] if iri.startswith(ID_BASE) else None


def _text(*terms: Identifier | None) -> str | None:
    return next((str(t) for t in terms if t is not None), None)


def _day(term: Identifier | None) -> str | None:
    """An ``xsd:date``/``gYearMonth``/``gYear`` as its lexical form (sorts as text)."""
    return str(term) if isinstance(term, Literal) else None


def status_of(end: str | None, today: date) -> str:
    """A field operation is current until its dissolution date has passed."""
    return "closed" if end is not None and end[:10] < today.isoformat() else "current"


def atlas(store: Store, lang: str = DEFAULT_LANG, *, today: date | None = None) -> Atlas:
    """Markers for every field operation, institution seat, summit and Council venue."""
    today = today or date.today()
    markers: dict[tuple[str, str | None, str], Marker] = {}
    seen: set[tuple[str, str]] = set()
    for kind, cls in KINDS:
        rows = store.select(PLACED_QUERY, {"kind": cls, "lang": Literal(lang)})
        for row in sorted(rows, key=lambda r: (str(r["thing"]), str(r.get("start") or ""))):
            thing, place = str(row["thing"]), str(row["place"])
            if (thing, place) in seen:  # several dates or labels: the first row wins
                continue
            seen.add((thing, place))
            end = _day(row.get("end"))
            status = status_of(end, today) if cls == OSCE.FieldOperation else None
            key = (kind, status, place)
            if key not in markers:
                markers[key] = Marker(kind, status, place,
                                      _text(row.get("pl"), row.get("pe")) or place,
                                      float(row["lat"]), float(row["long"]))
            markers[key].items.append(Item(
                thing, _text(row.get("tl"), row.get("te")) or thing, _day(row.get("start")),
                end, _text(row.get("hl"), row.get("he")), status))
    for marker in markers.values():
        marker.items.sort(key=lambda i: (i.start or "", i.label.casefold()))
    ordered = sorted(markers.values(), key=lambda m: (
        [k for k, _ in KINDS].index(m.kind), m.status or "", m.place_label.casefold()))
    states = [State(str(r["state"]), _text(r.get("sl"), r.get("se")) or str(r["state"]),
                    _text(r.get("iso3")), _text(r.get("iso2")))
              for r in store.select(STATES_QUERY, {"lang": Literal(lang)})]
    states.sort(key=lambda s: (s.label.casefold(), s.iri))
    return Atlas(ordered, _unique(states))


def _unique(states: Iterable[State]) -> list[State]:
    seen: set[str] = set()
    return [s for s in states if not (s.iri in seen or seen.add(s.iri))]


def whereabouts(store: Store, iri: URIRef, lang: str = DEFAULT_LANG) -> Whereabouts:
    """The points and countries of one thing's map (empty when it has no place).

    A point's role is ``place`` (the thing itself is a place) or ``seat`` (its location, seat
    or where it was written); a country's is ``self``, ``host`` (its host country), ``chair``
    (the chairing State of a Chairpersonship) or ``in``.
    """
    points: dict[str, dict] = {}
    for row in store.select(WHEREABOUTS_QUERY, {"thing": iri, "lang": Literal(lang)}):
        place = str(row["place"])
        if place not in points:
            points[place] = {"iri": place, "page": page_path(place),
                             "label": _text(row.get("pl"), row.get("pe")) or place,
                             "lat": float(row["lat"]), "long": float(row["long"]),
                             "role": "place" if row["place"] == iri else "seat"}
    countries: dict[str, dict] = {}
    for row in store.select(COUNTRIES_QUERY, {"thing": iri, "lang": Literal(lang)}):
        role = ("self" if row["country"] == iri else "host" if row.get("hosted") is not None
                else "chair" if row.get("chaired") is not None else "in")
        iso3, name = _text(row.get("iso3")), _text(row.get("name"))
        key = iso3 or f"name:{name}"
        if key not in countries or role != "in":
            country = str(row["country"])
            countries[key] = {"iri": country, "page": page_path(country), "iso3": iso3,
                              "name": name, "role": role,
                              "label": _text(row.get("cl"), row.get("ce")) or iso3 or name}
    return Whereabouts(sorted(points.values(), key=lambda p: (p["role"], p["label"])),
                       sorted(countries.values(), key=lambda c: (c["iso3"] or "", c["label"])))
