"""``journeyspec serve``: a live preview of the site that reloads when a journey changes."""

from __future__ import annotations

from pathlib import Path

import click

from journeyspec.cli.common import EXIT_CLEAN, config_option, guarded, project_config
from journeyspec.errors import BuildError, UsageError
from journeyspec.paths import shown


@click.command()
@click.option(
    "-a",
    "--dev-addr",
    default="127.0.0.1:8000",
    show_default=True,
    metavar="IP:PORT",
    help="Where to serve the preview.",
)
@config_option
@guarded
def serve(dev_addr: str, config_file: Path | None) -> int:
    """Serve the site locally; saving a journey, persona or registry file reloads the page.

    Invalid files never stop the preview: it shows the last good build (or, before there
    was one, a page saying none could be built) with the errors listed on top of every
    page, and reloads once they are fixed.
    """
    # Imported here so that other commands do not pay for importing MkDocs.
    from mkdocs.exceptions import MkDocsException

    from journeyspec.site.build import mkdocs_settings, mkdocs_workdir
    from journeyspec.site.preview import serve_preview

    _check_address(dev_addr)
    config = project_config(config_file, required=True)
    with mkdocs_workdir() as workdir:
        settings = mkdocs_settings(config, workdir, dev_addr=dev_addr)
        try:
            serve_preview(settings)
        except MkDocsException as exc:
            raise BuildError(str(exc)) from None
        except OSError as exc:  # the port is taken, or the address is not this machine's
            raise UsageError(
                f"cannot serve on {dev_addr}: {exc.strerror or exc}; "
                "choose another address or port with --dev-addr"
            ) from None
    return EXIT_CLEAN


def _check_address(dev_addr: str) -> None:
    host, colon, port = dev_addr.rpartition(":")
    if not colon or not host or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise UsageError(
            f"--dev-addr {shown(dev_addr)} is not IP:PORT with a port from 1 to 65535 "
            "(for example 127.0.0.1:8000)"
        )
