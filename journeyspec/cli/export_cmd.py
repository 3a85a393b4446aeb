"""``journeyspec export``: journeys as Mermaid journey text, a JSON document, CSV tables or
workshop posters (PDF and SVG)."""

from __future__ import annotations

import sys
from os.path import lexists as exists
from pathlib import Path
from typing import cast

import click

from journeyspec.cli.common import (
    EXIT_FINDINGS,
    config_option,
    guarded,
    path_prefix,
    project_config,
)
from journeyspec.cli.completion import complete_journey_ids
from journeyspec.errors import UsageError
from journeyspec.export import FORMATS, TABLES, ExportFormat, TableName, choose
from journeyspec.export import export as export_text
from journeyspec.export.poster import SIZES, PageSize, poster_files
from journeyspec.findings import Severity
from journeyspec.model import Journey, Portfolio
from journeyspec.outputs import output_path
from journeyspec.paths import write_file
from journeyspec.report import Report
from journeyspec.reporters import text
from journeyspec.validation import validate_project


@click.command()
@click.argument(
    "journey_ids", nargs=-1, metavar="[JOURNEY-ID]...", shell_complete=complete_journey_ids
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice((*FORMATS, "poster")),
    required=True,
    help="What to write (poster: ID.pdf and ID.svg per journey, into the -o folder).",
)
@click.option(
    "--table",
    type=click.Choice(TABLES),
    default="steps",
    show_default=True,
    help="CSV only: which table to write.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write to this file (or, for Mermaid, this folder: one ID.mmd per journey; for "
    "posters, this folder: the current one when not given).",
)
@click.option(
    "--size",
    type=click.Choice(SIZES),
    help="Posters only: the landscape page (default: the smallest of A3, A2, A1 that holds "
    "the map with 9 pt text; fit: a page exactly as large as the map).",
)
@click.option("--force", is_flag=True, help="Replace output files that already exist.")
@config_option
@guarded
def export(
    journey_ids: tuple[str, ...],
    fmt: str,
    table: str,
    output: Path | None,
    size: str | None,
    force: bool,
    config_file: Path | None,
) -> int:
    """Write journeys (all, or the JOURNEY-IDs given) as Mermaid, JSON, CSV or posters.

    The project must validate: with errors, they are listed on stderr, nothing is
    written and the exit code is 1.
    """
    if size is not None and fmt != "poster":
        raise UsageError("--size is for posters; drop it or pass --format poster")
    config = project_config(config_file)
    result = validate_project(config)
    errors = tuple(f for f in result.findings if f.severity >= Severity.ERROR)
    if errors:
        report = Report("export", errors, len(result.project.documents), prefix=path_prefix(config))
        text.write(report, sys.stderr, False)
        click.echo("journeyspec: nothing exported; fix the errors above first", err=True)
        return EXIT_FINDINGS
    portfolio = result.portfolio
    journeys = choose(portfolio, journey_ids)
    files: dict[Path, str | bytes]
    if fmt == "poster":
        files = _posters(portfolio, journeys, output or Path("."), cast(PageSize | None, size))
    elif fmt == "mermaid" and output is not None and (output.is_dir() or len(journeys) != 1):
        files = {output / f"{j.id}.mmd": export_text(portfolio, [j], "mermaid") for j in journeys}
    else:
        content = export_text(
            portfolio,
            journeys,
            cast(ExportFormat, fmt),
            project=config.name,
            table_name=cast(TableName, table),
            lanes=config.lanes,
        )
        if output is None:
            click.echo(content, nl=False)
            return 0
        if output.is_dir():
            raise UsageError(
                f"{output} is a folder; name the file to write the {fmt} export to "
                f"(e.g. {output / ('journeys.' + fmt)})"
            )
        files = {output: content}
    # Every target is checked before the first is written: a refusal leaves nothing half done.
    targets = {path: output_path(path, config, what=str(path)) for path in files}
    clashes = [str(path) for path, target in targets.items() if exists(target) and not force]
    if clashes:
        raise UsageError(f"{', '.join(clashes)} already exists; pass --force to replace it")
    for path, data in files.items():
        write_file(targets[path], data, replace=force)
        click.echo(f"wrote {path}", err=True)
    return 0


def _posters(
    portfolio: Portfolio, journeys: list[Journey], folder: Path, size: PageSize | None
) -> dict[Path, str | bytes]:
    if exists(folder) and not folder.is_dir():
        raise UsageError(f"{folder} is not a folder; name the folder to write the posters into")
    return {
        folder / name: content
        for journey in journeys
        for name, content in poster_files(journey, portfolio, size).items()
    }
