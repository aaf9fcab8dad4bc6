"""The README documents every setting and every command (datasette's habit: docs that cannot drift)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from osce_kg.cli import cli
from osce_kg.settings import ENV_PREFIX, Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", [f.name for f in dataclasses.fields(Settings)])
def test_every_setting_is_in_the_readme(name: str) -> None:
    assert f"`{ENV_PREFIX}{name.upper()}" in README or f"{ENV_PREFIX}{name.upper()}`" in README


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"osce-kg {command}" in README
