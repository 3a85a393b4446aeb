"""``journeyspec fmt``: rewrite YAML files in canonical key order and indentation."""

from __future__ import annotations

from pathlib import Path

import click

from journeyspec.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    config_option,
    guarded,
    path_prefix,
    project_config,
)
from journeyspec.formatting import format_paths
from journeyspec.wording import counted


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--check", is_flag=True, help="Change nothing; exit 1 if a file would change.")
@config_option
@guarded
def fmt(paths: tuple[str, ...], check: bool, config_file: Path | None) -> int:
    """Put keys in the schema's order with two-space indentation, keeping comments.

    Formats every project file, or the PATHS given (files or folders). Only files whose
    text changes are rewritten. Files that cannot be read or fail their schema are
    skipped with a message (fix them with `journeyspec validate` first); then, and
    with --check when a file would change, the exit code is 1. A valid file that cannot
    be formatted without losing or moving a comment (say, one inside `[ ]`) is left as
    written with a note, and does not fail --check.
    """
    config = project_config(config_file)
    prefix = path_prefix(config)
    outcomes = format_paths(config, paths, write=not check)
    for outcome in outcomes:
        if outcome.status == "changed":
            click.echo(f"{'would reformat' if check else 'reformatted'} {prefix}{outcome.path}")
        elif outcome.status == "skipped":
            click.echo(f"skipped {prefix}{outcome.path}: {outcome.message}", err=True)
        elif outcome.status == "left":
            click.echo(f"note: {prefix}{outcome.path} {outcome.message}", err=True)
    changed = sum(o.status == "changed" for o in outcomes)
    skipped = sum(o.status == "skipped" for o in outcomes)
    left = sum(o.status == "left" for o in outcomes)
    verb = "would be reformatted" if check else "reformatted"
    click.echo(
        f"{counted(changed, 'file')} {verb}, "
        f"{len(outcomes) - changed - skipped - left} unchanged, {skipped} skipped"
        + (f", {left} left as written" if left else ""),
        err=True,
    )
    return EXIT_FINDINGS if skipped or (check and changed) else EXIT_CLEAN
