"""Running ``osce-kg`` in-process against a throw-away Virtuoso (the remote tests' helpers)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from virtuoso import VirtuosoServer

from osce_kg.cli import cli

PROJECT_DIR = Path(__file__).resolve().parents[2]


def run_cli(*args: str, env: dict[str, str] | None = None):
    """``osce-kg ARGS`` in-process; the result has exit_code and output."""
    return CliRunner().invoke(cli, ["--project-dir", str(PROJECT_DIR), *args], env=env,
                              catch_exceptions=False)


def load_env(server: VirtuosoServer) -> dict[str, str]:
    return {"OSCE_KG_REMOTE_USER": server.user, "OSCE_KG_REMOTE_PASSWORD": server.password}


def load_args(server: VirtuosoServer, dist: Path, *extra: str) -> list[str]:
    return ["load", "--to", server.base_url + "/sparql-auth",
            "--gsp", server.base_url + "/sparql-graph-crud-auth", "--dist", str(dist), *extra]
