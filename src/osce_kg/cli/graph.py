"""Commands on the graph: build, validate, stats, query, curate."""

from __future__ import annotations

import sys

import click

from osce_kg.cli.base import (
    EXIT_FAILED,
    EXIT_OK,
    cli,
    exit_code_of,
    fail,
    restart_with_allocator,
    settings_from,
)
from osce_kg.errors import OsceKgError, ValidationFailed


def _echo_report(report) -> None:
    """Each validation result as ``focus node — path — message``, then the summary line."""
    for line in report.lines():
        click.echo(line)
    click.echo(report.summary())


@cli.command("build")
@click.option("--from", "sources", multiple=True, type=click.Path(dir_okay=False),
              help="Build these RDF files (any dataset) instead of the project's sources.")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation.")
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Output directory (default: dist/ of the project, OSCE_KG_DIST_DIR).")
@click.option("--no-cache", is_flag=True,
              help="Parse and validate everything, without the cache of the last build "
                   "(.OUT.cache/ beside the output; big inputs only). Same files either way.")
@click.pass_context
def build_command(ctx: click.Context, sources: tuple[str, ...], no_validate: bool,
                  out: str | None, no_cache: bool) -> None:
    """Merge, validate and write the graph: store, dumps, VoID, build.json.

    Big inputs (over 16 MB) keep a cache beside the output: the next build parses only the
    files that changed and validates only what the changes can affect.
    """
    from pathlib import Path

    from osce_kg.build.pipeline import build

    settings = settings_from(ctx)
    restart_with_allocator(ctx, settings)
    try:
        result = build(settings, sources=[Path(s) for s in sources] or None,
                       out=Path(out) if out else None, validate=not no_validate,
                       progress=click.echo, cache=not no_cache)
    except ValidationFailed as exc:
        _echo_report(exc.report)
        click.echo("build refused: nothing was written", err=True)
        ctx.exit(exit_code_of(exc))
    except OsceKgError as exc:
        raise fail(exc) from exc
    click.echo(f"built {result.triples:,} triples into {result.out} (build {result.build_id[:12]})")


@cli.command("validate")
@click.argument("paths", nargs=-1, type=click.Path())
@click.pass_context
def validate_command(ctx: click.Context, paths: tuple[str, ...]) -> None:
    """Validate data files (default: data/ and data/releases/) against shapes/."""
    from pathlib import Path

    from osce_kg.build.pipeline import validate_sources

    try:
        report = validate_sources(settings_from(ctx), [Path(p) for p in paths] or None)
    except OsceKgError as exc:
        raise fail(exc) from exc
    _echo_report(report)
    ctx.exit(EXIT_OK if report.conforms else EXIT_FAILED)


@cli.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.option("--from", "sources", multiple=True, type=click.Path(),
              help="Count these RDF files instead of the built store.")
@click.pass_context
def stats_command(ctx: click.Context, as_json: bool, sources: tuple[str, ...]) -> None:
    """Counts per class and per property, from the built store (or --from files)."""
    import json
    from pathlib import Path

    from osce_kg.build.pipeline import store_from_files
    from osce_kg.build.stats import count_graph, format_table
    from osce_kg.namespaces import bind_prefixes
    from osce_kg.store import open_store

    try:
        if sources:
            store = store_from_files([Path(s) for s in sources])
        else:
            store = open_store(settings_from(ctx, store_mode="disk"))
        stats = count_graph(store)
        store.close()
    except OsceKgError as exc:
        raise fail(exc) from exc
    if as_json:
        click.echo(json.dumps(stats.as_json(), indent=2))
        return
    from rdflib import Graph

    names = bind_prefixes(Graph()).namespace_manager
    totals = [("triples", stats.triples), ("entities", stats.entities),
              ("distinct subjects", stats.distinct_subjects),
              ("distinct objects", stats.distinct_objects)]
    for block in (format_table(totals, heading=("graph", "count")),
                  format_table([(c.n3(names), n) for c, n in stats.classes],
                               heading=("class", "instances")),
                  format_table([(p.n3(names), n) for p, n in stats.properties],
                               heading=("property", "triples"))):
        click.echo("\n".join(block) + "\n")


@cli.command("query")
@click.argument("query")
@click.pass_context
def query_command(ctx: click.Context, query: str) -> None:
    """Run a SPARQL query (text, or - for standard input) on the built store.

    SELECT prints a table, ASK prints true or false, CONSTRUCT and DESCRIBE print Turtle.
    """
    from osce_kg.query.guard import analyse
    from osce_kg.rdf.io import serialize_turtle
    from osce_kg.store import open_store

    text = sys.stdin.read() if query == "-" else query
    try:
        form = analyse(text, settings_from(ctx)).form  # the endpoint's own guard and form
        store = open_store(settings_from(ctx))
        if form == "select":
            rows = store.select(text)
        elif form == "ask":
            answer = store.ask(text)
        else:
            graph = store.construct(text)
        store.close()
    except OsceKgError as exc:
        raise fail(exc) from exc
    if form == "ask":
        click.echo("true" if answer else "false")
    elif form == "select":
        _echo_rows(rows)
    else:
        click.echo(serialize_turtle(graph).decode("utf-8"), nl=False)


def _echo_rows(rows: list[dict]) -> None:
    from rdflib import Graph

    from osce_kg.namespaces import bind_prefixes

    names = bind_prefixes(Graph()).namespace_manager
    columns: list[str] = []
    for row in rows:
        columns.extend(k for k in row if k not in columns)
    cells = [[row[c].n3(names) if c in row else "" for c in columns] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    click.echo("  ".join(f"?{c}".ljust(w + 1)
                         for c, w in zip(columns, widths, strict=True)).rstrip())
    for line in cells:
        click.echo("  ".join(v.ljust(w + 1) for v, w in zip(line, widths, strict=True)).rstrip())
    click.echo(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


@cli.command("curate")
@click.option("--reference", "reference_dir", type=click.Path(file_okay=False), default=None,
              help="Reference tables (default: ../shared/reference next to the project).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Where to write the curated Turtle files (default: <project>/data).")
@click.pass_context
def curate_command(ctx: click.Context, reference_dir: str | None,
                   out_dir: str | None) -> None:
    """Regenerate the curated data/*.ttl from the reference tables (byte-stable)."""
    from pathlib import Path

    from osce_kg.curate import curate as curate_data
    from osce_kg.curate import default_reference_dir

    settings = settings_from(ctx)
    reference = Path(reference_dir) if reference_dir else default_reference_dir(
        settings.project_dir)
    out = Path(out_dir) if out_dir else settings.project_dir / "data"
    try:
        counts = curate_data(reference, out)
    except OsceKgError as exc:
        raise fail(exc) from exc
    click.echo(f"curated {sum(counts.values())} triples into {len(counts)} files in {out}")
