"""The w3id.org IRIs mapped onto the server under test, for a client that dereferences them
(Comunica's ``--proxy PREFIX``: it asks ``PREFIX + IRI``).

A small HTTP server on a free port: ``GET /?uri=https://w3id.org/osce/id/…`` is fetched from
``<server>/id/…`` with the client's Accept, redirects followed (the 303 to ``/data/…``), and the
final answer is passed back as the IRI's own; the server's own URLs (the JSON-LD context) pass
through."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import requests

W3ID = "https://w3id.org/osce/"


@contextlib.contextmanager
def w3id_proxy(server: str) -> Iterator[str]:
    """Yield the proxy prefix (``http://127.0.0.1:P/?uri=``) while it serves."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            uri = parse_qs(urlsplit(self.path).query).get("uri", [""])[0]
            if uri.startswith(W3ID):
                target = server.rstrip("/") + "/" + uri[len(W3ID):]
            elif uri.startswith(server):  # what the server's answers link to (the context)
                target = uri
            else:
                self.send_error(502, f"neither an IRI of ours nor the server's: {uri}")
                return
            answer = requests.get(target, timeout=30,
                                  headers={"Accept": self.headers.get("Accept", "*/*")})
            self.send_response(answer.status_code)
            self.send_header("Content-Type", answer.headers.get("Content-Type", ""))
            self.send_header("Content-Length", str(len(answer.content)))
            self.end_headers()
            self.wfile.write(answer.content)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/?uri="
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()
