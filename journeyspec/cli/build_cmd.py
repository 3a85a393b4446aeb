"""``journeyspec build``: lint the project, then build the stakeholder site safely."""

from __future__ import annotations

from pathlib import Path

import click

from journeyspec.cli.common import EXIT_CLEAN, EXIT_FINDINGS, config_option, guarded, project_config
from journeyspec.cli.progress import progress_bar, quiet_option
from journeyspec.escaping import visible
from journeyspec.lint.catalogue import CHECKS
from journeyspec.wording import counted


@click.command()
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Build into this folder (default: site_dir of mkdocs.yml, else site/).",
)
@click.option(
    "--strict/--allow-errors",
    " /--no-strict",
    default=None,
    help="Lint errors stop the build by default; --strict also stops it for a diagram too "
    "large or too slow to draw; --allow-errors publishes despite lint errors. Invalid "
    "files always stop the build.",
)
@quiet_option
@config_option
@guarded
def build(site_dir: Path | None, strict: bool | None, quiet: bool, config_file: Path | None) -> int:
    """Build the static site from journeys/, personas/ and registry/.

    The site is built beside the output folder and swapped in only when the build
    succeeds; a folder journeyspec did not build is never replaced. A diagram too large
    or too slow to draw is shown as text, with a warning (an error with --strict). Exit
    codes: 0 built, 1 the project has invalid files or lint errors (nothing built), 2 usage
    or build error.
    """
    # MkDocs is imported here, not with the module: every other command (lint on each
    # push) would pay ~0.3 s to import it.
    from journeyspec.site.build import ProjectErrors, build_site

    config = project_config(config_file, required=True)
    try:
        with progress_bar(quiet) as progress:
            built = build_site(
                config,
                site_dir=site_dir,
                strict=strict is not False,
                warnings_are_errors=strict is True,
                progress=progress,
            )
    except ProjectErrors as exc:
        for finding in exc.findings:
            click.echo(visible(str(finding)), err=True)
        click.echo(f"journeyspec: {exc}", err=True)
        if any(finding.rule not in CHECKS for finding in exc.findings):
            click.echo(
                "journeyspec: lint errors stop the build; fix them, or publish anyway with "
                "--allow-errors (invalid files always stop it)",
                err=True,
            )
        return EXIT_FINDINGS
    for warning in built.warnings:
        click.echo(str(warning), err=True)
    journeys = len(built.lint.validation.portfolio.journeys)
    click.echo(f"Built the site of {counted(journeys, 'journey')} in {built.site_dir}")
    return EXIT_CLEAN
