"""Class pages as tables: columns chosen per class, sorted, filtered and paged by the store.

Each :class:`TableSpec` is fixed text written here; what a request chooses is only *which*
spec, column and named filter (looked up in these tables, never pasted) and the values of
``?lang`` and ``?text``, which reach the store as bound parameters. LIMIT and OFFSET are
formatted from Python ints. The same rows as CSV and JSON: :mod:`osce_kg.pages.downloads`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDFS, SKOS
from rdflib.term import Identifier

from osce_kg.lru import Lru
from osce_kg.namespaces import OSCE, SCHEMA
from osce_kg.pages import dates
from osce_kg.pages.entity import DEFAULT_LANG, EVENT_TYPES, RELEASE_TYPES, STRUCTURE_TYPES
from osce_kg.pages.wording import N_
from osce_kg.queries import MANY_QUERY
from osce_kg.store.base import Store

# A class with more instances than this, once paged beyond its first page, is sorted whole once
# per build and order (its IRIs kept in the caller's ``orders``, an LRU): at 100,000 releases a
# page asked of the store takes 1-2 s, the whole order ~5 s once, a slice of it nothing.
BIG_TABLE = 2_000
ORDERS_KEPT = 8


@dataclass(frozen=True)
class Column:
    key: str
    title: str                        # message id
    prop: URIRef | None = None        # the property giving it (None: the row's own name)
    kind: str = "text"                # text | link | date | status
    many: bool = False                # several values per row (read row by row)


@dataclass(frozen=True)
class TableSpec:
    columns: tuple[Column, ...]
    sort: str                         # the default sort column
    descending: bool = False
    filters: tuple[tuple[str, str], ...] = ()   # (name, message id) of the named filters


NAME = Column("name", N_("Name"))
FROM = Column("from", N_("From"), SCHEMA.startDate, "date")
TO = Column("to", N_("To"), SCHEMA.endDate, "date")

STATE_TABLE = TableSpec((NAME, Column("alpha2", N_("ISO code (2 letters)"), OSCE.iso3166Alpha2),
                         Column("alpha3", N_("ISO code (3 letters)"), OSCE.iso3166Alpha3),
                         Column("joined", N_("Joined"), OSCE.participatingSince, "date")), "name")
PARTNER_TABLE = TableSpec((NAME, Column("group", N_("Group"), OSCE.partnerGroup, "link"),
                           Column("since", N_("Partner since"), OSCE.partnerSince, "date")),
                          "name")
FIELD_OPERATION_TABLE = TableSpec(
    (NAME, Column("host", N_("Host"), OSCE.hostCountry, "link"),
     Column("seat", N_("Seat"), ORG.hasSite, "link"),
     Column("from", N_("From"), SCHEMA.foundingDate, "date"),
     Column("to", N_("To"), SCHEMA.dissolutionDate, "date"),
     Column("status", N_("Status"), SCHEMA.dissolutionDate, "status")),
    "from", filters=(("active", N_("active")), ("closed", N_("closed"))))
CHAIRPERSONSHIP_TABLE = TableSpec(
    (Column("year", N_("Year"), OSCE.year, "date"),
     Column("state", N_("State"), OSCE.chairingState, "link"),
     Column("chair", N_("Chairperson-in-Office"), OSCE.chairpersonInOffice, "link")),
    "year", descending=True)
TENURE_TABLE = TableSpec((Column("post", N_("Post"), OSCE.post, "link"),
                          Column("holder", N_("Holder"), OSCE.holder, "link"), FROM, TO),
                         "from")
RELEASE_TABLE = TableSpec(
    (Column("date", N_("Date"), SCHEMA.datePublished, "date"), Column("title", N_("Title")),
     Column("publisher", N_("Publisher"), DCTERMS.publisher, "link"),
     Column("place", N_("Place"), SCHEMA.locationCreated, "link"),
     Column("fields", N_("Fields of work"), OSCE.fieldOfWork, "link", many=True)),
    "date", descending=True)
EVENT_TABLE = TableSpec((NAME, FROM, TO, Column("place", N_("Place"), SCHEMA.location, "link")),
                        "from", descending=True)
STRUCTURE_TABLE = TableSpec((NAME, Column("acronym", N_("Acronym"), OSCE.acronym),
                             Column("parent", N_("Part of"), ORG.subOrganizationOf, "link"),
                             Column("seat", N_("Seat"), ORG.hasSite, "link")), "name")
PERSON_TABLE = TableSpec((NAME, Column("job", N_("Job title"), SCHEMA.jobTitle),
                          Column("nationality", N_("Nationality"), SCHEMA.nationality, "link")),
                         "name")
PLACE_TABLE = TableSpec((NAME, Column("country", N_("In"), SCHEMA.containedInPlace, "link")),
                        "name")
CONCEPT_TABLE = TableSpec((NAME, Column("scheme", N_("Scheme"), SKOS.inScheme, "link")), "name")
DEFAULT_TABLE = TableSpec((NAME,), "name")

TABLES: dict[URIRef, TableSpec] = {
    OSCE.ParticipatingState: STATE_TABLE, OSCE.FormerParticipatingState: STATE_TABLE,
    OSCE.PartnerForCooperation: PARTNER_TABLE, OSCE.FieldOperation: FIELD_OPERATION_TABLE,
    OSCE.Chairpersonship: CHAIRPERSONSHIP_TABLE, OSCE.Tenure: TENURE_TABLE,
    **{cls: RELEASE_TABLE for cls in RELEASE_TYPES}, **{cls: EVENT_TABLE for cls in EVENT_TYPES},
    **{cls: STRUCTURE_TABLE for cls in STRUCTURE_TYPES}, SCHEMA.Person: PERSON_TABLE,
    SCHEMA.City: PLACE_TABLE, SCHEMA.Place: PLACE_TABLE, SKOS.Concept: CONCEPT_TABLE,
}


def table_for(cls: URIRef) -> TableSpec:
    return TABLES.get(cls, DEFAULT_TABLE)


# --- the query, written from a spec (fixed text; only ?class ?lang ?text are bound)

def _label_pattern(var: str) -> str:
    return (f"OPTIONAL {{ ?{var} rdfs:label ?{var}_l FILTER(langMatches(lang(?{var}_l), $lang)) }}\n"
            f"    OPTIONAL {{ ?{var} rdfs:label ?{var}_en FILTER(langMatches(lang(?{var}_en), \"en\")) }}")


def _status_prop(spec: TableSpec) -> URIRef | None:
    return next((c.prop for c in spec.columns if c.kind == "status"), None)


def _single(spec: TableSpec) -> list[Column]:
    """The columns read in the one query (one value each), not the name or the status."""
    return [c for c in spec.columns if c.prop is not None and not c.many and c.kind != "status"]


def _where(spec: TableSpec, filter_name: str | None, with_text: bool) -> str:
    """The pattern of one instance of ``?class`` with its columns' values (bound: ?lang, ?text)."""
    where = ["?s a ?class .", _label_pattern("s"), "OPTIONAL { ?s rdfs:label ?s_any }"]
    for column in _single(spec):
        var = column.key
        where.append(f"OPTIONAL {{ ?s <{column.prop}> ?{var} .")
        if column.kind == "link":
            where.append("    " + _label_pattern(var))
        where.append("}")
    status = _status_prop(spec)
    if status is not None:
        where.append(f"OPTIONAL {{ ?s <{status}> ?ended }}")
        if filter_name == "active":
            where.append("FILTER(!BOUND(?ended))")
        elif filter_name == "closed":
            where.append("FILTER(BOUND(?ended))")
    if with_text:
        searched = ['COALESCE(STR(?s_any), "")'] + [
            f'COALESCE(STR(?{c.key}_l), STR(?{c.key}_en), STR(?{c.key}), "")' if c.kind == "link"
            else f'COALESCE(STR(?{c.key}), "")' for c in _single(spec)]
        joined = ', " ", '.join(searched)
        where.append(f"FILTER(CONTAINS(LCASE(CONCAT({joined})), LCASE(?text)))")
    return "  " + "\n  ".join(where)


