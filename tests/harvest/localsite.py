"""A local web site that plays www.osce.org's newsroom, for the harvester's tests (no internet).

A threaded HTTP server on 127.0.0.1 (a free port) in the test process. It keeps a log of every
request (time, path, headers, status) and serves: robots.txt with a Disallow and a Crawl-delay;
newsroom listing pages (Drupal-era markup: search-result rows, a pager) newest first; release
pages in the shape of real OSCE release pages, each with an ETag and Last-Modified (answering
304 to a matching conditional request); and the troublemakers: a 429 with Retry-After, a 500
then success, a redirect to another host, an oversized page, a PDF, a disallowed page.
The release texts are invented.
"""

from __future__ import annotations

import hashlib
import html
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

PER_PAGE = 3
CRAWL_DELAY = 0.1
LAST_MODIFIED = "Mon, 06 May 2024 08:00:00 GMT"
ROBOTS = f"User-agent: *\nDisallow: /private/\nCrawl-delay: {CRAWL_DELAY}\n"


@dataclass(frozen=True)
class Release:
    """An invented release: its path on the site and what its page states."""

    path: str
    title: str
    date: str  # as the page writes it: "10 May 2024"
    place: str = ""
    sources: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    paragraphs: tuple[str, ...] = ()
    behaviour: str = ""  # "" | busy | flaky | offsite | oversized | pdf | private


RELEASES = (
    Release("/secretariat/9012", "OSCE Secretary General opens annual security review",
            "10 May 2024", "VIENNA", ("OSCE Secretariat",), ("Conflict prevention and resolution",),
            ("VIENNA, 10 May 2024 – The OSCE Secretary General opened the annual security review "
             "conference in Vienna today, with delegations of the participating States.",
             "“Dialogue is the first tool of security,” said the Secretary General.")),
    Release("/odihr/9011", "ODIHR opens election observation mission",
            "8 May 2024", "WARSAW", ("Office for Democratic Institutions and Human Rights",),
            ("Elections",),
            ("WARSAW, 8 May 2024 – The OSCE Office for Democratic Institutions and Human Rights "
             "(ODIHR) today opened an election observation mission.",)),
    Release("/secretariat/9010", "OSCE conference in Vienna discusses trafficking in human beings",
            "6 May 2024", "VIENNA", ("OSCE Secretariat",),
            ("Combating trafficking in human beings",),
            ("VIENNA, 6 May 2024 – More than 200 participants met at an OSCE conference on "
             "combating trafficking in human beings in Vienna today.",),
            behaviour="busy"),
    Release("/skopje/9009", "OSCE Mission to Skopje trains police officers on community policing",
            "3 May 2024", "SKOPJE", ("OSCE Mission to Skopje",), ("Policing",),
            ("SKOPJE, 3 May 2024 – Forty police officers completed a course on community "
             "policing organized by the OSCE Mission to Skopje.",),
            behaviour="flaky"),
    Release("/private/9008", "An internal note", "30 April 2024", behaviour="private"),
    Release("/moved/9007", "A page that moved away", "29 April 2024", behaviour="offsite"),
    Release("/big/9006", "An enormous page", "25 April 2024", "VIENNA", ("OSCE Secretariat",),
            ("Policing",), ("VIENNA, 25 April 2024 – " + "Very long text. " * 20_000,),
            behaviour="oversized"),
    Release("/documents/9005.pdf", "Annual report (PDF)", "22 April 2024", behaviour="pdf"),
    Release("/albania/9004", "OSCE Presence in Albania supports electoral reform",
            "20 April 2024", "TIRANA", ("OSCE Presence in Albania",), ("Elections",),
            ("TIRANA, 20 April 2024 – The OSCE Presence in Albania welcomed the adoption of "
             "amendments to the Electoral Code.",)),
    Release("/secretariat/9003", "OSCE and Lithuania hold a workshop on border security",
            "10 April 2024", "VILNIUS", ("OSCE Secretariat",), ("Border management",),
            ("VILNIUS, 10 April 2024 – Border officials from ten participating States took part "
             "in an OSCE workshop on border security in Vilnius.",)),
    Release("/secretariat/9002", "OSCE promotes gender equality in the security sector",
            "2 April 2024", "VIENNA", ("OSCE Secretariat",), ("Gender equality",),
            ("VIENNA, 2 April 2024 – The OSCE held a round table on gender equality in the "
             "security sector today.",)),
    Release("/secretariat/9001", "OSCE media freedom seminar held in Vienna",
            "28 March 2024", "VIENNA", ("OSCE Secretariat",), ("Media freedom and development",),
            ("VIENNA, 28 March 2024 – Journalists and officials discussed media freedom at an "
             "OSCE seminar in Vienna today.",)),
)
INGESTIBLE = tuple(r for r in RELEASES if not r.behaviour or r.behaviour in ("busy", "flaky"))


@dataclass
class Logged:
    at: float  # time.monotonic() when the request arrived
    path: str
    headers: dict[str, str]
    status: int = 0
    done: float = 0.0  # time.monotonic() when the answer began (before any byte of it)

    @property
    def conditional(self) -> bool:
        return "if-none-match" in self.headers or "if-modified-since" in self.headers


