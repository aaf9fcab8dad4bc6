"""A class table as a download: CSV and JSON, the same rows as the page, dates as ISO 8601
and links with their IRIs (``<key>_iri`` beside a linked column)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from osce_kg.pages.tables import Cell, Table

MAX_EXPORT_ROWS = 10_000  # the rows of one download at most


def _export_value(cells: list[Cell], translate: Callable[[str], str]) -> str:
    return " | ".join(translate(c.text) if c.raw in ("active", "closed") else (c.raw or c.text)
                      for c in cells)


def table_csv(table: Table, *, translate: Callable[[str], str] = str) -> str:
    """The table as CSV: a column per column, and ``<key>_iri`` beside linked ones."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = ["iri"]
    for column in table.spec.columns:
        header.append(column.key)
        if column.kind == "link":
            header.append(f"{column.key}_iri")
    writer.writerow(header)
    for row in table.rows:
        line = [str(row.iri)]
        for column in table.spec.columns:
            cells = row.cells[column.key]
            line.append(_export_value(cells, translate))
            if column.kind == "link":
                line.append(" | ".join(str(c.iri) for c in cells if c.iri))
        writer.writerow(line)
    return out.getvalue()


def table_json(table: Table, title: str, *, translate: Callable[[str], str] = str
               ) -> dict[str, object]:
    """The table as JSON: columns with their titles, rows as objects (lists for many values)."""
    rows = []
    for row in table.rows:
        item: dict[str, object] = {"iri": str(row.iri)}
        for column in table.spec.columns:
            cells = row.cells[column.key]
            values = [_export_value([c], translate) for c in cells]
            item[column.key] = values if column.many else (values[0] if values else None)
            if column.kind == "link":
                iris = [str(c.iri) for c in cells if c.iri]
                item[f"{column.key}_iri"] = iris if column.many else (iris[0] if iris else None)
        rows.append(item)
    return {"class": str(table.cls), "title": title, "total": table.total,
            "sort": table.sort, "order": "desc" if table.descending else "asc",
            "filter": table.filter_name, "q": table.text or None,
            "columns": [{"key": c.key, "title": translate(c.title)} for c in table.spec.columns],
            "rows": rows}
