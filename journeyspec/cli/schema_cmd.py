"""``journeyspec schema``: print a JSON Schema, for editors and other tools."""

from __future__ import annotations

import click

from journeyspec.cli.common import guarded
from journeyspec.schema import SCHEMA_NAMES, schema_path, schema_text


@click.command()
@click.argument("name", type=click.Choice(SCHEMA_NAMES), default="journey")
@click.option("--path", "show_path", is_flag=True, help="Print where the schema file is instead.")
@guarded
def schema(name: str, show_path: bool) -> int:
    """Print the JSON Schema NAME (journey, persona, teams, channels or config).

    Point your editor at it with a first line such as
    `# yaml-language-server: $schema=../schemas/journey.schema.json`.
    """
    click.echo(str(schema_path(name)) if show_path else schema_text(name).rstrip())  # type: ignore[arg-type]
    return 0
