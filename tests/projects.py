"""Fixture projects, built by the real ``osce_kg.build.build()`` — the one way tests get a build
directory (no hand-made imitation of one that could drift from the build).

A fixture project is a directory laid out as the project is (``ontology/osce.ttl``,
``shapes/osce.shapes.ttl``, ``data/*.ttl``); :func:`build_project` writes one and builds it into
its ``dist/``. The root conftest holds the session's builds (``project_build``, ``web_build``,
``pages_build``, ``sparql_build``); this module is what they and any test share.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from osce_kg.build import build
from osce_kg.build.pipeline import BuildResult
from osce_kg.build.sources import release_files
from osce_kg.settings import Settings

PROJECT_DIR = Path(__file__).resolve().parents[1]
SHARED_DIR = PROJECT_DIR.parent / "shared"
ONTOLOGY = PROJECT_DIR / "ontology" / "osce.ttl"
SHAPES = PROJECT_DIR / "shapes" / "osce.shapes.ttl"
WEB_DATA = Path(__file__).resolve().parent / "web" / "data"  # the web tests' small graph
# one small graph per shape, invalid-*.ttl breaking it and valid.ttl meeting every shape
SHAPE_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "shapes"

# a literal that must never run as script anywhere it is shown (the SPARQL tests' build has it)
SCRIPT_TURTLE = """\
<https://w3id.org/osce/id/place/vilnius> <http://www.w3.org/2004/02/skos/core#editorialNote>
    "<script>alert(1)</script>"@en .
"""


def project_data() -> list[Path]:
    """The project's own data files, as its build reads them."""
    data = PROJECT_DIR / "data"
    return sorted(data.glob("*.ttl")) + release_files(data / "releases")


def write_project(root: Path, data: Iterable[Path], *, ontology: Path = ONTOLOGY,
                  shapes: Path = SHAPES, extra: dict[str, str] | None = None) -> Path:
    """A project under ``root``: the ontology and shapes given, ``data`` copied into ``data/``
    (names kept), and ``extra`` ({file name: Turtle}) written beside them."""
    (root / "ontology").mkdir(parents=True, exist_ok=True)
    (root / "shapes").mkdir(exist_ok=True)
    (root / "data").mkdir(exist_ok=True)
    shutil.copy(ontology, root / "ontology" / "osce.ttl")
    shutil.copy(shapes, root / "shapes" / "osce.shapes.ttl")
    for path in data:
        shutil.copy(path, root / "data" / path.name)
    for name, text in (extra or {}).items():
        (root / "data" / name).write_text(text, encoding="utf-8")
    return root


def build_project(root: Path, data: Iterable[Path], *, validate: bool = True,
                  **project) -> BuildResult:
    """:func:`write_project`, then ``osce-kg build`` of it into ``root/dist``."""
    write_project(root, data, **project)
    return build(Settings(project_dir=root), out=root / "dist", validate=validate)


def web_project(root: Path, *more: str, extra: dict[str, str] | None = None) -> BuildResult:
    """The web tests' project built: its small ontology and shapes, ``graph.ttl``, the ``more``
    files of ``tests/web/data`` and the ``extra`` ones ({file name: Turtle})."""
    return build_project(root, [WEB_DATA / "graph.ttl", *(WEB_DATA / name for name in more)],
                         ontology=WEB_DATA / "ontology.ttl", shapes=WEB_DATA / "shapes.ttl",
                         extra=extra)


def tree_bytes(directory: Path) -> dict[str, bytes]:
    """Every file under ``directory`` (relative path → bytes), to compare trees exactly."""
    return {str(p.relative_to(directory)): p.read_bytes()
            for p in sorted(directory.rglob("*")) if p.is_file()}
