"""``journeyspec diff``: what changed in the journeys between two revisions or folders."""

from __future__ import annotations

import os
from pathlib import Path

import click

from journeyspec import api
from journeyspec.cli.common import EXIT_CLEAN, config_option, guarded
from journeyspec.diff import markdown
from journeyspec.diff.formats import RENDERERS
from journeyspec.errors import UsageError


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
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1024),
    help="markdown only: cut the report to at most this many bytes of UTF-8, whole journeys "
    "first, then a line saying how many were left out and where the full report is (for "
    "a pull-request comment: GitHub takes 65,536 characters).",
)
@config_option
@guarded
def diff(
    base: str,
    head: str | None,
    fmt: str,
    mermaid: bool,
    max_bytes: int | None,
    config_file: Path | None,
) -> int:
    """Summarise what changed in each journey from BASE to HEAD.

    BASE and HEAD are git revisions (a branch, tag or commit) or folders holding a
    project; without HEAD, the working tree (with uncommitted changes) is compared.
    Stages, steps, touchpoints, emotion scores, owners, pain points, opportunities and
    KPIs are matched by id; lint findings are reported as new or fixed.

    The exit code is 0 whatever changed (lint decides what fails); 2 when a revision
    or folder cannot be read.
    """
    if max_bytes is not None and fmt != "markdown":
        raise UsageError("--max-bytes applies to --format markdown only")
    result = api.diff(base, head, project=api.settings(Path.cwd(), config_file=config_file))
    if max_bytes is not None:
        where = _full_report(base, head)
        text = markdown.render(result, mermaid=mermaid, max_bytes=max_bytes, elsewhere=where)
    else:
        text = RENDERERS[fmt](result, mermaid=mermaid)
    click.echo(text, nl=False)
    return EXIT_CLEAN


def _full_report(base: str, head: str | None) -> str:
    """Where a cut comment's reader finds the whole report: the job summary of this
    workflow run in GitHub Actions (the scaffolded workflow writes it there), else the
    command that prints it."""
    server, repository, run_id = (
        os.environ.get(name, "")
        for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID")
    )
    if server and repository and run_id.isdigit():
        url = f"{server}/{repository}/actions/runs/{run_id}"
        return f"The full report is in the job summary of [this workflow run]({url})."
    command = " ".join(["journeyspec diff", base, *([head] if head else [])])
    return f"Run {markdown.code(command)} for the full report."
