"""Push a build into a SPARQL engine (``osce-kg load --to URL``), version by version.

The engine holds one *control graph* (``settings.remote_graph``, default
``https://w3id.org/osce/dataset``) that says which *version graph* is current::

    <C> dcat:hasVersion <C/load/20261128T173000Z> ;
        dcat:hasCurrentVersion <C/load/20261128T173000Z> .
    <C/load/20261128T173000Z> dcat:version "<build id>" ; void:triples 1234 ;
        dcat:previousVersion <C/load/…> .

A load writes the build's N-Triples (``dist/osce-kg.nt.gz``) into a *new* version graph in
batches — SPARQL Update ``INSERT DATA`` by default, or Graph Store Protocol ``POST`` (much
faster) with ``gsp_url`` — recording each finished batch in a state file, so an interrupted
load resumes where it stopped. When every batch is in and the engine counts the expected
triples, one DELETE/INSERT moves ``dcat:hasCurrentVersion`` to it: readers
(:class:`~osce_kg.store.remote.store.RemoteStore`) query only the current version's graph, so they
never see a half-loaded one. The previous version is kept (readers that looked up the pointer just
before the switch, and a quick rollback); older versions are dropped.

Why not rename? SPARQL 1.1 ``MOVE`` copies then drops, and Virtuoso runs it as row updates
that concurrent readers can observe half done; Virtuoso has no graph alias that is portable.
One triple update is atomic on every engine.

Blank nodes are scoped to one request (and Virtuoso refuses them in ``INSERT DATA``), so all
lines that share a blank node travel in one batch, sent as ``INSERT {…} WHERE {}``.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import logging
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from osce_kg import conneg
from osce_kg.errors import BadQuery, LoadFailed, SourceError, StoreUnavailable
from osce_kg.queries import COUNT_IN_GRAPH, FORGET_VERSION, REGISTER_VERSION, SWITCH_VERSION, VERSIONS_QUERY
from osce_kg.rdf.io import write_atomic
from osce_kg.store.layout import BUILD_INFO, NT_DUMP
from osce_kg.store.remote.engine import JSON_RESULTS, Engine, rows_from_json
from osce_kg.store.remote.store import CURRENT_VERSION_QUERY
from osce_kg.store.remote.text import bind_values, sparql_term, with_prefixes

log = logging.getLogger(__name__)
Progress = Callable[[str], None]

METHODS = ("update", "gsp")
DEFAULT_BATCH = {"update": 1_000, "gsp": 50_000}  # Virtuoso refuses ~2,000-line updates
BNODE_BATCH = 200  # lines with blank nodes per batch, at most
STATE_FILE = "load-state.json"

@dataclass
class LoadState:
    """What a load has done so far (the state file), valid for one build, target and batching."""

    endpoint: str
    control_graph: str
    build_id: str
    method: str
    batch_size: int
    version_graph: str
    total: int
    done: int = 0

    def matches(self, other: LoadState) -> bool:
        keys = ("endpoint", "control_graph", "build_id", "method", "batch_size", "total")
        return all(getattr(self, k) == getattr(other, k) for k in keys)

    @classmethod
    def read(cls, path: Path) -> LoadState | None:
        try:
            return cls(**json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None

    def write(self, path: Path) -> None:
        write_atomic(path, json.dumps(asdict(self), indent=1).encode())


@dataclass(frozen=True)
class LoadResult:
    build_id: str
    version_graph: str
    triples: int
    batches: int
    resumed_from: int
    dropped: tuple[str, ...]
    seconds: float
    already_current: bool = False


# --- reading the dump in batches
def bnode_labels(line: str) -> list[str]:
    """Blank-node labels in one N-Triples line (subject and object positions only)."""
    labels = []
    if line.startswith("_:"):
        labels.append(line.split(None, 1)[0])
        rest = line.split(None, 1)[1]
    else:
        rest = line[line.find(">") + 1:].lstrip()
    after_predicate = rest[rest.find(">") + 1:].lstrip()
    if after_predicate.startswith("_:"):
        labels.append(after_predicate.split(None, 1)[0])
    return labels


def _lines(dump: Path) -> Iterator[str]:
    opener = gzip.open if dump.suffix == ".gz" else open
    with opener(dump, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                yield line if line.endswith("\n") else line + "\n"


def _bnode_groups(dump: Path) -> tuple[int, list[list[str]]]:
    """(number of lines without blank nodes, lines with them grouped by connected labels)."""
    plain = 0
    parent: dict[str, str] = {}

    def find(label: str) -> str:
        while parent.setdefault(label, label) != label:
            parent[label] = parent[parent[label]]
            label = parent[label]
        return label

    tied: list[tuple[str, str]] = []
    for line in _lines(dump):
        labels = bnode_labels(line)
        if not labels:
            plain += 1
            continue
        roots = [find(label) for label in labels]
        for other in roots[1:]:
            parent[find(other)] = find(roots[0])
        tied.append((labels[0], line))
    groups: dict[str, list[str]] = {}
    for label, line in tied:
        groups.setdefault(find(label), []).append(line)
    return plain, [groups[k] for k in sorted(groups)]


def plan_batches(dump: Path, batch_size: int) -> tuple[int, int, list[list[str]]]:
    """(total batches, lines, blank-node batches). Plain batches come first, then these."""
    plain, groups = _bnode_groups(dump)
    bnode_batches: list[list[str]] = []
    cap = min(batch_size, BNODE_BATCH)
    for group in groups:
        if bnode_batches and len(bnode_batches[-1]) + len(group) <= cap:
            bnode_batches[-1].extend(group)
        else:
            bnode_batches.append(list(group))
    plain_batches = -(-plain // batch_size)
    lines = plain + sum(len(g) for g in groups)
    return plain_batches + len(bnode_batches), lines, bnode_batches


def iter_batches(dump: Path, batch_size: int,
                 bnode_batches: list[list[str]]) -> Iterator[tuple[list[str], bool]]:
    """``(lines, has blank nodes)`` in a fixed order for a given file and batch size."""
    batch: list[str] = []
    for line in _lines(dump):
        if bnode_labels(line):
            continue
        batch.append(line)
        if len(batch) == batch_size:
            yield batch, False
            batch = []
    if batch:
        yield batch, False
    for group in bnode_batches:
        yield group, True


# --- talking to the engine
class Loader:
    """Sends batches and control updates to one engine."""

    def __init__(self, engine: Engine, *, method: str = "update", gsp_url: str | None = None,
                 user: str | None = None, password: str | None = None,
                 auth: str = "digest") -> None:
        if method not in METHODS:
            raise LoadFailed(f"unknown load method {method!r} (one of {', '.join(METHODS)})")
        if method == "gsp" and not gsp_url:
            raise LoadFailed("the gsp method needs the engine's Graph Store Protocol URL")
        self.engine, self.method, self.gsp_url = engine, method, gsp_url
        self._user, self._password, self._auth = user, password, auth

    def send(self, graph: str, lines: list[str], has_bnodes: bool) -> None:
        if self.method == "gsp":
            self._post_graph(graph, "".join(lines).encode("utf-8"))
            return
        target = sparql_term(URIRef(graph))
        body = "".join(lines)
        if has_bnodes:  # INSERT DATA may not hold blank nodes on Virtuoso; a template may
            self.engine.update(f"INSERT {{ GRAPH {target} {{\n{body}}} }} WHERE {{ }}")
            return
        try:
            self.engine.update(f"INSERT DATA {{ GRAPH {target} {{\n{body}}} }}")
        except BadQuery as exc:
            # an engine's request-size limit (Virtuoso: "SQL text has exceeded 10000 lines",
            # "memory exhausted"): send the halves; re-sent plain triples are no-ops
            if len(lines) < 2 or not _too_big(str(exc)):
                raise
            log.info("batch of %d lines too big for the engine; sending halves", len(lines))
            half = len(lines) // 2
            self.send(graph, lines[:half], False)
            self.send(graph, lines[half:], False)

    def _post_graph(self, graph: str, body: bytes) -> None:
        query = urllib.parse.urlencode({"graph": graph})
        url = f"{self.gsp_url}{'&' if '?' in self.gsp_url else '?'}{query}"

        def post() -> None:
            request = urllib.request.Request(url, data=body, method="POST",
                                             headers={"Content-Type": conneg.NTRIPLES.media_type})
            with self._opener(url).open(request, timeout=self.engine.timeout_s) as response:
                response.read()
        self.engine.retrying(post)

    def _opener(self, url: str) -> urllib.request.OpenerDirector:
        if not (self._user and self._password):
            return urllib.request.build_opener()
        if self._auth == "basic":
            token = base64.b64encode(f"{self._user}:{self._password}".encode()).decode()
            opener = urllib.request.build_opener()
            opener.addheaders = [("Authorization", f"Basic {token}")]
            return opener
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, self._user, self._password)
        return urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(passwords))

    def update(self, template: str, bindings: dict) -> None:
        self.engine.update(with_prefixes(bind_values(template, bindings, style="bind")))

    def select(self, query: str, bindings: dict) -> list[dict]:
        text = with_prefixes(bind_values(query, bindings))
        return rows_from_json(self.engine.query(text, form="select", accept=JSON_RESULTS).body)

    def drop(self, graph: str) -> None:
        self.engine.update(f"DROP SILENT GRAPH {sparql_term(URIRef(graph))}")


def _too_big(message: str) -> bool:
    lowered = message.lower()
    return any(word in lowered for word in ("exceeded", "memory exhausted", "too long", "413"))


def build_info(dist: Path) -> tuple[Path, str, int | None]:
    """(the N-Triples dump, the build id, its triple count) of the build in ``dist``."""
    dump = dist / NT_DUMP
    if not dump.is_file():
        raise SourceError(f"no {NT_DUMP} in {dist}: run `osce-kg build` first")
    try:
        info = json.loads((dist / BUILD_INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        info = {}
    build_id = info.get("build_id")
    if not build_id:
        build_id = hashlib.sha256(dump.read_bytes()).hexdigest()
    return dump, str(build_id), info.get("triples")


def load_build(dist: Path, loader: Loader, *, control_graph: str, batch_size: int | None = None,
               state_path: Path | None = None, force: bool = False,
               progress: Progress | None = None) -> LoadResult:
    """Load the build in ``dist`` as a new version and make it current (module docstring)."""
    started = time.monotonic()
    say = progress or (lambda _line: None)
    dump, build_id, _ = build_info(dist)
    batch_size = batch_size or DEFAULT_BATCH[loader.method]
    state_path = state_path or dist / STATE_FILE
    control = {"c": URIRef(control_graph)}

    current = loader.select(CURRENT_VERSION_QUERY, {"control": URIRef(control_graph)})
    if current and str(current[0].get("id", "")) == build_id and not force:
        say(f"build {build_id[:12]} is already the current version ({current[0]['current']})")
        return LoadResult(build_id, str(current[0]["current"]), 0, 0, 0, (),
                          time.monotonic() - started, already_current=True)

    total, lines, bnode_batches = plan_batches(dump, batch_size)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    fresh = LoadState(endpoint=loader.engine.endpoint, control_graph=control_graph,
                      build_id=build_id, method=loader.method, batch_size=batch_size,
                      version_graph=f"{control_graph.rstrip('/')}/load/{stamp}", total=total)
    saved = LoadState.read(state_path)
    state = saved if saved is not None and saved.matches(fresh) and not force else fresh
    version = URIRef(state.version_graph)
    if state is fresh:
        loader.update(REGISTER_VERSION, {**control, "v": version, "id": Literal(build_id),
                                         "at": Literal(stamp_time(), datatype=XSD.dateTime),
                                         "n": Literal(lines)})
        state.write(state_path)
        say(f"loading build {build_id[:12]} ({lines:,} triples, {total} batches of up to "
            f"{batch_size:,}) into {version}")
    else:
        say(f"resuming the load of build {build_id[:12]} into {version}: "
            f"{state.done}/{total} batches already done")
    resumed_from = state.done

    sent = 0
    for index, (batch, has_bnodes) in enumerate(iter_batches(dump, batch_size, bnode_batches)):
        if index < state.done:
            sent += len(batch)
            continue
        loader.send(str(version), batch, has_bnodes)
        sent += len(batch)
        state.done = index + 1
        state.write(state_path)
        say(f"batch {index + 1}/{total}: {len(batch):,} triples ({sent:,}/{lines:,})")

    counted = loader.select(COUNT_IN_GRAPH, {"g": version})
    in_engine = int(counted[0]["n"]) if counted else 0
    if in_engine != lines:
        raise LoadFailed(f"the engine holds {in_engine:,} triples in {version}, expected "
                         f"{lines:,}; run `osce-kg load --force` to load it afresh")

    loader.update(SWITCH_VERSION, {**control, "v": version,
                                   "at": Literal(stamp_time(), datatype=XSD.dateTime)})
    say(f"switched: {version} is now current")
    dropped = drop_old_versions(loader, control_graph)
    for graph in dropped:
        say(f"dropped old version {graph}")
    state_path.unlink(missing_ok=True)
    return LoadResult(build_id, str(version), lines, total, resumed_from, tuple(dropped),
                      time.monotonic() - started)


def drop_old_versions(loader: Loader, control_graph: str) -> list[str]:
    """Drop every version but the current one and the one before it."""
    rows = loader.select(VERSIONS_QUERY, {"c": URIRef(control_graph)})
    keep = {str(r[k]) for r in rows for k in ("current", "previous") if r.get(k) is not None}
    if not keep:
        return []
    dropped = []
    for graph in sorted({str(r["v"]) for r in rows} - keep):
        loader.drop(graph)
        loader.update(FORGET_VERSION, {"c": URIRef(control_graph), "v": URIRef(graph)})
        dropped.append(graph)
    return dropped


def stamp_time() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def engine_for_load(url: str, *, user: str | None, password: str | None, auth: str,
                    timeout_s: float, retries: int) -> Engine:
    if not url.startswith(("http://", "https://", "sparql+http://", "sparql+https://")):
        raise StoreUnavailable(f"not an http(s) SPARQL endpoint: {url}")
    return Engine(url, user=user, password=password, auth=auth, timeout_s=timeout_s,
                  retries=retries)
