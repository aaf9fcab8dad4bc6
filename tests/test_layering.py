"""Core modules never import Flask, click, or the web/CLI layers (architecture rule)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "osce_kg"
FORBIDDEN = ("flask", "click", "werkzeug", "gunicorn", "osce_kg.web", "osce_kg.cli")
TOP_LAYER = {"cli.py", "serving.py", "__main__.py"}


def core_modules() -> list[Path]:
    return sorted(
        p
        for p in PACKAGE.rglob("*.py")
        if not {"web", "cli"} & set(p.relative_to(PACKAGE).parts) and p.name not in TOP_LAYER
    )


def imported_names(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", core_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_core_module_does_not_import_web_or_cli(path: Path) -> None:
    bad = {n for n in imported_names(path) if n.split(".")[0] in FORBIDDEN or n in FORBIDDEN
           or any(n.startswith(f + ".") for f in FORBIDDEN)}
    assert not bad, f"{path.name} imports {sorted(bad)}"
