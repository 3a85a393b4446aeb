"""The command line: a thin click layer that turns options into API calls and exit codes."""

from __future__ import annotations

import click

from journeyspec import __version__
from journeyspec.cli import (
    build_cmd,
    diff_cmd,
    export_cmd,
    fmt_cmd,
    import_cmd,
    init_cmd,
    lint_cmd,
    lsp_cmd,
    new_cmd,
    rules_cmd,
    schema_cmd,
    serve_cmd,
    validate_cmd,
)


@click.group(
    name="journeyspec",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "-V", "--version", prog_name="journeyspec")
def cli() -> None:
    """Customer journey maps as code: validate, lint and publish journeys/*.yaml.

    Exit codes: 0 clean, 1 findings, 2 usage, configuration or internal error.

    \b
    Shell completion (commands, options, rule ids, journey ids, formats), in ~/.bashrc:
      eval "$(_JOURNEYSPEC_COMPLETE=bash_source journeyspec)"
    (zsh: zsh_source, fish: fish_source)
    """


# The explicit command registry: one module per command.
for command in (
    validate_cmd.validate,
    lint_cmd.lint_command,
    rules_cmd.rules,
    rules_cmd.explain,
    schema_cmd.schema,
    export_cmd.export,
    diff_cmd.diff,
    init_cmd.init,
    new_cmd.new,
    import_cmd.import_command,
    fmt_cmd.fmt,
    build_cmd.build,
    serve_cmd.serve,
    lsp_cmd.lsp,
):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="journeyspec")
