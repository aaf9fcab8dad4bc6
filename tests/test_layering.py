"""The architecture's rules, read from the import graph (``tests/importgraph.py``).

No import cycles; per package, the packages it never imports (module-level and function-level
imports alike, ``TYPE_CHECKING`` ones too: a type is a dependency); only the web layer (and the
CLI and ``serving`` at the top) imports the web frameworks; core modules never import click.
"""

from __future__ import annotations

import pytest
from importgraph import cycles, internal, modules

WEB_FRAMEWORKS = ("flask", "werkzeug", "jinja2", "gunicorn")
TOP_LAYER = ("osce_kg.cli", "osce_kg.serving", "osce_kg.__main__")
CORE = ("osce_kg.build", "osce_kg.validation", "osce_kg.ingest", "osce_kg.store", "osce_kg.query",
        "osce_kg.pages", "osce_kg.rdf", "osce_kg.curate")

# package -> the packages of ours it never imports
NEVER_IMPORTS = {
    "osce_kg.store": ("osce_kg.query", "osce_kg.pages", "osce_kg.web", "osce_kg.cli"),
    "osce_kg.query": ("osce_kg.pages", "osce_kg.web", "osce_kg.cli"),
    "osce_kg.rdf": ("osce_kg.store", "osce_kg.query", "osce_kg.pages", "osce_kg.build",
                    "osce_kg.web"),
    "osce_kg.ingest": ("osce_kg.web", "osce_kg.cli"),
    "osce_kg.build": ("osce_kg.web", "osce_kg.cli"),
    "osce_kg.validation": ("osce_kg.web", "osce_kg.cli"),
    "osce_kg.curate": ("osce_kg.web", "osce_kg.cli"),
    "osce_kg.pages": ("osce_kg.web", "osce_kg.cli"),
}

# known breaches, each being fixed elsewhere: module -> reason (an xfail(strict=True), so that the
# fix turns it into a failure that says to remove the entry); empty since the guard left the store
KNOWN: dict[str, str] = {}


def within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def imported(name: str) -> set[str]:
    """What module ``name`` imports: our modules by their dotted name, others as written."""
    module = modules()[name]
    return {internal(n) or n for n in module.imports | module.typing_imports}


def rule_cases() -> list:
    return list(_rule_cases())


def _rule_cases():
    for name in sorted(modules()):
        for package, forbidden in NEVER_IMPORTS.items():
            if within(name, package):
                marks = ([pytest.mark.xfail(strict=True, reason=KNOWN[name])]
                         if name in KNOWN else [])
                yield pytest.param(name, forbidden, id=name, marks=marks)


def breaches(name: str, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(n for n in imported(name) if any(within(n, f) for f in forbidden))


@pytest.mark.parametrize(("name", "forbidden"), rule_cases())
def test_package_never_imports_the_layers_above_it(name: str, forbidden: tuple[str, ...]) -> None:
    assert not breaches(name, forbidden), f"{name} imports {breaches(name, forbidden)}"


@pytest.mark.parametrize("name", sorted(n for n in modules() if not within(n, "osce_kg.web")
                                        and not any(within(n, top) for top in TOP_LAYER)))
def test_only_the_web_layer_imports_the_web_frameworks(name: str) -> None:
    assert not breaches(name, WEB_FRAMEWORKS), f"{name} imports {breaches(name, WEB_FRAMEWORKS)}"


@pytest.mark.parametrize("name", sorted(n for n in modules() if any(within(n, c) for c in CORE)))
def test_core_modules_never_import_click(name: str) -> None:
    assert not breaches(name, ("click",)), f"{name} imports click"


def test_the_package_has_no_import_cycles() -> None:
    found = cycles()
    assert not found, "import cycles: " + "; ".join(" → ".join(c) for c in found)


@pytest.mark.parametrize(("graph", "expected"), [
    ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
    ({"a": {"b"}, "b": {"a"}}, [["a", "b", "a"]]),
    ({"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"f"}, "f": {"e"}},
     [["a", "b", "c", "a"], ["e", "f", "e"]]),
], ids=["none", "two", "three-and-two"])
def test_the_cycle_finder_names_every_cycle(graph, expected) -> None:
    assert cycles(graph) == expected


def test_function_level_imports_and_imported_modules_are_in_the_graph() -> None:
    # create_app imports its blueprints and the store factory inside the function
    assert {"osce_kg.web.dumps", "osce_kg.web.state", "osce_kg.store"} <= imported("osce_kg.web")
    # `from osce_kg.web import create_app` (a function, imported inside a function) is the package
    assert "osce_kg.web" in imported("osce_kg.serving")
