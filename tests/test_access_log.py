"""The access log (``serving.AccessLogger``): the combined line with the duration, kept by the
worker and written to the stream in one piece, however the stream is buffered."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from gunicorn.config import Config

from osce_kg.serving import AccessLogger, gunicorn_options
from osce_kg.settings import Settings

# "<ip> - - [date] "GET /path HTTP/1.1" 200 1234 "-" "agent" 12ms"
LINE = re.compile(r'^127\.0\.0\.1 - - \[[^\]]+\] "GET (\S+) HTTP/1\.1" (\d{3}) (\d+|-) "-" '
                  r'"([^"]*)" (\d+)ms$')


class Answer:
    status = "200 OK"
    sent = 331


class CountingStream:
    """A stream that records each write it is given."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.writes: list[str] = []

    def write(self, text: str) -> int:
        self.writes.append(text)
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()

    def close(self) -> None:
        self.stream.close()


@pytest.fixture
def access_log(tmp_path: Path):
    """An AccessLogger writing to a file, its periodic writer asleep for the test's length."""
    cfg = Config()
    for name, value in gunicorn_options(Settings(access_log=str(tmp_path / "access.log"))).items():
        cfg.set(name, value)
    logger = AccessLogger(cfg)
    logger.FLUSH_S = 3600
    handler = logger.access_log.handlers[0]
    handler.stream = CountingStream(handler.stream)
    yield logger, tmp_path / "access.log", handler.stream
    logger.write_pending()
    for opened in logger.access_log.handlers:
        opened.close()


def request(logger: AccessLogger, path: str, agent: str, ms: int) -> None:
    environ = {"REMOTE_ADDR": "127.0.0.1", "REQUEST_METHOD": "GET", "RAW_URI": path,
               "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_USER_AGENT": agent}
    logger.access(Answer(), None, environ, datetime.timedelta(milliseconds=ms))


def logged(path: Path) -> list[tuple[str, ...]]:
    return [LINE.match(line).groups() for line in path.read_text(encoding="utf-8").splitlines()]


def test_the_lines_of_many_requests_are_written_at_once(access_log):
    logger, path, stream = access_log
    for number in range(50):
        request(logger, f"/sparql?query={number}", "wrk", number)
    logger.write_pending()
    assert logged(path) == [(f"/sparql?query={n}", "200", "331", "wrk", str(n)) for n in range(50)]
    assert len(stream.writes) == 1


def test_lines_kept_are_written_before_the_files_are_reopened(access_log):
    logger, path, _ = access_log
    request(logger, "/page/state/lithuania", "rotation-probe", 3)
    logger.reopen_files()
    assert logged(path) == [("/page/state/lithuania", "200", "331", "rotation-probe", "3")]
