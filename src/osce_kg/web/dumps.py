"""``/dumps/``: the dump files with size, sha256 and licence; downloads; ``/.well-known/void``."""

from __future__ import annotations

import json

from flask import Blueprint, Response, render_template, request, send_file

from osce_kg import conneg
from osce_kg.errors import UnknownName
from osce_kg.store.layout import VOID_FILE
from osce_kg.web.exchange import conditional, negotiate
from osce_kg.web.manifest import DumpFile
from osce_kg.web.state import state

bp = Blueprint("dumps", __name__)



def _file_json(f: DumpFile) -> dict[str, object]:
    return {"name": f.name, "url": f"/dumps/{f.name}", "bytes": f.size, "sha256": f.sha256,
            "media_type": f.media_type, "gzip": f.gzipped}


@bp.get("/dumps/")
def listing() -> Response:
    manifest = state().manifest
    fmt = negotiate((conneg.HTML, conneg.JSON), conneg.HTML)
    if fmt is conneg.JSON:
        response = Response(json.dumps({
            "licence": manifest.licence, "build_id": manifest.build_id,
            "files": [_file_json(f) for f in manifest.files]}), content_type="application/json")
    else:
        response = Response(render_template("dumps.html", manifest=manifest),
                            content_type="text/html; charset=utf-8")
    return conditional(response, fmt.name)


def _accepts_gzip() -> bool:
    return request.accept_encodings["gzip"] > 0


@bp.get("/dumps/<name>")
def download(name: str) -> Response:
    found = state().manifest.find(name)
    if found is None:
        raise UnknownName(f"no dump named {name!r}; see /dumps/")
    if name == VOID_FILE:
        body = state().void_download() or b""
        response = Response(body, content_type=f"{found.media_type}; charset=utf-8")
        response.set_etag(found.sha256)
        response.last_modified = int(found.path.stat().st_mtime)
        return response.make_conditional(request)
    if found.gzipped and _accepts_gzip():
        response = send_file(found.path, mimetype=found.media_type, conditional=True,
                             download_name=name, etag=found.sha256 + "-gzip")
        response.headers["Content-Encoding"] = "gzip"
    else:
        mimetype = "application/gzip" if found.gzipped else found.media_type
        response = send_file(found.path, mimetype=mimetype, conditional=True,
                             as_attachment=found.gzipped, download_name=name, etag=found.sha256)
    response.vary.add("Accept-Encoding")
    if response.mimetype.startswith("text/") and "charset" not in response.content_type:
        response.content_type = f"{response.mimetype}; charset=utf-8"
    return response


@bp.get("/.well-known/void")
def void() -> Response:
    graph = state().void_graph()
    if graph is None:
        raise UnknownName("no VoID description: the graph has not been built")
    fmt = negotiate(conneg.GRAPH_OFFERS, conneg.TURTLE)
    body = state().cached(f"void-{fmt.name}-{state().store.build_id}",
                          lambda: graph.serialize(format=fmt.rdflib, encoding="utf-8"))
    return conditional(Response(body, content_type=fmt.content_type), fmt.name)
