"""The rules a polite crawler keeps: robots.txt (protego), the spacing of requests, Retry-After."""

from __future__ import annotations

import email.utils
import threading
import time
from dataclasses import dataclass

from protego import Protego


@dataclass
class Robots:
    """A site's robots.txt as it applies to our User-Agent (no file: everything allowed)."""

    rules: Protego | None
    agent: str
    note: str = ""

    @classmethod
    def parse(cls, text: str, agent: str) -> Robots:
        return cls(Protego.parse(text), agent)

    @classmethod
    def allow_all(cls, agent: str, note: str) -> Robots:
        return cls(None, agent, note)

    def allowed(self, url: str) -> bool:
        return self.rules is None or self.rules.can_fetch(url, self.agent)

    @property
    def crawl_delay(self) -> float:
        delay = self.rules.crawl_delay(self.agent) if self.rules is not None else None
        return float(delay) if delay else 0.0


class Throttle:
    """At most one request per ``delay`` seconds: :meth:`wait` sleeps until the next is due."""

    def __init__(self, delay: float, clock=time.monotonic, sleep=time.sleep) -> None:
        self.delay = max(0.0, delay)
        self._clock, self._sleep = clock, sleep
        self._last: float | None = None
        self._lock = threading.Lock()

    def wait(self) -> None:
        with self._lock:
            if self._last is not None:
                due = self._last + self.delay - self._clock()
                if due > 0:
                    self._sleep(due)
            self._last = self._clock()


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (delta-seconds or an HTTP date), else None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))
