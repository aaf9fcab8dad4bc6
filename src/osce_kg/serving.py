"""Serve the app with gunicorn (several gthread workers), not Flask's development server.

The app (and its store) is created once in the master before the workers fork
(``preload_app``), so the store is shared copy-on-write. On ``SIGHUP`` the master opens the
store again (a new build) and replaces the workers one generation at a time; if the new build
cannot be opened, the old app keeps serving.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
import time
from collections.abc import Callable
from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from osce_kg.errors import OsceKgError
from osce_kg.settings import Settings

log = logging.getLogger(__name__)

AppFactory = Callable[[], Any]
# the combined log format, then the time taken in milliseconds
ACCESS_LOG_FORMAT = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'


class AccessLogger(Logger):
    """gunicorn's logger, with an access log that costs a few microseconds a request.

    gunicorn formats each access line from a dictionary of every header and writes it through
    ``logging``, flushing each line: about as much as a replayed answer itself (see
    docs/performance.md). Here each worker keeps the lines (the combined format, then the
    duration) in memory and a thread of its own writes and flushes them to the handler's
    stream every :data:`FLUSH_S` seconds, at exit and before the files are reopened: one write
    a second, not one a request, however the stream is buffered (``PYTHONUNBUFFERED`` makes
    standard output write every line at once). Log rotation (``USR1``) is gunicorn's.
    """

    FLUSH_S = 1.0
    _flusher_pid = 0

    def __init__(self, cfg) -> None:
        super().__init__(cfg)
        self._pending: list[str] = []
        self._pending_lock = threading.Lock()

    def access(self, resp, req, environ, request_time) -> None:
        if not self.access_log_enabled or not self.access_log.handlers:
            return
        status = str(resp.status).split(None, 1)[0]
        sent = getattr(resp, "sent", None)
        line = (f'{environ.get("REMOTE_ADDR", "-")} - - {_log_time()} '
                f'"{environ.get("REQUEST_METHOD", "-")} {environ.get("RAW_URI", "-")} '
                f'{environ.get("SERVER_PROTOCOL", "-")}" {status} {sent if sent else "-"} '
                f'"{_quoted(environ.get("HTTP_REFERER", "-"))}" '
                f'"{_quoted(environ.get("HTTP_USER_AGENT", "-"))}" '
                f"{request_time.total_seconds() * 1000:.0f}ms\n")
        if self._flusher_pid != os.getpid():
            self._start_flusher()
        with self._pending_lock:
            self._pending.append(line)

    def write_pending(self) -> None:
        """Write the lines kept so far to the access log's stream, and flush it."""
        with self._pending_lock:
            lines, self._pending = self._pending, []
        if not lines or not self.access_log.handlers:
            return
        handler = self.access_log.handlers[0]
        with handler.lock:
            if handler.stream is not None:
                handler.stream.write("".join(lines))
                handler.stream.flush()

    def reopen_files(self) -> None:
        self.write_pending()
        super().reopen_files()

    def _start_flusher(self) -> None:
        with self._pending_lock:
            if self._flusher_pid == os.getpid():
                return  # another request thread started it
            self._flusher_pid = os.getpid()

        def write_now_and_then() -> None:
            while True:
                time.sleep(self.FLUSH_S)
                self.write_pending()

        atexit.register(self.write_pending)
        threading.Thread(target=write_now_and_then, name="access-log", daemon=True).start()


_TIME: list = [0, ""]


def _log_time() -> str:
    """``[04/Dec/2026:08:05:01 +0000]``, formatted once a second."""
    now = int(time.time())
    if _TIME[0] != now:
        _TIME[:] = [now, time.strftime("[%d/%b/%Y:%H:%M:%S %z]", time.localtime(now))]
    return _TIME[1]


def _quoted(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


class _GunicornApp(BaseApplication):
    def __init__(self, factory: AppFactory, options: dict[str, Any]) -> None:
        self._factory = factory
        self._options = options
        self._current: Any = None
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        try:
            self._current = self._factory()
        except OsceKgError as exc:
            if self._current is None:
                raise
            log.error("cannot load the new build, still serving the old one: %s", exc)
        return self._current

    def reload(self) -> None:
        super().reload()
        self.callable = None  # SIGHUP: load the app (a new build) again before new workers fork


def gunicorn_options(settings: Settings, *, on_ready: Callable[[str], None] | None = None
                     ) -> dict[str, Any]:
    url = f"http://{settings.host}:{settings.port}/"
    options: dict[str, Any] = {
        "bind": f"{settings.host}:{settings.port}",
        "workers": max(1, settings.workers),
        "worker_class": "gthread",
        "threads": max(1, settings.threads),
        "preload_app": True,
        "timeout": int(settings.query_timeout_s) + 30,
        "graceful_timeout": int(settings.query_timeout_s) + 5,
        "keepalive": 5,
        "proc_name": "osce-kg",
        "accesslog": settings.access_log or None,  # "" switches it off
        "access_log_format": ACCESS_LOG_FORMAT,  # what AccessLogger writes, for the record
        "logger_class": AccessLogger,
        "errorlog": "-",
        # the request line is not limited here (gunicorn's own cap is 8,190 bytes and answers
        # with a bare "Request Line is too large"); the application refuses a longer URL
        # than it accepts with a 414 in its own negotiated error shape (web/exchange.py)
        "limit_request_line": 0,
        "loglevel": "warning",
    }
    if on_ready is not None:
        options["when_ready"] = lambda server: on_ready(url)
    return options


def serve(settings: Settings, *, factory: AppFactory | None = None,
          on_ready: Callable[[str], None] | None = None) -> None:
    """Run the server until it is stopped (SIGTERM/SIGINT); ``on_ready(url)`` once listening."""
    if factory is None:
        from osce_kg.web import create_app

        def factory() -> Any:
            return create_app(settings)

    _GunicornApp(factory, gunicorn_options(settings, on_ready=on_ready)).run()
