"""A listing page → the items it links to, in page order, with their publishing dates."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin

import soupsieve
from bs4 import BeautifulSoup

from osce_kg.errors import SourceError
from osce_kg.harvest.profile import SiteProfile
from osce_kg.ingest.dates import parse_date, to_date

PUBLISHING_RE = re.compile(r"Publishing date:\s*(?P<date>[^\n]{4,40})", re.IGNORECASE)


@dataclass(frozen=True)
class ListedItem:
    url: str
    date: dt.date | None = None


@dataclass(frozen=True)
class Listing:
    items: tuple[ListedItem, ...]
    has_next: bool


def check_selectors(profile: SiteProfile) -> None:
    """Refuse a profile whose CSS selectors do not compile, naming the key."""
    for key in ("item", "item_links", "item_date", "next_page"):
        selector = getattr(profile, key)
        if selector:
            try:
                soupsieve.compile(selector)
            except soupsieve.SelectorSyntaxError as exc:
                raise SourceError(f"profile: {key}: bad CSS selector {selector!r}: {exc}") from exc


def read_listing(body: bytes, url: str, profile: SiteProfile) -> Listing:
    soup = BeautifulSoup(body, "lxml")
    found: list[ListedItem] = []
    rows = soup.select(profile.item) if profile.item else []
    if rows:
        for row in rows:
            link = row.select_one(profile.item_links)
            if link is not None and link.get("href"):
                found.append(ListedItem(_absolute(url, link["href"]), _row_date(row, profile)))
    else:
        found = [ListedItem(_absolute(url, a["href"]))
                 for a in soup.select(profile.item_links) if a.get("href")]
    seen: set[str] = set()
    items = tuple(i for i in found if not (i.url in seen or seen.add(i.url)))
    has_next = bool(soup.select_one(profile.next_page)) if profile.next_page else bool(items)
    return Listing(items, has_next)


def _absolute(base: str, href: str) -> str:
    return urldefrag(urljoin(base, href.strip())).url


def _row_date(row, profile: SiteProfile) -> dt.date | None:
    text = ""
    if profile.item_date:
        cell = row.select_one(profile.item_date)
        text = cell.get_text(" ", strip=True) if cell is not None else ""
    if not text:
        match = PUBLISHING_RE.search(row.get_text("\n", strip=True))
        text = match.group("date") if match else ""
    return to_date(parse_date(text)) if text else None
