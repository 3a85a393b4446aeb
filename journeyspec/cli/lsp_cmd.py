"""``journeyspec lsp``: the language server, for editors."""

from __future__ import annotations

import click

from journeyspec.cli.common import guarded


@click.command()
@click.option("--stdio", is_flag=True, help="Speak on stdin and stdout (the default and only way).")
@guarded
def lsp(stdio: bool) -> int:
    """Run the journeyspec language server on stdin and stdout.

    Editors start it themselves: diagnostics as you type (the same findings as `lint`),
    completion, go to definition, find references and rename of every id, hover, outline
    and quick fixes. Set-up for VS Code, Neovim and Helix: docs/guide/editor.md.
    """
    from journeyspec.lsp.server import serve  # pygls is imported only when a server runs

    serve()
    return 0
