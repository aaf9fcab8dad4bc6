"""Settings: defaults < ``OSCE_KG_*`` environment < explicit arguments.

Each setting is a field of :class:`Settings`, its comment saying what it does; the variable
``OSCE_KG_<NAME>`` sets it. ``tests/test_docs.py`` checks that the README documents each one.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENV_PREFIX = "OSCE_KG_"


def _default_project_dir() -> Path:
    """The checkout that holds ontology/, shapes/ and data/ (editable install), else the cwd."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "ontology" / "osce.ttl").exists() and (parent / "data").is_dir():
            return parent
    return Path.cwd()


@dataclass(frozen=True)
class Settings:
    project_dir: Path = field(default_factory=_default_project_dir)
    # where `build` writes (store/, dumps, void.ttl); default: <project_dir>/dist
    dist_dir: Path | None = None
    # the store to serve: a directory written by `build` (default <dist>/store)
    # or a remote SPARQL endpoint "sparql+http://host:port/sparql"
    store: str | None = None
    # embedded store: "memory" loads the build's dump into RAM (fast queries),
    # "disk" opens <dist>/store read-only (less memory, slower)
    store_mode: str = "memory"
    # public base URL of this server (IRIs https://w3id.org/osce/... map onto it); unset, it
    # follows where the server listens: http://HOST:PORT
    base_url: str | None = None
    host: str = "127.0.0.1"
    port: int = 8080
    workers: int = 2
    # where `serve` writes its access log (combined format with the duration): a file, "-" for
    # standard output, or "" for none
    access_log: str = "-"
    threads: int = 4
    # limits of the public SPARQL endpoint
    query_timeout_s: float = 30.0
    max_result_rows: int = 10_000
    max_body_bytes: int = 1_000_000
    max_query_chars: int = 100_000
    max_nesting_depth: int = 64
    federation_allow: tuple[str, ...] = ()
    # result cache shared by the workers (keyed by query, format and build)
    cache: bool = True
    # memory allocator of `serve` and `build`: "jemalloc" when installed (faster queries), or
    # "system" (the C library's)
    allocator: str = "jemalloc"
    # remote store: timeouts and retries
    remote_timeout_s: float = 10.0
    remote_retries: int = 3
    # remote store: credentials (never logged), HTTP auth scheme ("digest" for Virtuoso's
    # /sparql-auth, or "basic"), the named graph `osce-kg load` manages ("" = engine default),
    # and how often workers re-read which loaded version is current
    remote_user: str | None = None
    remote_password: str | None = field(default=None, repr=False)
    remote_auth: str = "digest"
    remote_graph: str = "https://w3id.org/osce/dataset"
    remote_refresh_s: float = 5.0
    page_size: int = 50
    # `harvest`: the contact URL in the User-Agent (who runs this crawler, how to reach them)
    harvest_contact: str = "https://w3id.org/osce/"

    @property
    def public_base(self) -> str:
        """``base_url`` when set (``OSCE_KG_BASE_URL``), else where the server listens
        (``http://HOST:PORT``; a wildcard host such as 0.0.0.0 becomes 127.0.0.1)."""
        if self.base_url:
            return self.base_url.rstrip("/")
        host = "127.0.0.1" if self.host in ("", "0.0.0.0") else \
            "[::1]" if self.host == "::" else f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def max_url_bytes(self) -> int:
        """The longest request target answered: a query of ``max_query_chars`` ASCII characters
        fully percent-encoded, and room for the other parameters; longer is 414 (use POST)."""
        return 3 * self.max_query_chars + 16_384

    @property
    def dist(self) -> Path:
        return self.dist_dir if self.dist_dir is not None else self.project_dir / "dist"

    @property
    def store_location(self) -> str:
        return self.store if self.store else str(self.dist / "store")

    @property
    def is_remote(self) -> bool:
        return self.store_location.startswith(("sparql+http://", "sparql+https://"))

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then ``OSCE_KG_<NAME>`` variables, then ``overrides`` (``None`` ignored)."""
        environ = dict(os.environ if environ is None else environ)
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            raw = environ.get(ENV_PREFIX + f.name.upper())
            if raw is not None:
                values[f.name] = _coerce(f, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


def _coerce(f: dataclasses.Field, raw: str) -> Any:
    kind = str(f.type)
    if "Path" in kind:
        return Path(raw)
    if "bool" in kind:
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if "int" in kind:
        return int(raw)
    if "float" in kind:
        return float(raw)
    if "tuple" in kind:
        return tuple(x.strip() for x in raw.split(",") if x.strip())
    return raw
