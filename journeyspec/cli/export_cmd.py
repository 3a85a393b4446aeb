"""``journeyspec export``: journeys as Mermaid journey text, a JSON document or CSV tables."""

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
from journeyspec.findings import Severity
from journeyspec.outputs import output_path
from journeyspec.paths import write_file
from journeyspec.report import Report
from journeyspec.reporters import text
from journeyspec.validation import validate_project


@click.command()
@click.argument(
    "journey_ids", nargs=-1, metavar="[JOURNEY-ID]...", shell_complete=complete_journey_ids
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="What to write.")
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
    help="Write to this file (or, for Mermaid, this folder: one ID.mmd per journey).",
)
@click.option("--force", is_flag=True, help="Replace output files that already exist.")
@config_option
@guarded
def export(
    journey_ids: tuple[str, ...],
    fmt: str,
    table: str,
    output: Path | None,
    force: bool,
    config_file: Path | None,
) -> int:
    """Write journeys (all, or the JOURNEY-IDs given) as Mermaid, JSON or CSV.

    The project must validate: with errors, they are listed on stderr, nothing is
    written and the exit code is 1.
    """
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
    if fmt == "mermaid" and output is not None and (output.is_dir() or len(journeys) != 1):
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
    for path, content in files.items():
        write_file(targets[path], content, replace=force)
        click.echo(f"wrote {path}", err=True)
    return 0
