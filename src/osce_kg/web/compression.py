"""gzip and brotli for every textual answer over ~1 kB: a WSGI layer outside everything else.

It sits outside the answer memo (``web/memo.py``), so the memo keeps one identity copy per
answer and the encoding never needs to be part of its key. What it does to a response:

- compresses when the client's ``Accept-Encoding`` allows it (brotli preferred at equal q,
  gzip otherwise), the body is at least :data:`MIN_BYTES`, the type is textual (text, JSON,
  XML, RDF) and nothing encoded it already; ``/dumps/`` files are never touched (the ``.gz``
  dumps carry their own encoding, the others are downloads with byte ranges);
- adds ``Vary: Accept-Encoding`` to every response whose type it would compress;
- keeps the compressed bodies of strong ETags (an LRU of :data:`MAX_ENCODED_BYTES` per
  process), so an answer asked again is not compressed again;
- gives each encoding its own ``ETag`` (``"tag"`` becomes ``"tag-gzip"`` / ``"tag-br"``) and
  takes the suffix off ``If-None-Match`` before the application compares it, so a client
  holding the compressed variant gets its 304 with the tag it holds.

What it costs at 4 concurrent clients: docs/protocol.md, "Compression".
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Iterable, Iterator

import brotli
from werkzeug.datastructures import Headers
from werkzeug.http import parse_accept_header

from osce_kg.lru import Lru

MIN_BYTES = 1024
# compressed bodies kept per process, by (ETag, encoding): a strong ETag names one body, so a
# repeated answer (the memo's replays, a page asked again) is not compressed again
MAX_ENCODED_BYTES = 16 * 1024**2
GZIP_LEVEL = 6
BROTLI_QUALITY = 5
SUFFIXES = {"gzip": "-gzip", "br": "-br"}
SKIPPED_PATHS = ("/dumps/",)
TEXTUAL_TYPES = ("text/", "application/json", "application/javascript", "application/xml",
                 "application/n-triples", "image/svg+xml")
TEXTUAL_SUFFIXES = ("+json", "+xml")


def textual(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media.startswith(TEXTUAL_TYPES) or media.endswith(TEXTUAL_SUFFIXES)


def chosen_encoding(accept_encoding: str | None) -> str | None:
    """``"br"``, ``"gzip"`` or ``None`` (identity) for an ``Accept-Encoding`` header."""
    if not accept_encoding:
        return None
    accepted = parse_accept_header(accept_encoding)
    best = max(("br", "gzip"), key=lambda coding: accepted[coding])  # br wins a tie
    return best if accepted[best] > 0 else None


def strip_suffix(if_none_match: str, coding: str | None) -> tuple[str, bool]:
    """``If-None-Match`` with the tags of ``coding``'s variant made plain, and whether it held
    any (tags of another encoding stay as they are: they match nothing, so a client that
    changed its Accept-Encoding gets the whole answer)."""
    if coding is None or SUFFIXES[coding] + '"' not in if_none_match:
        return if_none_match, False
    return if_none_match.replace(SUFFIXES[coding] + '"', '"'), True


class Encoder:
    """One body's compressor (``gzip`` or ``br``)."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        if coding == "br":
            self._brotli = brotli.Compressor(quality=BROTLI_QUALITY)
        else:
            self._zlib = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 16 + zlib.MAX_WBITS)

    def compress(self, data: bytes) -> bytes:
        if self.coding == "br":
            return self._brotli.process(data)
        return self._zlib.compress(data)

    def finish(self) -> bytes:
        if self.coding == "br":
            return self._brotli.finish()
        return self._zlib.flush()


def compress_whole(data: bytes, coding: str) -> bytes:
    if coding == "br":
        return brotli.compress(data, quality=BROTLI_QUALITY)
    return gzip.compress(data, GZIP_LEVEL, mtime=0)


