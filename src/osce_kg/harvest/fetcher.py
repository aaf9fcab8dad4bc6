"""One polite GET (httpx): spaced, retried with backoff (tenacity), kept on the site's host,
capped in size, HTML/text only. Redirects are followed by hand so each hop is checked."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx
from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt

from osce_kg.harvest.politeness import Robots, Throttle, retry_after_seconds
from osce_kg.harvest.profile import SiteProfile

REDIRECTS = {301, 302, 303, 307, 308}
MAX_REDIRECTS = 5
CHUNK = 65536
ERROR_BODY_BYTES = 65536  # of an error or redirect answer, kept for the archive
# headers that described the bytes on the wire, not the (decoded) body we keep
WIRE_HEADERS = {"content-encoding", "content-length", "transfer-encoding", "connection"}


class FetchFailed(Exception):
    """The URL could not be fetched; ``str(exc)`` is the reason, ``status`` the last HTTP status."""

    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.status = status


class Skipped(Exception):
    """The URL is not fetched by rule (robots.txt, another host, not HTML/text); the reason."""


class Disallowed(Skipped):
    """robots.txt disallows the URL."""


class BudgetSpent(Exception):
    """--max-requests is reached: the run stops here and resumes next time."""


class _Retryable(Exception):
    def __init__(self, reason: str, retry_after: float | None = None,
                 status: int | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after
        self.status = status


@dataclass
class Fetched:
    url: str
    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    cut: bool = False

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class Fetcher:
    """GETs on one site. ``requests`` counts every request sent (retries and hops too)."""

    def __init__(self, profile: SiteProfile, agent: str, throttle: Throttle, *,
                 max_requests: int | None = None, sleep=time.sleep,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.profile = profile
        self.agent_token = agent.split("/")[0].split()[0]  # the name robots.txt rules match
        self.throttle = throttle
        self.robots: Robots | None = None
        self.max_requests = max_requests
        self.requests = 0
        # called with (url, status, headers, body, truncated) for every answer that is not a
        # 200 with HTML/text or a 304 (those the caller archives itself): errors, redirects,
        # other media types
        self.on_answer: Callable[[str, int, list[tuple[str, str]], bytes, str], None] | None = None
        self._sleep = sleep
        self._client = httpx.Client(headers={"User-Agent": agent}, follow_redirects=False,
                                    timeout=profile.timeout, transport=transport)

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, validators: dict[str, str] | None = None) -> Fetched:
        """The response to a GET of ``url`` (200 or 304 with ``validators``); raises
        :class:`Skipped`, :class:`FetchFailed` or :class:`BudgetSpent`."""
        for _ in range(MAX_REDIRECTS + 1):
            self._check(url)
            fetched = self._retrying(url, validators or {})
            if fetched.status not in REDIRECTS:
                return fetched
            location = fetched.header("location")
            if not location:
                raise FetchFailed(f"HTTP {fetched.status} without a Location")
            target = urljoin(url, location.strip())
            if urlsplit(target).netloc.lower() != self.profile.host:
                raise Skipped(f"redirects to another host ({target}): not followed")
            url, validators = target, None
        raise FetchFailed(f"more than {MAX_REDIRECTS} redirects")

    def _check(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.netloc.lower() != self.profile.host or parts.scheme not in ("http", "https"):
            raise Skipped(f"on another host than {self.profile.host}: not fetched")
        if self.robots is not None and not self.robots.allowed(url):
            raise Disallowed("disallowed by robots.txt: not fetched")

    def _retrying(self, url: str, validators: dict[str, str]) -> Fetched:
        tries = self.profile.tries
        retrying = Retrying(stop=stop_after_attempt(tries), wait=self._wait, reraise=True,
                            retry=retry_if_exception_type(_Retryable), sleep=self._sleep)
        try:
            return retrying(self._once, url, validators)
        except _Retryable as exc:
            raise FetchFailed(f"{exc} (gave up after {tries} tries)", exc.status) from exc

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, _Retryable) and exc.retry_after is not None:
            return exc.retry_after
        return self.profile.backoff * 2 ** (state.attempt_number - 1)

    def _once(self, url: str, validators: dict[str, str]) -> Fetched:
        if self.max_requests is not None and self.requests >= self.max_requests:
            raise BudgetSpent(f"{self.max_requests} requests made (--max-requests)")
        self.throttle.wait()
        self.requests += 1
        try:
            with self._client.stream("GET", url, headers=validators) as response:
                return self._read(url, response)
        except httpx.HTTPError as exc:
            raise _Retryable(f"{type(exc).__name__}: {exc}") from exc

    def _read(self, url: str, response: httpx.Response) -> Fetched:
        status = response.status_code
        headers = [(k, v) for k, v in response.headers.multi_items()
                   if k.lower() not in WIRE_HEADERS]
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if status != 304 and not (200 <= status < 300 and media in self.profile.content_types):
            self._answer(url, response, headers)
        if status in (429, 503):
            wait = retry_after_seconds(response.headers.get("retry-after"))
            if wait is not None and wait > self.profile.max_retry_after:
                raise FetchFailed(f"HTTP {status}: asked to retry after {wait:.0f} s "
                                  f"(more than {self.profile.max_retry_after:.0f} s)", status)
            raise _Retryable(f"HTTP {status}", wait, status)
        if status >= 500:
            raise _Retryable(f"HTTP {status}", status=status)
        if status in REDIRECTS or status == 304:
            return Fetched(url, status, headers)
        if status >= 400 or status < 200:
            raise FetchFailed(f"HTTP {status}", status)
        if media not in self.profile.content_types:
            raise Skipped(f"not HTML or text ({media or 'no content type'}): not read")
        body = bytearray()
        cut = False
        for chunk in response.iter_bytes(CHUNK):
            body.extend(chunk)
            if len(body) > self.profile.max_response_bytes:
                del body[self.profile.max_response_bytes:]
                cut = True
                break
        return Fetched(url, status, headers, bytes(body), cut)

    def _answer(self, url: str, response: httpx.Response,
                headers: list[tuple[str, str]]) -> None:
        if self.on_answer is None:
            return
        body, truncated = b"", "disconnect"
        if not 200 <= response.status_code < 300:  # an error page or a redirect: its start
            for chunk in response.iter_bytes(CHUNK):
                body += chunk
                if len(body) >= ERROR_BODY_BYTES:
                    break
            truncated = "length" if len(body) > ERROR_BODY_BYTES else ""
            body = body[:ERROR_BODY_BYTES]
        self.on_answer(url, response.status_code, headers, body, truncated)
