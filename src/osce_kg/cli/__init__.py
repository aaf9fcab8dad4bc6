"""The ``osce-kg`` command line. Thin commands: parse options, call one core function, report.

Exit codes (all commands): 0 success; 1 the data does not conform, a page failed, the engine
refused a load; 2 usage, input, I/O or runtime error. ``EXIT_BY_ERROR`` is the one place that
maps the domain errors (``osce_kg.errors``) to them.
"""

from osce_kg.cli import graph, publications, server  # noqa: F401  (each module adds its commands)
from osce_kg.cli.base import EXIT_BY_ERROR, cli, exit_code_of, main

__all__ = ["EXIT_BY_ERROR", "cli", "exit_code_of", "main"]