def _aggregates(spec: TableSpec) -> list[str]:
    select = ["(SAMPLE(COALESCE(?s_l, ?s_en, ?s_any)) AS ?name)"]
    for column in _single(spec):
        var = column.key
        if column.kind == "link":
            select.append(f"(SAMPLE(COALESCE(?{var}_l, ?{var}_en)) AS ?{var}_label)")
        select.append(f"(SAMPLE(?{var}) AS ?{var}_v)")
    if _status_prop(spec) is not None:
        select.append("(SAMPLE(?ended) AS ?ended_v)")
    return select


_PROLOGUE = f"PREFIX rdfs: <{RDFS}>\n"


def _bound(with_text: bool) -> str:
    return "?class ?lang ?text" if with_text else "?class ?lang"


def _order(spec: TableSpec, sort: str, descending: bool) -> str:
    column = next(c for c in spec.columns if c.key == sort)
    if column.key in ("name", "title"):
        expr = "LCASE(STR(?name))"
    elif column.kind == "link":
        expr = f'LCASE(STR(COALESCE(?{column.key}_label, "")))'
    elif column.kind == "status":
        expr = "BOUND(?ended_v)"
    else:
        expr = f'STR(COALESCE(?{column.key}_v, ""))'
    return f"ORDER BY {'DESC' if descending else 'ASC'}({expr}) ?s"


