"""A site profile: where a site's listings are and how to find the items on them.

The built-in profile describes www.osce.org's newsroom (``../shared/reference/osce-site.md``);
a TOML file with the same keys describes another site or changed markup. Unknown keys and
wrong types are refused with the key named, so a typo never silently changes a crawl.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from osce_kg.errors import InputError, SourceError

OSCE_SITE = "https://www.osce.org"


@dataclass(frozen=True)
class SiteProfile:
    # the site's root URL; every request stays on its host
    site: str = OSCE_SITE
    # listing pages, newest first; {page} is the page number
    listing: str = "/press-releases?page={page}"
    first_page: int = 0
    # CSS selector of one item (a row) on a listing page; its date is read inside it
    item: str = ".search-result-news, .views-row"
    # CSS selector of the links to item pages (inside each row, or on the whole page)
    item_links: str = "dt.search-title h3 a, h3 a"
    # CSS selector of an item's publishing date inside its row ("" = find "Publishing date:")
    item_date: str = ".publishing-date"
    # CSS selector of the pager's "next" link; when set, a listing page without it is the last
    next_page: str = ""
    # the walk never goes further than this many listing pages
    max_pages: int = 5000
    # an incremental walk ends after this many items in a row already held and unchanged
    stop_after: int = 10
    # a response body is cut at this many bytes (reported; the item is not ingested)
    max_response_bytes: int = 5_000_000
    # tries of one request (429, 503, 5xx, network errors) before giving up with the reason
    tries: int = 4
    # first backoff after an error, seconds (doubled at each try) when no Retry-After is given
    backoff: float = 2.0
    # a Retry-After longer than this many seconds is not waited for: the item fails
    max_retry_after: float = 600.0
    # seconds to wait for a response
    timeout: float = 30.0
    # media types fetched; anything else is skipped unread
    content_types: tuple[str, ...] = ("text/html", "application/xhtml+xml", "text/plain")

    @property
    def host(self) -> str:
        return urlsplit(self.site).netloc.lower()

    def listing_url(self, page: int) -> str:
        return self.site.rstrip("/") + "/" + self.listing.format(page=page).lstrip("/")

    def with_site(self, site: str | None) -> SiteProfile:
        return self if not site else dataclasses.replace(self, site=check_site(site))


def check_site(site: str) -> str:
    parts = urlsplit(site)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"site {site!r}: not an http(s) URL with a host")
    return f"{parts.scheme}://{parts.netloc}"


def load_profile(path: Path | None) -> SiteProfile:
    """The built-in profile, or the one in the TOML file ``path`` (its keys over the defaults)."""
    if path is None:
        return SiteProfile()
    try:
        values = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SourceError(f"profile {path}: cannot read: {exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourceError(f"profile {path}: not TOML: {exc}") from exc
    return profile_from(values, str(path))


def profile_from(values: dict, source: str = "profile") -> SiteProfile:
    fields = {f.name: f for f in dataclasses.fields(SiteProfile)}
    unknown = sorted(set(values) - set(fields))
    if unknown:
        raise SourceError(f"{source}: unknown key(s) {', '.join(unknown)} "
                         f"(known: {', '.join(fields)})")
    defaults = SiteProfile()
    checked = {}
    for name, value in values.items():
        default = getattr(defaults, name)
        if isinstance(default, tuple):
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                raise SourceError(f"{source}: {name} must be a list of strings")
            value = tuple(value)
        elif isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        elif type(value) is not type(default):
            raise SourceError(f"{source}: {name} must be a {type(default).__name__}, "
                             f"not {value!r}")
        checked[name] = value
    profile = dataclasses.replace(defaults, **checked)
    if "{page}" not in profile.listing:
        raise SourceError(f"{source}: listing must hold {{page}}: {profile.listing!r}")
    if min(profile.stop_after, profile.max_pages, profile.max_response_bytes, profile.tries) < 1:
        raise SourceError(f"{source}: stop_after, max_pages, max_response_bytes and tries "
                         "must be at least 1")
    check_site(profile.site)
    return profile
