"""The import graph of ``src/osce_kg``, read with ``ast`` (nothing is imported).

Every ``import`` and ``from … import`` statement counts, at module level and inside functions,
except those under ``if TYPE_CHECKING:`` (they never run; they are kept apart in
:attr:`Module.typing_imports` for the layering rules). ``from osce_kg.x import y`` is an edge to
the module ``osce_kg.x.y`` when that is a module, else to ``osce_kg.x``. A package is its
``__init__``, and it is reached only through explicit imports of it: importing
``osce_kg.store.base`` is an edge to ``osce_kg.store.base`` alone, not to ``osce_kg.store``.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "osce_kg"


@dataclass
class Module:
    name: str  # dotted: osce_kg.store.base; a package by its own name (osce_kg.store)
    path: Path
    imports: set[str] = field(default_factory=set)  # every name imported, external ones too
    typing_imports: set[str] = field(default_factory=set)  # under `if TYPE_CHECKING:`

    @property
    def is_package(self) -> bool:
        return self.path.name == "__init__.py"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _statements(tree: ast.AST, typing: bool = False):
    """(import statement, under TYPE_CHECKING?) for every import anywhere in ``tree``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node, typing
        elif isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.body:
                yield from _statements(ast.Module(body=[child], type_ignores=[]), True)
            for child in node.orelse:
                yield from _statements(ast.Module(body=[child], type_ignores=[]), typing)
        else:
            yield from _statements(node, typing)


def _resolve(node: ast.ImportFrom | ast.Import, module: Module, known: set[str]) -> set[str]:
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names}
    if node.level:  # relative: from the module's package, up level - 1
        base = module.name.split(".")
        if not module.is_package:
            base.pop()
        base = base[: len(base) - (node.level - 1)]
        source = ".".join(base + ([node.module] if node.module else []))
    else:
        source = node.module or ""
    names = set()
    for alias in node.names:
        child = f"{source}.{alias.name}"
        names.add(child if child in known else source)
    return names


@cache
def modules() -> dict[str, Module]:
    """Every module of the package by dotted name, with what it imports."""
    found = {module_name(p): Module(module_name(p), p) for p in sorted(PACKAGE.rglob("*.py"))}
    known = set(found)
    for module in found.values():
        tree = ast.parse(module.path.read_text(encoding="utf-8"), str(module.path))
        for node, typing in _statements(tree):
            target = module.typing_imports if typing else module.imports
            target.update(_resolve(node, module, known))
    return found


def internal(name: str) -> str | None:
    """The module of ours that an imported name means (the longest known prefix), or None."""
    known = modules()
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in known:
            return candidate
        parts.pop()
    return None


def edges() -> dict[str, set[str]]:
    """Module -> the modules of ours it imports when it runs (TYPE_CHECKING imports left out)."""
    graph = {}
    for name, module in modules().items():
        graph[name] = {t for t in map(internal, module.imports) if t is not None and t != name}
    return graph


def cycles(graph: dict[str, set[str]] | None = None) -> list[list[str]]:
    """Each strongly connected component of more than one module in ``graph`` (default: the
    package's :func:`edges`), as one cycle through it (a → b → … → a), sorted."""
    graph = edges() if graph is None else graph
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []

    def connect(node: str) -> None:  # Tarjan's algorithm
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = set()
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.add(top)
                if top == node:
                    break
            if len(component) > 1:
                components.append(component)

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return sorted(_cycle_in(graph, component) for component in components)


def _cycle_in(graph: dict[str, set[str]], component: set[str]) -> list[str]:
    """A shortest cycle through the component's first module, staying inside the component."""
    start = min(component)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for nxt in sorted(graph[node] & component):
                if nxt == start:
                    return paths[node] + [start]
                if nxt not in paths:
                    paths[nxt] = paths[node] + [nxt]
                    following.append(nxt)
        frontier = following
    raise AssertionError(f"no cycle through {start}")  # a component always has one
