"""Recent SPARQL answers of one server process, replayed before the application runs.

With the result cache on, a repeated ``GET /sparql?query=…`` still costs the request's parse,
the query guard, negotiation and a read of the cache file. This WSGI layer keeps the last
answers this process sent — status, headers and body exactly as the application made them —
keyed by build, query string and ``Accept``, and sends them again without entering Flask. It
holds only what the application marked reusable: 200 answers with an ``ETag`` (the result
cache's key), never a truncated one. A new build has a new build id, so nothing stale is
replayed. Conditional requests, HEAD, POST and every other path go to the application.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from osce_kg.lru import Lru
from osce_kg.web.sparql import TRUNCATED_HEADER
from osce_kg.web.state import AppState

MAX_TOTAL_BYTES = 64 * 1024**2
MAX_ENTRY_BYTES = 1024**2
PATH = "/sparql"

Headers = list[tuple[str, str]]
Entry = tuple[str, Headers, bytes]


class AnswerMemo:
    """WSGI middleware: see the module documentation."""

    def __init__(self, app: Callable, app_state: AppState, *,
                 max_total_bytes: int = MAX_TOTAL_BYTES,
                 max_entry_bytes: int = MAX_ENTRY_BYTES) -> None:
        self.app = app
        self.app_state = app_state
        self.max_entry_bytes = max_entry_bytes
        self._entries: Lru[Entry] = Lru(max_weight=max_total_bytes, weigh=lambda e: len(e[2]))

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if (environ.get("REQUEST_METHOD") != "GET" or environ.get("PATH_INFO") != PATH
                or "HTTP_IF_NONE_MATCH" in environ or not environ.get("QUERY_STRING")):
            return self.app(environ, start_response)
        key = (self.app_state.build_id, environ["QUERY_STRING"], environ.get("HTTP_ACCEPT", ""))
        entry = self._entries.get(key)
        if entry is not None:
            status, headers, body = entry
            start_response(status, list(headers))
            return [body]
        return self._remember(key, environ, start_response)

    def __len__(self) -> int:
        return len(self._entries)

    def _remember(self, key: tuple[str, str, str], environ: dict,
                  start_response: Callable) -> Iterable[bytes]:
        seen: list = []

        def capture(status: str, headers: Headers, exc_info=None):
            seen[:] = [status, headers]
            return start_response(status, headers, exc_info)

        chunks = self.app(environ, capture)
        if not seen or not _reusable(*seen):
            return chunks
        try:
            body = b"".join(chunks)
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()
        if len(body) <= self.max_entry_bytes:
            self._entries.put(key, (seen[0], list(seen[1]), body))
        return [body]


def _reusable(status: str, headers: Headers) -> bool:
    names = {name.lower() for name, _ in headers}
    return status.startswith("200 ") and "etag" in names \
        and TRUNCATED_HEADER.lower() not in names