def page_query(spec: TableSpec, sort: str, descending: bool, filter_name: str | None,
               with_text: bool, limit: int, offset: int) -> str:
    bound = _bound(with_text)
    # sorted outside the grouping: Virtuoso refuses an aggregate's name inside ORDER BY's
    # expressions of the same query
    return (_PROLOGUE + "SELECT * WHERE {\n  { "
            + f"SELECT {bound} ?s {' '.join(_aggregates(spec))} WHERE {{ #@bindings\n"
            + _where(spec, filter_name, with_text) + f"\n}} GROUP BY {bound} ?s }}\n}}\n"
            + _order(spec, sort, descending) + f"\nLIMIT {int(limit)} OFFSET {int(offset)}")


def count_query(spec: TableSpec, filter_name: str | None, with_text: bool) -> str:
    bound = _bound(with_text)
    return (_PROLOGUE + f"SELECT {bound} (COUNT(DISTINCT ?s) AS ?n) WHERE {{ #@bindings\n \n"
            + _where(spec, filter_name, with_text) + f"\n}} GROUP BY {bound}")


# Without a text filter, a page is found in two steps, so that labels are joined for one page
# only (a class may have a hundred thousand releases): the sorted page of instances with only
# the sort key, then each row's columns with ?s bound.

def _key_pattern(spec: TableSpec, sort: str) -> str:
    column = next(c for c in spec.columns if c.key == sort)
    if column.key in ("name", "title"):
        return ("OPTIONAL { ?s rdfs:label ?k_l FILTER(langMatches(lang(?k_l), $lang)) }\n"
                '  OPTIONAL { ?s rdfs:label ?k_en FILTER(langMatches(lang(?k_en), "en")) }\n'
                '  BIND(LCASE(STR(COALESCE(?k_l, ?k_en, ""))) AS ?k)')
    if column.kind == "status":
        return f"OPTIONAL {{ ?s <{column.prop}> ?k_v }}\n  BIND(BOUND(?k_v) AS ?k)"
    if column.kind == "link":
        return (f"OPTIONAL {{ ?s <{column.prop}> ?k_o .\n"
                "    OPTIONAL { ?k_o rdfs:label ?k_l FILTER(langMatches(lang(?k_l), $lang)) }\n"
                '    OPTIONAL { ?k_o rdfs:label ?k_en FILTER(langMatches(lang(?k_en), "en")) } }\n'
                '  BIND(LCASE(STR(COALESCE(?k_l, ?k_en, ""))) AS ?k)')
    return f'OPTIONAL {{ ?s <{column.prop}> ?k_v }}\n  BIND(STR(COALESCE(?k_v, "")) AS ?k)'


def _status_pattern(spec: TableSpec, filter_name: str | None) -> str:
    status = _status_prop(spec)
    if status is None or filter_name not in ("active", "closed"):
        return ""
    negation = "NOT " if filter_name == "active" else ""
    return f"FILTER({negation}EXISTS {{ ?s <{status}> ?ended }})"


def sorted_page_query(spec: TableSpec, sort: str, descending: bool, filter_name: str | None,
                      limit: int, offset: int) -> str:
    """The IRIs of one sorted page of instances (bound: ?class ?lang)."""
    return (_PROLOGUE + "SELECT ?class ?lang ?s (MIN(?k) AS ?key) WHERE { #@bindings\n \n  ?s a ?class .\n  "
            + _key_pattern(spec, sort) + "\n  " + _status_pattern(spec, filter_name)
            + f"\n}} GROUP BY ?class ?lang ?s\nORDER BY {'DESC' if descending else 'ASC'}(?key) ?s"
            + f"\nLIMIT {int(limit)} OFFSET {int(offset)}")


def plain_count_query(spec: TableSpec, filter_name: str | None) -> str:
    return (_PROLOGUE + "SELECT ?class (COUNT(?s) AS ?n) WHERE { #@bindings\n \n  ?s a ?class .\n  "
            + _status_pattern(spec, filter_name) + "\n} GROUP BY ?class")


def row_query(spec: TableSpec) -> str:
    """One row's columns (bound: ?s ?class ?lang)."""
    return (_PROLOGUE + f"SELECT ?class ?lang ?s {' '.join(_aggregates(spec))} WHERE {{ #@bindings\n \n"
            + _where(spec, None, False) + "\n} GROUP BY ?class ?lang ?s")


# --- the answer

@dataclass(frozen=True)
class Cell:
    text: str
    iri: URIRef | None = None
    raw: str | None = None            # a date's lexical form, a status key
    lang: str | None = None           # the label's language when not the page's


