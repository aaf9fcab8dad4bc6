"""The layout of a build directory: ``osce-kg build`` writes it, the stores and the web layer
read it."""

from __future__ import annotations

import json
from pathlib import Path

from osce_kg.errors import StoreUnavailable

BUILD_INFO = "build.json"
STORE_DIR = "store"
NT_DUMP = "osce-kg.nt.gz"
TURTLE_DUMP = "osce-kg.ttl"
VOID_FILE = "void.ttl"
ONTOLOGY_FILE = "ontology.ttl"
SHAPES_FILE = "shapes.ttl"


def locate_build(location: Path) -> tuple[Path | None, Path]:
    """``(build directory or None, store directory)`` for a build directory or its ``store/``."""
    if (location / BUILD_INFO).is_file():
        return location, location / STORE_DIR
    if location.name == STORE_DIR and (location.parent / BUILD_INFO).is_file():
        return location.parent, location
    return None, location


def read_build_info(build_dir: Path) -> dict:
    """The build's ``build.json`` (build id, date, triple count, files)."""
    try:
        return json.loads((build_dir / BUILD_INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreUnavailable(f"cannot read {build_dir / BUILD_INFO}: {exc}") from exc
