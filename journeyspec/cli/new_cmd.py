"""``journeyspec new``: a new journey or persona file from a template."""

from __future__ import annotations

from pathlib import Path

import click
from click.core import ParameterSource

from journeyspec.cli.common import EXIT_CLEAN, config_option, guarded, project_config
from journeyspec.errors import UsageError
from journeyspec.scaffold import KINDS, TEMPLATES, new_file
from journeyspec.scaffold.documents import DEFAULT_TEMPLATE, PERSONA_TEMPLATES
from journeyspec.validation import validate_project

JOURNEY_ONLY = ("persona", "owner")


@click.command()
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("new_id", metavar="ID")
@click.option(
    "--template",
    type=click.Choice(TEMPLATES + PERSONA_TEMPLATES),
    help=f"A journey's stage model (default {DEFAULT_TEMPLATE}: {', '.join(TEMPLATES)}) or a "
    f"persona's kind ({', '.join(PERSONA_TEMPLATES)}; default: a generic persona).",
)
@click.option("--title", help="The journey's title or the persona's name (default: from ID).")
@click.option("--persona", help="Journeys only: the persona id (default: the first persona).")
@click.option("--owner", help="Journeys only: the team owning the journey and its stages.")
@config_option
@guarded
def new(
    kind: str,
    new_id: str,
    template: str | None,
    title: str | None,
    persona: str | None,
    owner: str | None,
    config_file: Path | None,
) -> int:
    """Create journeys/ID.yaml or personas/ID.yaml from a template.

    Journey templates: lifecycle-5 (awareness to advocacy), saas (trial, onboarding,
    renewal), support-blueprint (a support case with frontstage and backstage lanes),
    day-in-the-life. Persona templates: b2b-buyer, consumer, employee. Their texts start
    with `TODO:` and lint reports them until replaced. The file starts with a schema
    modeline for editor completion and is never written over an existing one.
    """
    if kind == "persona":
        _refuse_journey_options()
    config = project_config(config_file)
    portfolio = validate_project(config).portfolio
    created = new_file(
        config,
        portfolio,
        kind,  # type: ignore[arg-type]
        new_id,
        template=template,
        title=title,
        persona=persona,
        owner=owner,
    )
    click.echo(f"created {created.display}")
    if kind == "journey" and owner is None:
        # Without an owner the new map fails lint (journey-no-owner, stage-no-owner): say so now.
        teams = ", ".join(sorted(portfolio.teams)) or "none yet; add them to the teams registry"
        click.echo(
            f"next: set `owner:` on the journey and each stage (teams: {teams}), "
            "or run again with --owner TEAM",
            err=True,
        )
    return EXIT_CLEAN


def _refuse_journey_options() -> None:
    """``new persona`` takes no --persona or --owner: given for it they would be
    silently dropped, and the user would believe the persona has them."""
    ctx = click.get_current_context()
    given = [
        param.opts[-1]
        for param in ctx.command.params
        if param.name in JOURNEY_ONLY
        and ctx.get_parameter_source(param.name) is not ParameterSource.DEFAULT
    ]
    if given:
        raise UsageError(
            f"{' and '.join(given)} {'apply' if len(given) > 1 else 'applies'} to journeys "
            "only; "
            "`journeyspec new persona ID` takes --title (the persona's name) and --template"
        )
