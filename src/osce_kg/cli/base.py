"""The ``osce-kg`` group, its settings and the one map from domain errors to exit codes."""

from __future__ import annotations

import logging
import sys

import click

from osce_kg import __version__
from osce_kg.errors import LoadFailed, OsceKgError, ValidationFailed
from osce_kg.settings import Settings

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2

# The domain errors as exit codes; the first class that matches wins.
EXIT_BY_ERROR: tuple[tuple[type[OsceKgError], int], ...] = (
    (ValidationFailed, EXIT_FAILED),   # the data does not conform (the report is printed)
    (LoadFailed, EXIT_FAILED),         # the engine refused a batch or holds a wrong count
    (OsceKgError, EXIT_ERROR),         # input, sources, shapes, store, a missing tool, …
)


def exit_code_of(exc: OsceKgError) -> int:
    return next(code for cls, code in EXIT_BY_ERROR if isinstance(exc, cls))


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
    process = bool((ctx.obj or {}).get("process"))
    try:
        ctx.obj = {"settings": Settings.from_env(**overrides), "process": process}
    except (ValueError, TypeError) as exc:
        raise UsageError(f"bad configuration: {exc}") from exc


def main() -> None:
    """The ``osce-kg`` program (its own process: the commands may restart it, see
    :func:`restart_with_allocator`)."""
    cli(obj={"process": True})


def restart_with_allocator(ctx: click.Context, settings: Settings) -> None:
    """Start this process again with the configured allocator (jemalloc) when it is the
    ``osce-kg`` program, not a command invoked in-process (tests, ``CliRunner``)."""
    if ctx.obj.get("process"):
        from osce_kg import allocator

        try:
            allocator.use(settings.allocator)
        except ValueError as exc:
            raise UsageError(f"bad configuration: OSCE_KG_ALLOCATOR: {exc}") from exc


class Failed(click.ClickException):
    """An expected error: ``Error: message`` on standard error, no traceback."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def fail(exc: OsceKgError) -> Failed:
    """An expected error as a one-line message and its exit code (:data:`EXIT_BY_ERROR`)."""
    return Failed(str(exc), exit_code_of(exc))
