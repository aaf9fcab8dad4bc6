"""The ``osce-kg`` command line. Thin commands: parse options, call one core function, report.

Exit codes (all commands): 0 success; 1 the data does not conform, a page failed, the engine
refused a load; 2 usage, input, I/O or runtime error. ``EXIT_BY_ERROR`` is the one place that
maps the domain errors (``osce_kg.errors``) to them.
"""

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


# Commands are added below, one function each (build, validate, stats, query, ingest,
# curate, serve, assets, load).


# --- build, validate, stats, query


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


@cli.command("serve")
@click.option("--host", default=None, help="Interface to listen on (default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port to listen on (default 8080).")
@click.option("--workers", type=int, default=None, help="gunicorn worker processes.")
@click.option("--threads", type=int, default=None, help="Threads per worker.")
@click.option("--base-url", default=None,
              help="Public base URL of this server (default: OSCE_KG_BASE_URL, else "
                   "http://HOST:PORT as listened on).")
@click.option("--store", "store", default=None,
              help="Build directory (or its store/) to serve, or sparql+http://… endpoint.")
@click.option("--access-log", "access_log", default=None, metavar="FILE|-",
              help="Access log (combined format, then the duration in ms): a file, - for "
                   "standard output (the default), or '' for none.")
@click.option("--get", "get_path", default=None,
              help="Answer one GET of this path in-process, print it and exit (no server).")
@click.option("--accept", default="text/html", show_default=True, help="Accept header for --get.")
@click.pass_context
def serve_command(ctx: click.Context, host: str | None, port: int | None, workers: int | None,
                  threads: int | None, base_url: str | None, store: str | None,
                  access_log: str | None, get_path: str | None, accept: str) -> None:
    """Serve the graph: pages, data, dumps and the SPARQL endpoint (gunicorn, gthread)."""
    settings = settings_from(ctx, host=host, port=port, workers=workers, threads=threads,
                             store=store, base_url=base_url, access_log=access_log)
    if get_path is not None:
        from osce_kg.web import create_app

        try:
            response = create_app(settings).test_client().get(get_path,
                                                                headers={"Accept": accept})
        except OsceKgError as exc:
            raise fail(exc) from exc
        click.echo(f"{response.status} {response.content_type}", err=True)
        click.echo(response.get_data(as_text=True), nl=False)
        ctx.exit(EXIT_OK if response.status_code < 400 else EXIT_FAILED)
    from osce_kg.serving import serve

    restart_with_allocator(ctx, settings)
    try:
        serve(settings, on_ready=lambda url: click.echo(f"osce-kg serving on {url}"))
    except OsceKgError as exc:
        raise fail(exc) from exc


@cli.command("assets")
@click.option("--no-npm", is_flag=True, help="Only copy from an existing node_modules/.")
@click.pass_context
def assets_command(ctx: click.Context, no_npm: bool) -> None:
    """Install the query editor and map libraries (npm ci) into web/static/vendor/."""
    from osce_kg.web.assets import install_assets

    settings = settings_from(ctx)
    try:
        written = install_assets(settings.project_dir, run_npm=not no_npm)
    except OsceKgError as exc:
        raise fail(exc) from exc
    click.echo(f"installed {len(written)} front-end files into web/static/vendor/")


@cli.command("load")
@click.option("--to", "to_url", required=True, metavar="URL",
              help="The engine's SPARQL endpoint that accepts updates "
                   "(Virtuoso: http://HOST:8890/sparql-auth).")
@click.option("--graph", default=None, metavar="IRI",
              help="Control graph naming the current version (default: OSCE_KG_REMOTE_GRAPH, "
                   "https://w3id.org/osce/dataset).")
@click.option("--batch", type=click.IntRange(min=1), default=None,
              help="Triples per request (default 1,000 for Update, 50,000 for --gsp).")
@click.option("--gsp", "gsp_url", default=None, metavar="URL",
              help="Send batches by Graph Store Protocol POST to this URL, much faster "
                   "(Virtuoso: http://HOST:8890/sparql-graph-crud-auth).")
