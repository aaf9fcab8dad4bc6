"""Commands that serve the graph or push it elsewhere: serve, assets, load."""

from __future__ import annotations

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
from osce_kg.errors import LoadFailed, OsceKgError


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
