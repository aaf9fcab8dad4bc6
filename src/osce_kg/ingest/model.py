"""The intermediate structure every page becomes, whatever its format (text or HTML).

A :class:`Page` holds the site's navigation menus and one :class:`Entry` per release: a release
page has one, a newsroom listing one per item. Everything after parsing works on this structure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

RELEASE_PAGE = "release"
LISTING_PAGE = "listing"


@dataclass(frozen=True)
class Entry:
    """One release as the page states it (strings as written, nothing resolved yet)."""

    title: str
    content_type: str | None = None
    date: str | None = None  # the Date field, or a listing item's "Publishing date"
    places: tuple[str, ...] = ()  # the Place field
    sources: tuple[str, ...] = ()  # Source / Where we are
    fields: tuple[str, ...] = ()  # Fields of work / What we do
    paragraphs: tuple[str, ...] = ()  # the body (a listing item: its lead paragraph)
    from_listing: bool = False
    locations: tuple[str, ...] = ()  # a listing item's "Location(s):" (the countries concerned)
    problem: str | None = None  # why this item cannot be ingested (cut off, no title …)


@dataclass(frozen=True)
class Menu:
    """One navigation menu: its heading and its entries, in page order."""

    heading: str
    entries: tuple[str, ...]


@dataclass(frozen=True)
class Page:
    kind: str  # RELEASE_PAGE | LISTING_PAGE
    entries: tuple[Entry, ...]
    menus: tuple[Menu, ...] = ()
    url: str | None = None
    problems: tuple[str, ...] = field(default=())

    def menu(self, heading: str) -> tuple[str, ...]:
        """Entries of every menu with this heading (case-insensitive), concatenated."""
        wanted = heading.casefold()
        out: list[str] = []
        for menu in self.menus:
            if menu.heading.casefold() == wanted:
                out.extend(menu.entries)
        return tuple(out)
