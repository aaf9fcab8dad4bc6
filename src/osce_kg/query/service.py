"""The query service behind ``/sparql``: the guard once, then the result cache or the evaluator.

One object per application holds the store's evaluator (``osce_kg.store.open_evaluator``) and
the result cache of the build being served. The web layer reads the protocol request and
negotiates the answer's format; everything between the query text and the answer's bytes
happens here, once per request:

1. :meth:`QueryService.check` — the guard (``osce_kg.query.guard.analyse``): form, updates,
   ``SERVICE``, size, nesting. Refusals raise ``osce_kg.errors`` exceptions. The verdicts on
   accepted texts are remembered per process (``guard.Guard``: facts about a query text, not
   answers).
2. :meth:`QueryService.answer` — the result cache (files shared by every server process,
   per build), else the evaluator, bounded by the time limit and the row cap; a request whose
   client has already gone is not evaluated at all.

The endpoint has two cache layers, no more: this result cache, shared by the server processes
and kept across restarts, and the per-process answer memo in front of Flask
(``osce_kg.web.memo``), which spares a repeated GET the whole request path. Why these two and
what each saves: docs/performance.md.
"""

from __future__ import annotations

import threading
from pathlib import Path

from osce_kg.errors import QueryTimeout
from osce_kg.query.cache import ResultCache, cache_key
from osce_kg.query.guard import Guard, QueryInfo
from osce_kg.settings import Settings
from osce_kg.store import open_evaluator
from osce_kg.store.base import QueryAnswer, QueryEvaluator, QueryRequest, Store

ETAG_CHARS = 40


class QueryService:
    """User queries against ``store`` (see the module docstring)."""

    def __init__(self, store: Store, settings: Settings, *, cache_root: Path | None) -> None:
        self.store = store
        self.settings = settings
        self.cache_root = cache_root if settings.cache else None
        self.evaluator: QueryEvaluator = open_evaluator(store, processes=max(1, settings.threads))
        self._lock = threading.Lock()
        self._cache: ResultCache | None = None
        self._guard = Guard(settings)

    def check(self, text: str) -> QueryInfo:
        """The guard's verdict on a query text: its facts, or the exception that refuses it."""
        return self._guard(text)

    def etag(self, request: QueryRequest) -> str:
        """The answer's entity tag: the same for the same query on the same build."""
        return cache_key(self.store.build_id, request)[:ETAG_CHARS]

    def answer(self, request: QueryRequest) -> QueryAnswer:
        """The cached answer, else the evaluator's (cached when complete)."""
        cache = self._current_cache()
        key = cache_key(self.store.build_id, request)
        found = cache.get(key) if cache is not None else None
        if found is not None:
            return found
        if request.client_gone is not None and request.client_gone():
            # a request queued behind others whose client left meanwhile: evaluating it would
            # only take an evaluator (embedded or remote) from the clients still waiting
            raise QueryTimeout("the client closed the connection before the query started; "
                               "it was not run", limit_s=self.settings.query_timeout_s)
        answer = self.evaluator.evaluate(request, timeout_s=self.settings.query_timeout_s,
                                         max_rows=self.settings.max_result_rows)
        if cache is not None:
            cache.put(key, answer)
        return answer

    def close(self) -> None:
        self.evaluator.close()

    def _current_cache(self) -> ResultCache | None:
        if self.cache_root is None:
            return None
        build_id = self.store.build_id
        with self._lock:
            if self._cache is None or self._cache.build_id != build_id:
                self._cache = ResultCache(self.cache_root, build_id)
            return self._cache