class Compressor:
    """WSGI middleware: see the module documentation."""

    def __init__(self, app: Callable, *, min_bytes: int = MIN_BYTES,
                 max_encoded_bytes: int = MAX_ENCODED_BYTES) -> None:
        self.app = app
        self.min_bytes = min_bytes
        self._encoded: Lru[bytes] = Lru(max_weight=max_encoded_bytes, weigh=len)

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path.startswith(SKIPPED_PATHS):
            return self.app(environ, start_response)
        coding = None
        if environ.get("REQUEST_METHOD") in ("GET", "HEAD", "POST") \
                and "HTTP_RANGE" not in environ:
            coding = chosen_encoding(environ.get("HTTP_ACCEPT_ENCODING"))
        held = None
        if "HTTP_IF_NONE_MATCH" in environ:
            environ["HTTP_IF_NONE_MATCH"], found = strip_suffix(environ["HTTP_IF_NONE_MATCH"],
                                                                coding)
            held = coding if found else None
        seen: list = []
        calling = [True]

        def capture(status: str, headers: list[tuple[str, str]], exc_info=None):
            if calling[0] and held is None:
                passed = self._unchanged_body(status, headers, coding)
                if passed is not None:  # the headers decide: the body goes as it is
                    seen[:] = [None]
                    return start_response(status, passed, exc_info)
            seen[:] = [status, headers, exc_info]
            return lambda data: None  # the write() callable: not used by Flask

        body = self.app(environ, capture)
        calling[0] = False
        if seen == [None]:
            return body
        head = environ.get("REQUEST_METHOD") == "HEAD"
        return _Closing(self._send(body, seen, coding, held, start_response, head), body)

    def _unchanged_body(self, status: str, headers: list[tuple[str, str]],
                        coding: str | None) -> list[tuple[str, str]] | None:
        """The headers to send when the body can go without being looked at — a 304, a type
        that is never compressed, an answer already encoded, a client that takes identity
        only, a body whose ``Content-Length`` is under :attr:`min_bytes` — else ``None``.
        The same headers :meth:`_send` would give it, without its buffering (most lookups
        and small answers go this way)."""
        if status.startswith("304"):
            return headers
        found: dict[str, str] = {}
        for name, value in headers:
            found.setdefault(name.lower(), value)  # the first, as Headers.get reads it
        if not textual(found.get("content-type", "")) or "content-encoding" in found \
                or status.startswith("206"):
            return headers
        length = found.get("content-length")
        if coding is None or (length is not None and length.isdigit()
                              and int(length) < self.min_bytes):
            return _listed_vary_on_encoding(headers)
        return None

    def _send(self, body: Iterable[bytes], seen: list, coding: str | None, held: str | None,
              start_response: Callable, head: bool) -> Iterator[bytes]:
        chunks = iter(body)
        first = next(chunks, None)
        status, raw_headers, exc_info = seen
        headers = Headers(raw_headers)
        code = int(status.split(" ", 1)[0])
        if code == 304:  # no Content-Type on a 304: the tag tells which variant it is
            if held is not None:
                _vary_on_encoding(headers)
                _suffix_etag(headers, held)
            start_response(status, headers.to_wsgi_list(), exc_info)
            return
        if not textual(headers.get("Content-Type", "")) \
                or "Content-Encoding" in headers or code == 206:
            start_response(status, raw_headers, exc_info)
            if first is not None:
                yield first
            yield from chunks
            return
        _vary_on_encoding(headers)
        if head:  # the headers GET would send, but the compressed length is not known
            if coding is not None and int(headers.get("Content-Length", 0)) >= self.min_bytes:
                headers["Content-Encoding"] = coding
                _suffix_etag(headers, coding)
                headers.pop("Content-Length", None)
            start_response(status, headers.to_wsgi_list(), exc_info)
            return
        buffered = [first] if first else []
        size = len(first or b"")
        ended = first is None
        while not ended and size < self.min_bytes:
            chunk = next(chunks, None)
            if chunk is None:
                ended = True
            elif chunk:
                buffered.append(chunk)
                size += len(chunk)
        if coding is None or size < self.min_bytes:
            start_response(status, headers.to_wsgi_list(), exc_info)
            yield from buffered
            yield from chunks
            return
        etag = headers.get("ETag", "")
        headers["Content-Encoding"] = coding
        _suffix_etag(headers, coding)
        if ended or "Content-Length" in headers:  # the whole body is at hand: one piece
            key = (etag, coding) if etag.startswith('"') else None  # strong tags only
            encoded = self._encoded.get(key) if key else None
            if encoded is None:
                encoded = compress_whole(b"".join([*buffered, *chunks]), coding)
                if key:
                    self._encoded.put(key, encoded)
            headers["Content-Length"] = str(len(encoded))
            start_response(status, headers.to_wsgi_list(), exc_info)
            yield encoded
            return
        headers.pop("Content-Length", None)  # a stream: sent chunked
        start_response(status, headers.to_wsgi_list(), exc_info)
        encoder = Encoder(coding)
        for chunk in _chain(buffered, chunks):
            out = encoder.compress(chunk)
            if out:
                yield out
        yield encoder.finish()


class _Closing:
    """The response iterable: the server's ``close()`` closes the application's body once,
    whether or not it was iterated."""

    def __init__(self, chunks: Iterator[bytes], body: Iterable[bytes]) -> None:
        self._chunks = chunks
        self._body = body

    def __iter__(self) -> Iterator[bytes]:
        return self._chunks

    def close(self) -> None:
        self._chunks.close()  # type: ignore[attr-defined]
        _close(self._body)


def _close(body: Iterable[bytes]) -> None:
    close = getattr(body, "close", None)
    if close is not None:
        close()


def _chain(first: list[bytes], rest: Iterator[bytes]) -> Iterator[bytes]:
    yield from first
    yield from rest


def _vary_with_encoding(vary: str) -> str | None:
    """The ``Vary`` value that names ``Accept-Encoding`` too; None when it already does."""
    names = [v.strip() for v in vary.split(",") if v.strip()]
    if any(v.lower() in ("accept-encoding", "*") for v in names):
        return None
    return ", ".join([*names, "Accept-Encoding"])


def _listed_vary_on_encoding(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """:func:`_vary_on_encoding` on a WSGI header list, as werkzeug's ``Headers`` would do it
    (the first ``Vary`` decides and is replaced, the others dropped; else one is appended)."""
    at = next((i for i, (name, _) in enumerate(headers) if name.lower() == "vary"), None)
    vary = _vary_with_encoding(headers[at][1] if at is not None else "")
    if vary is None:
        return headers
    if at is None:
        return [*headers, ("Vary", vary)]
    return [("Vary", vary) if i == at else (name, value) for i, (name, value) in enumerate(headers)
            if i == at or name.lower() != "vary"]


def _vary_on_encoding(headers: Headers) -> None:
    vary = _vary_with_encoding(headers.get("Vary", ""))
    if vary is not None:
        headers["Vary"] = vary


def _suffix_etag(headers: Headers, coding: str) -> None:
    etag = headers.get("ETag")
    if etag and etag.endswith('"'):
        headers["ETag"] = etag[:-1] + SUFFIXES[coding] + '"'
