"""``journeyspec import``: new journeys from a CSV sheet or Mermaid ``journey`` text."""

from __future__ import annotations

from pathlib import Path

import click

from journeyspec.cli.common import EXIT_CLEAN, EXIT_FINDINGS, config_option, guarded, project_config
from journeyspec.importing import SOURCES, import_files
from journeyspec.importing.draft import Choices
from journeyspec.validation import validate_project


@click.command(name="import")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--from",
    "kind",
    type=click.Choice(SOURCES),
    help="What the SOURCES hold (default: .csv is CSV, .mmd/.mermaid is Mermaid, else sniffed).",
)
@click.option("--id", "journey_id", help="The new journey's id (default: from the file name).")
@click.option("--persona", help="The persona id (default: a task's actor, else the first).")
@click.option("--owner", help="The team owning the journey and stages without an owner.")
@config_option
@guarded
def import_command(
    sources: tuple[Path, ...],
    kind: str | None,
    journey_id: str | None,
    persona: str | None,
    owner: str | None,
    config_file: Path | None,
) -> int:
    """Create journeys/ID.yaml from CSV grids or Mermaid journey diagrams.

    \b
    CSV, steps as rows: the layout `journeyspec export --format csv --table steps` writes
    (one journey per `journey` id); its pain-points and opportunities tables, given with
    it, add the pain points' titles, severities and anchors and the opportunities.
    CSV, workshop layout: column A names the lanes (stage, step, doing, thinking, feeling,
    score, touchpoints, channels, pain points, opportunities), one column per step.
    Mermaid: title, sections, `Task: score: actor` lines; scores 1..5 are mapped onto the
    project's emotion scale.

    Never replaces a file. Prints what it made and what it could not map. Exit codes:
    0 imported, 1 imported but something could not be mapped, 2 nothing written.
    """
    config = project_config(config_file)
    portfolio = validate_project(config).portfolio
    imported = import_files(
        config,
        portfolio,
        list(sources),
        kind=kind,  # type: ignore[arg-type]
        journey_id=journey_id,
        choices=Choices(persona=persona, owner=owner),
    )
    for created in imported.created:
        click.echo(f"created {created}")
    for note in imported.notes:
        click.echo(f"not mapped: {note}", err=True)
    fill = [f"check the persona ({imported.persona})"]
    if imported.owner is None:
        teams = ", ".join(sorted(portfolio.teams)) or "none yet"
        fill.append(f"set `owner:` on the journey and its stages (teams: {teams})")
    click.echo(f"next: {'; '.join(fill)}; replace the TODO: text", err=True)
    return EXIT_FINDINGS if imported.notes else EXIT_CLEAN