@dataclass
class LocalSite:
    """The site's content and behaviour; ``base`` and ``log`` once started."""

    releases: tuple[Release, ...] = RELEASES
    latency: float = 0.0  # seconds before each item page answers
    robots_status: int = 200  # robots.txt's answer (404: none, 500: the server fails)
    base: str = ""
    log: list[Logged] = field(default_factory=list)
    versions: dict[str, int] = field(default_factory=dict)
    hits: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def change(self, path: str) -> None:
        """A new version of the release at ``path`` (new body, new ETag)."""
        self.versions[path] = self.versions.get(path, 0) + 1

    def requests_since(self, start: int = 0) -> list[Logged]:
        with self.lock:
            return list(self.log[start:])

    # --- pages
    def listing(self, page: int) -> bytes:
        rows = self.releases[page * PER_PAGE:(page + 1) * PER_PAGE]
        out = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
               "<title>Press releases | OSCE</title></head><body><main>",
               "<h1>Newsroom</h1><div class='panel-pane pane-apachesolr-result'>",
               "<div class='pane-content'>"]
        for r in rows:
            lead = html.escape(r.paragraphs[0][:200]) if r.paragraphs else ""
            out.append(f"<div class='search-result-news'><dl><dt class='search-title'><h3>"
                       f"<a href='{r.path}'>{html.escape(r.title)}</a></h3></dt>"
                       f"<dd><span class='publishing-date'>Publishing date: {r.date}</span>"
                       f"<p class='search-snippet'>{lead}"
                       "</p></dd></dl></div>")
        out.append("</div></div><ul class='pager'>")
        if (page + 1) * PER_PAGE < len(self.releases):
            out.append(f"<li class='pager-next'><a href='/press-releases?page={page + 1}'>next"
                       "</a></li>")
        out.append("</ul></main></body></html>")
        return "".join(out).encode("utf-8")

    def release_page(self, r: Release) -> bytes:
        version = self.versions.get(r.path, 0)
        paragraphs = list(r.paragraphs)
        if version:
            paragraphs.append(f"This release was updated (version {version + 1}).")
        fields = "".join(f"<dd>{html.escape(f)}</dd>" for f in r.fields)
        sources = "".join(f"<dd>{html.escape(s)}</dd>" for s in r.sources)
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
                f"<title>{html.escape(r.title)} | OSCE</title>"
                f"<link rel='canonical' href='{self.base}{r.path}'></head><body><main>"
                f"<article class='node node--type-press-release'>"
                f"<div class='content-type'>Press release</div>"
                f"<h1>{html.escape(r.title)}</h1><dl class='fields'>"
                f"<dt>Date:</dt><dd>{r.date}</dd><dt>Place:</dt><dd>{r.place}</dd>"
                f"<dt>Source:</dt>{sources}<dt>Fields of work:</dt>{fields}</dl>"
                f"<div class='body'>{body}</div></article></main></body></html>").encode()

    def answer(self, path: str, query: dict, headers: dict[str, str]
               ) -> tuple[int, list[tuple[str, str]], bytes]:
        if path == "/robots.txt" and self.robots_status != 200:
            return self.robots_status, [("Content-Type", "text/html")], b"<html></html>"
        if path == "/robots.txt":
            return 200, [("Content-Type", "text/plain")], ROBOTS.encode()
        if path == "/press-releases":
            page = int(query.get("page", ["0"])[0])
            return self._cached(self.listing(page), headers)
        release = next((r for r in self.releases if r.path == path), None)
        if release is None:
            return 404, [("Content-Type", "text/html")], b"<html><body>Not found</body></html>"
        if self.latency:
            time.sleep(self.latency)
        hits = self.hits[path] = self.hits.get(path, 0) + 1
        if release.behaviour == "busy" and hits == 1:
            return 429, [("Retry-After", "1"), ("Content-Type", "text/html")], b"busy"
        if release.behaviour == "flaky" and hits == 1:
            return 500, [("Content-Type", "text/html")], b"oops"
        if release.behaviour == "offsite":
            host = urlsplit(self.base).port
            return 302, [("Location", f"http://localhost:{host}/elsewhere/9007")], b""
        if release.behaviour == "pdf":
            return 200, [("Content-Type", "application/pdf")], b"%PDF-1.4 " + b"x" * 5000
        return self._cached(self.release_page(release), headers)

    def _cached(self, body: bytes, headers: dict[str, str]):
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        common = [("ETag", etag), ("Last-Modified", LAST_MODIFIED)]
        if headers.get("if-none-match") == etag:
            return 304, common, b""
        return 200, [("Content-Type", "text/html; charset=utf-8"), *common], body


def serve(site: LocalSite) -> ThreadingHTTPServer:
    """Start ``site`` on 127.0.0.1 (a free port) in a daemon thread; sets ``site.base``."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 (the http.server API)
            parts = urlsplit(self.path)
            headers = {k.lower(): v for k, v in self.headers.items()}
            entry = Logged(time.monotonic(), self.path, headers)
            with site.lock:
                site.log.append(entry)
            status, extra, body = site.answer(parts.path, parse_qs(parts.query), headers)
            entry.status = status
            entry.done = time.monotonic()
            self.send_response(status)
            for name, value in extra:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request, client_address) -> None:
            pass  # a client that hangs up mid-answer (a cut page, a killed harvest)

        def shutdown(self) -> None:
            """Stop serving and close the listening socket (none left to the collector)."""
            super().shutdown()
            self.server_close()

    server = Server(("127.0.0.1", 0), Handler)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    # polled every 20 ms for shutdown (the default half-second would end each test that late)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02},
                     daemon=True).start()
    return server
