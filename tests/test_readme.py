"""The README's commands and sample output are true of this repository."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest
import yaml

from journeyspec.cli import cli
from tests.conftest import Runner, copy_example

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", README, flags=re.M | re.S)


def _commands() -> list[list[str]]:
    lines = (line for block in _blocks("sh") for line in block.splitlines())
    return [
        shlex.split(line, comments=True)[1:] for line in lines if line.startswith("journeyspec ")
    ]


@pytest.mark.parametrize("args", _commands(), ids=" ".join)
def test_every_readme_command_parses(args: list[str]) -> None:
    """Each `journeyspec …` line names a real command with real options and values."""
    parent = click.Context(cli, info_name="journeyspec")
    command = cli.get_command(parent, args[0])
    assert command is not None, args[0]
    command.make_context(args[0], args[1:], parent=parent)


def test_readme_export_names_a_demo_journey() -> None:
    ids = {yaml.safe_load(p.read_text())["id"] for p in (ROOT / "journeys").glob("*.yaml")}
    exports = [args for args in _commands() if args[0] == "export"]
    assert exports and all(args[-1] in ids for args in exports), (exports, ids)


def test_readme_validate_output_is_what_validate_prints(tmp_path: Path, run: Runner) -> None:
    """The sample journey with the typo the README shows yields that finding, at that line."""
    copy_example(tmp_path, ("journeyspec.yaml", "personas", "registry"))
    journey = _blocks("yaml")[0].replace("touchpoints: [search-ad]", "touchpoint: [search-ad]")
    (tmp_path / "journeys").mkdir()
    (tmp_path / "journeys/first-purchase.yaml").write_text(journey, encoding="utf-8")
    shown = next(b for b in _blocks("text") if "error[schema]" in b)
    result = run("validate", cwd=tmp_path)
    assert result.exit_code == 1
    assert shown in result.stdout


def test_readme_says_how_to_look_at_the_site() -> None:
    # Opened from disk the site's links lead to folder listings: point at a server instead.
    assert "(open site/index.html" not in README
    assert "journeyspec serve` (then open" in README
    assert "open site/index.html" not in (ROOT / "scripts/build-site").read_text()
