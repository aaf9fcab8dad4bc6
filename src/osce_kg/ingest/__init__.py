"""Ingest saved OSCE web pages (release pages, newsroom listings; text or HTML) into releases.

Pure functions from bytes to structure to rdflib graphs: :func:`read_page` (bytes → :class:`Page`),
:class:`Gazetteer` (names → things of the graph), :func:`build_release` (entry → graph),
:func:`check_navigation` (menus ↔ graph); :func:`ingest_paths` runs them over files.
"""

from osce_kg.ingest.building import BuiltRelease, build_release
from osce_kg.ingest.model import Entry, Menu, Page
from osce_kg.ingest.names import Gazetteer
from osce_kg.ingest.reading import read_page

__all__ = ["BuiltRelease", "Entry", "Gazetteer", "Menu", "Page", "build_release", "read_page"]
