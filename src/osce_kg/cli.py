"""The ``osce-kg`` command line. Thin commands: parse options, call one core function, report.

Exit codes (all commands): 0 success; 1 the data or input does not conform / a page failed /
not found; 2 usage, I/O or runtime error.
"""

from __future__ import annotations

import logging
import sys

import click

from osce_kg import __version__
from osce_kg.errors import OsceKgError
from osce_kg.settings import Settings

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2


class UsageError(click.ClickException):
    exit_code = EXIT_ERROR


def settings_from(ctx: click.Context, **overrides) -> Settings:
    """The settings of this invocation: defaults < OSCE_KG_* environment < options."""
    base: Settings = ctx.obj["settings"]
    return base.replace(**overrides)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="osce-kg")
@click.option("--project-dir", type=click.Path(file_okay=False, path_type=None), default=None,
              help="Checkout holding ontology/, shapes/ and data/ (default: this checkout).")
@click.option("-v", "--verbose", is_flag=True, help="Log debug messages to standard error.")
@click.pass_context
def cli(ctx: click.Context, project_dir: str | None, verbose: bool) -> None:
    """osce-kg: build, validate, ingest, query and serve the OSCE knowledge graph.

    Configuration comes from OSCE_KG_* environment variables (see the README) and options.
    """
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    from pathlib import Path

    overrides = {"project_dir": Path(project_dir)} if project_dir else {}
    try:
        ctx.obj = {"settings": Settings.from_env(**overrides)}
    except (ValueError, TypeError) as exc:
        raise UsageError(f"bad configuration: {exc}") from exc


def fail(exc: OsceKgError) -> UsageError:
    """An expected error as a one-line message and exit code 2 (no traceback)."""
    return UsageError(str(exc))


# Commands are added below, one function each (build, validate, stats, query, ingest,
# curate, serve, assets, load).
