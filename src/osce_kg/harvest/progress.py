"""The progress line of a harvest on a terminal (standard error), quiet when not a terminal."""

from __future__ import annotations

import time
from typing import TextIO

from osce_kg.harvest.crawler import CHANGED, FAILED, NEW, RESUMED, SKIPPED, UNCHANGED, Tally


class Progress:
    """Redraws one line at most every ``interval`` seconds when ``stream`` is a terminal."""

    def __init__(self, stream: TextIO, *, tty: bool | None = None, interval: float = 0.25,
                 clock=time.monotonic) -> None:
        self.stream = stream
        self.tty = stream.isatty() if tty is None else tty
        self.interval = interval
        self._clock = clock
        self._start = clock()
        self._shown = 0.0
        self.pace = lambda: 1.0  # seconds per request (the crawl's spacing, once known)
        self.requests = lambda: 0

    def update(self, tally: Tally) -> None:
        now = self._clock()
        if not self.tty or now - self._shown < self.interval:
            return
        self._shown = now
        self.stream.write("\r\x1b[K" + self.line(tally, now - self._start))
        self.stream.flush()

    def line(self, tally: Tally, elapsed: float) -> str:
        c = tally.counts
        eta = tally.queued * self.pace()
        return (f"harvest: {tally.pages} pages, {tally.items} items: {c[NEW]} new, "
                f"{c[CHANGED]} changed, {c[UNCHANGED]} unchanged, {c[RESUMED]} resumed, "
                f"{c[SKIPPED]} skipped, {c[FAILED]} failed; {self.requests()} requests, "
                f"{_clock_text(elapsed)} elapsed, ETA this page {_clock_text(eta)}")

    def note(self, text: str) -> None:
        """A line that stays (a phase starting), on a terminal only."""
        if self.tty:
            self.stream.write("\r\x1b[K" + text + "\n")
            self.stream.flush()

    def finish(self, summary: str) -> None:
        """The summary line, always."""
        self.stream.write(("\r\x1b[K" if self.tty else "") + summary + "\n")
        self.stream.flush()


def _clock_text(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