@dataclass
class Row:
    iri: URIRef
    cells: dict[str, list[Cell]]


@dataclass
class Table:
    cls: URIRef
    spec: TableSpec
    total: int
    offset: int
    limit: int
    sort: str
    descending: bool
    filter_name: str | None
    text: str
    rows: list[Row] = field(default_factory=list)


def _tag(term: Identifier | None) -> str | None:
    return term.language if isinstance(term, Literal) else None


def _cell(column: Column, row: dict[str, Identifier], locale: str, lang: str) -> list[Cell]:
    if column.key in ("name", "title"):
        name = row.get("name")
        tag = _tag(name)
        return [Cell(str(name) if name is not None else str(row["s"]), row["s"],
                     lang=tag if tag and tag.split("-")[0] != lang else None)]
    if column.kind == "status":
        ended = row.get("ended_v") is not None
        return [Cell(N_("closed") if ended else N_("active"), raw="closed" if ended else "active")]
    value = row.get(f"{column.key}_v")
    if value is None:
        return []
    if column.kind == "link":
        label = row.get(f"{column.key}_label")
        tag = _tag(label)
        return [Cell(str(label) if label is not None else str(value),
                     value if isinstance(value, URIRef) else None,
                     lang=tag if tag and tag.split("-")[0] != lang else None)]
    if column.kind == "date" and isinstance(value, Literal):
        return [Cell(dates.format_literal(value, locale) or str(value), raw=str(value))]
    return [Cell(str(value))]


def _many(store: Store, spec: TableSpec, row: Row, lang: str) -> None:
    wanted = {c.prop: c.key for c in spec.columns if c.many}
    if not wanted:
        return
    for found in store.select(MANY_QUERY, {"s": row.iri, "lang": Literal(lang)}):
        key = wanted.get(found["p"])
        if key is None:
            continue
        label = found.get("l") or found.get("en")
        obj = found["o"]
        row.cells[key].append(Cell(str(label) if label is not None else str(obj),
                                   obj if isinstance(obj, URIRef) else None))


def read_table(store: Store, cls: URIRef, lang: str = DEFAULT_LANG, *, sort: str | None = None,
               descending: bool | None = None, filter_name: str | None = None, text: str = "",
               limit: int = 50, offset: int = 0, locale: str | None = None,
               orders: Lru | None = None) -> Table:
    """One page of the instances of ``cls`` as the rows of its table. Unknown sort columns
    and filter names fall back to the defaults (they are chosen from the spec, not pasted).
    With ``orders``, the sorted IRIs of a big class are read from and kept in it."""
    spec = table_for(cls)
    keys = {c.key for c in spec.columns}
    if sort not in keys:
        sort, descending = spec.sort, spec.descending if descending is None else descending
    descending = bool(descending)
    if filter_name not in {name for name, _title in spec.filters}:
        filter_name = None
    text = text.strip()
    bindings: dict[str, Identifier] = {"class": cls, "lang": Literal(lang)}
    if text:
        bindings["text"] = Literal(text)
    counting = count_query(spec, filter_name, True) if text else plain_count_query(spec,
                                                                                  filter_name)
    counted = store.select(counting, {"class": cls} if not text else bindings)
    total = int(counted[0]["n"]) if counted else 0
    table = Table(cls, spec, total, offset, limit, sort, descending, filter_name, text)
    if not total or limit <= 0:
        return table
    if text:  # the filter needs every column's text: one query over the whole class
        found_rows = store.select(page_query(spec, sort, descending, filter_name, True, limit,
                                             offset), bindings)
    else:
        key = (cls, sort, descending, filter_name, lang)
        ordered = orders.get(key) if orders is not None and total > BIG_TABLE else None
        if ordered is None and offset and orders is not None and total > BIG_TABLE:
            # paging on: the whole order once (the first page alone is quicker to ask for)
            ordered = tuple(row["s"] for row in store.select(sorted_page_query(
                spec, sort, descending, filter_name, total, 0), bindings))
            orders.put(key, ordered)
        if ordered is not None:
            iris = list(ordered[offset:offset + limit])
        else:
            iris = [row["s"] for row in store.select(sorted_page_query(
                spec, sort, descending, filter_name, limit, offset), bindings)]
        query = row_query(spec)
        found_rows = [found for iri in iris
                      for found in store.select(query, {**bindings, "s": iri})[:1]]
    for found in found_rows:
        row = Row(found["s"], {c.key: _cell(c, found, locale or lang, lang) for c in spec.columns})
        _many(store, spec, row, lang)
        table.rows.append(row)
    return table