@click.option("--user", default=None,
              help="User name (default OSCE_KG_REMOTE_USER); the password is read from "
                   "OSCE_KG_REMOTE_PASSWORD only.")
@click.option("--dist", type=click.Path(file_okay=False), default=None,
              help="The build to load (default: dist/ of the project, OSCE_KG_DIST_DIR).")
@click.option("--force", is_flag=True,
              help="Load afresh even if this build is current or a load was interrupted.")
@click.option("--timeout", type=click.FloatRange(min=1), default=300.0, show_default=True,
              help="Seconds to wait for each request.")
@click.pass_context
def load_command(ctx: click.Context, to_url: str, graph: str | None, batch: int | None,
                 gsp_url: str | None, user: str | None, dist: str | None, force: bool,
                 timeout: float) -> None:
    """Push the build into a SPARQL engine as a new version, then switch readers to it.

    Resumable: run the same command again after an interruption.
    """
    from pathlib import Path

    from osce_kg.store.remote.load import Loader, engine_for_load, load_build

    settings = settings_from(ctx)
    user = user or settings.remote_user
    try:
        engine = engine_for_load(to_url, user=user, password=settings.remote_password,
                                 auth=settings.remote_auth, timeout_s=timeout,
                                 retries=settings.remote_retries)
        loader = Loader(engine, method="gsp" if gsp_url else "update", gsp_url=gsp_url,
                        user=user, password=settings.remote_password, auth=settings.remote_auth)
        result = load_build(Path(dist) if dist else settings.dist, loader,
                            control_graph=graph or settings.remote_graph, batch_size=batch,
                            force=force, progress=click.echo)
    except LoadFailed as exc:
        click.echo(f"load failed: {exc}", err=True)
        ctx.exit(exit_code_of(exc))
    except OsceKgError as exc:
        raise fail(exc) from exc
    if not result.already_current:
        click.echo(f"loaded {result.triples:,} triples of build {result.build_id[:12]} into "
                   f"{result.version_graph} in {result.seconds:.1f} s")


@cli.command("ingest")
@click.argument("paths", nargs=-1)
@click.option("--from-archive", "archive", type=click.Path(file_okay=False), default=None,
              help="Re-ingest every item page a harvest archive (WARC) holds; no network.")
@click.option("--dry-run", is_flag=True,
              help="Print the Turtle of all releases (with labels of linked things); write nothing.")
@click.option("--check-nav", is_flag=True,
              help="Compare the pages' navigation menus with the graph instead of ingesting.")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation before writing.")
@click.pass_context
def ingest_command(ctx: click.Context, paths: tuple[str, ...], archive: str | None,
                   dry_run: bool, check_nav: bool, no_validate: bool) -> None:
    """Ingest saved OSCE pages (files, directories, globs) into data/releases/.

    Exit 1 if any page failed (or, with --check-nav, if the menus and the graph differ).
    """
    from osce_kg.ingest.runner import ERROR, check_navigation_paths, ingest_paths

    project_dir = settings_from(ctx).project_dir
    if archive is not None:
        _ingest_archive(ctx, paths, archive, dry_run, check_nav, no_validate)
    if not paths:
        raise UsageError("name the pages to ingest (files, directories, globs) or --from-archive")
    if check_nav:
        differs = False
        for source, report, error in check_navigation_paths(paths, project_dir):
            if report is None:
                click.echo(f"error {source}: {error}")
                differs = True
                continue
            state = "differs" if report.differs else "ok"
            click.echo(f"{state} {source}: menus {', '.join(report.checked)}")
            for line in report.lines():
                click.echo(f"  {line}")
            differs = differs or report.differs
        ctx.exit(EXIT_FAILED if differs else EXIT_OK)
    run = ingest_paths(paths, project_dir, dry_run=dry_run, validate=not no_validate)
    for outcome in run.outcomes:
        detail = outcome.message or ", ".join(str(p.relative_to(project_dir))
                                              if p.is_relative_to(project_dir) else str(p)
                                              for p in outcome.written)
        if dry_run and outcome.status != ERROR:
            detail = f"{len(outcome.releases)} release(s)"
        click.echo(f"{outcome.status} {outcome.source}: {detail}", err=dry_run)
        for release in outcome.releases if outcome.status != ERROR else ():
            for note in release.notes:
                click.echo(f"  note: {note}", err=dry_run)
    if dry_run and run.dry_run_turtle is not None:
        click.echo(run.dry_run_turtle.decode("utf-8"))
    click.echo(run.summary(), err=dry_run)
    ctx.exit(EXIT_FAILED if run.failed else EXIT_OK)


