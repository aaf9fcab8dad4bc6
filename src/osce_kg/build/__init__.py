"""The build: sources read, validated and written as the store, dumps, VoID and ``build.json``
(``osce-kg build``); see :mod:`osce_kg.build.pipeline`."""

from osce_kg.build.pipeline import build, store_from_files, validate_sources

__all__ = ["build", "store_from_files", "validate_sources"]
