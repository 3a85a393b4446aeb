"""``journeyspec init``: scaffold a journeys repository, never replacing an existing file."""

from __future__ import annotations

from pathlib import Path

import click

from journeyspec.cli.common import EXIT_CLEAN, EXIT_ERROR, guarded
from journeyspec.paths import no_links_below, normalise
from journeyspec.scaffold import DEFAULT_INSTALL, DEFAULT_NAME, init_repository
from journeyspec.wording import counted


@click.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--name", default=DEFAULT_NAME, show_default=True, help="The project's (and site's) name."
)
@click.option(
    "--install",
    "install",
    default=DEFAULT_INSTALL,
    show_default=True,
    metavar="SPEC",
    help="Where the GitHub workflow installs journeyspec from: a pip requirement (a git URL "
    "at a tag or commit, a wheel URL, a path, NAME==VERSION from an index you trust).",
)
@guarded
def init(directory: Path, name: str, install: str) -> int:
    """Scaffold a journeys repository in DIRECTORY (default: here).

    Writes journeyspec.yaml, mkdocs.yml, a sample journey with its persona, teams and
    channels, the JSON Schemas for editors, a GitHub Actions workflow (lint with
    annotations and SARIF, the journey diff as a pull-request comment, the site
    published from main) and a pre-commit configuration. Files that exist are left as
    they are and listed as skipped. In a folder that holds a project already
    (journeyspec.yaml, a registry, or journey or persona files), the sample journey,
    persona, teams and channels are skipped too: they would not match its own.
    """
    # A folder on the way that a clone brought in as a link (`site -> /elsewhere`) is refused.
    no_links_below(normalise(directory), Path.cwd())
    written = init_repository(directory, name=name, install=install)
    for path in written.created:
        click.echo(f"created {path}")
    for path in written.skipped:
        click.echo(f"skipped {path} (exists; left unchanged)")
    for path, why in written.left_out.items():
        click.echo(f"skipped {path} ({why})")
    skipped = len(written.skipped) + len(written.left_out)
    for path, why in written.refused:
        click.echo(f"refused {path} ({why})", err=True)
    if written.refused:
        click.echo(
            f"journeyspec: {counted(len(written.refused), 'file')} not written; "
            "replace the links or files named above with folders, then run init again",
            err=True,
        )
        return EXIT_ERROR
    click.echo(
        f"{len(written.created)} created, {skipped} skipped. "
        "Next: journeyspec lint, then mkdocs serve to preview the site."
    )
    return EXIT_CLEAN