def _ingest_archive(ctx: click.Context, paths: tuple[str, ...], archive: str, dry_run: bool,
                    check_nav: bool, no_validate: bool) -> None:
    from pathlib import Path

    from osce_kg.harvest import ingest_archive

    if paths or dry_run or check_nav or no_validate:
        raise UsageError("--from-archive takes no paths, --dry-run, --check-nav or --no-validate")
    try:
        run = ingest_archive(Path(archive), settings_from(ctx).project_dir)
    except OsceKgError as exc:
        raise fail(exc) from exc
    for problem in run.problems:
        click.echo(f"note: {problem}", err=True)
    for result in run.results:
        written = ", ".join(p.name for p in result.written)
        click.echo(f"{result.status} {result.url}: {result.message or written}")
    click.echo(run.summary())
    ctx.exit(EXIT_FAILED if run.failed else EXIT_OK)


@cli.command("harvest")
@click.option("--site", default=None, metavar="URL",
              help="The site to harvest (default: the profile's, https://www.osce.org).")
@click.option("--profile", type=click.Path(dir_okay=False, exists=True), default=None,
              help="Site profile (TOML): listing URL, selectors, limits; see docs/harvest.md.")
@click.option("--archive", type=click.Path(file_okay=False), default=None,
              help="WARC archive and state directory (default: harvest/ of the project).")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              metavar="YYYY-MM-DD", help="Walk the listings down to this date (not the "
              "unchanged run).")
@click.option("--full", is_flag=True, help="Walk every listing page.")
@click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Seconds between requests (robots.txt's Crawl-delay when larger).")
@click.option("--max-requests", type=click.IntRange(min=1), default=None, metavar="N",
              help="Stop after N requests; the next harvest resumes there.")
@click.option("--no-ingest", is_flag=True, help="Only fetch into the archive.")
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Where release Turtle goes (default: data/releases/ of the project).")
@click.pass_context
def harvest_command(ctx: click.Context, site: str | None, profile: str | None,
                    archive: str | None, since, full: bool, delay: float,
                    max_requests: int | None, no_ingest: bool, out: str | None) -> None:
    """Fetch the OSCE's publications from its web site politely, then ingest them.

    Obeys robots.txt (Disallow, Crawl-delay), sends one request per --delay seconds, honours
    Retry-After, keeps every response in a WARC archive, asks again conditionally, and resumes
    where a killed run stopped. Progress on a terminal (standard error); a summary line always.

    Exit codes: 0 every item fetched and ingested (or skipped by rule, each named);
    1 some items failed, each named with its reason; 2 usage, or the site's robots.txt or the
    archive unusable.
    """
    from pathlib import Path

    from osce_kg.harvest import HarvestOptions, harvest
    from osce_kg.harvest.progress import Progress

    if full and since is not None:
        raise UsageError("--full and --since are exclusive")
    options = HarvestOptions(site=site, profile=Path(profile) if profile else None,
                             archive=Path(archive) if archive else None,
                             since=since.date() if since else None, full=full, delay=delay,
                             max_requests=max_requests, ingest=not no_ingest,
                             out=Path(out) if out else None)
    progress = Progress(sys.stderr)
    try:
        report = harvest(options, settings_from(ctx), progress)
    except OsceKgError as exc:
        raise fail(exc) from exc
    for line in report.lines():
        click.echo(line)
    progress.finish(report.summary())
    ctx.exit(EXIT_FAILED if report.failed else EXIT_OK)
