"""``journeyspec validate``: syntax, schema and reference errors in every file, in one run."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from journeyspec.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    config_option,
    guarded,
    note_if_empty,
    path_prefix,
    project_config,
    use_colour,
)
from journeyspec.report import Report
from journeyspec.reporters import text
from journeyspec.validation import validate_project


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@config_option
@guarded
def validate(paths: tuple[str, ...], config_file: Path | None) -> int:
    """Check journey, persona and registry files against the schemas and each other.

    With PATHS (files or folders), only those files are reported, but references
    are still resolved against the whole project.
    """
    config = project_config(config_file, required=True)
    result = validate_project(config, paths, models=False)
    checked = len(result.selected) if result.selected is not None else len(result.project.documents)

    def source(path: str, line: int) -> str:
        document = result.document(path)
        return document.line_text(line) if document else ""

    report = Report("validate", tuple(result.findings), checked, source, path_prefix(config))
    stream = sys.stdout
    text.write(report, stream, use_colour(stream))
    note_if_empty(config, checked, paths)
    return EXIT_FINDINGS if report.findings else EXIT_CLEAN
