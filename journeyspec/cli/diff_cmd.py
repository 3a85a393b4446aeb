"""``journeyspec diff``: what changed in the journeys between two revisions or folders."""

from __future__ import annotations

from pathlib import Path

import click

from journeyspec import api
from journeyspec.cli.common import EXIT_CLEAN, config_option, guarded
from journeyspec.diff.formats import RENDERERS


@click.command()
@click.argument("base")
@click.argument("head", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(tuple(RENDERERS)),
    default="text",
    show_default=True,
    help="text for terminals, markdown for a pull-request comment, json for tools.",
)
@click.option(
    "--mermaid/--no-mermaid",
    default=True,
    show_default=True,
    help="markdown only: add each changed journey as a folded Mermaid diagram.",
)
@config_option
@guarded
def diff(base: str, head: str | None, fmt: str, mermaid: bool, config_file: Path | None) -> int:
    """Summarise what changed in each journey from BASE to HEAD.

    BASE and HEAD are git revisions (a branch, tag or commit) or folders holding a
    project; without HEAD, the working tree (with uncommitted changes) is compared.
    Stages, steps, touchpoints, emotion scores, owners, pain points, opportunities and
    KPIs are matched by id; lint findings are reported as new or fixed.

    The exit code is 0 whatever changed (lint decides what fails); 2 when a revision
    or folder cannot be read.
    """
    result = api.diff(base, head, project=api.settings(Path.cwd(), config_file=config_file))
    click.echo(RENDERERS[fmt](result, mermaid=mermaid), nl=False)
    return EXIT_CLEAN
