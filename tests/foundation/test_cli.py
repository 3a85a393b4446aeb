"""The command line: exit codes, human output with caret and help, help on every command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest

from journeyspec import __version__
from journeyspec.cli import cli
from tests.conftest import Runner


def test_validate_clean_project_exits_0(minimal_project: Path, run: Runner) -> None:
    result = run("validate", cwd=minimal_project)
    assert result.exit_code == 0
    assert result.stdout == "✓ 4 files checked, no problems\n"


def test_validate_prints_source_line_caret_and_help(minimal_project: Path, run: Runner) -> None:
    journey = minimal_project / "journeys/first-purchase.yaml"
    journey.write_text(
        journey.read_text().replace("touchpoints: [search-ad]", "touchpoint: [search-ad]")
    )
    result = run("validate", cwd=minimal_project)
    assert result.exit_code == 1
    assert result.stdout == (
        "journeys/first-purchase.yaml\n"
        "journeys/first-purchase.yaml:13:9: error[schema]: unknown key `touchpoint` in step `searches`\n"
        "   13 |         touchpoint: [search-ad]\n"
        "      |         ^\n"
        "      = help: did you mean `touchpoints`?\n"
        "\n"
        "✗ 4 files checked: 1 error\n"
    )


def test_validate_paths_from_a_subfolder_are_clickable(minimal_project: Path, run: Runner) -> None:
    journey = minimal_project / "journeys/first-purchase.yaml"
    journey.write_text(journey.read_text().replace("persona: budi", "persona: bud"))
    result = run("validate", "first-purchase.yaml", cwd=minimal_project / "journeys")
    assert result.exit_code == 1
    assert "../journeys/first-purchase.yaml:4:10: error[reference]: unknown persona `bud`" in (
        result.stdout
    )
    assert "✗ 1 file checked: 1 error" in result.stdout


def test_validate_missing_path_is_a_usage_error(minimal_project: Path, run: Runner) -> None:
    result = run("validate", "journeys/nope.yaml", cwd=minimal_project)
    assert result.exit_code == 2
    assert result.stderr == "journeyspec: journeys/nope.yaml: no such file or folder\n"


def test_invalid_config_is_exit_2_with_position(minimal_project: Path, run: Runner) -> None:
    (minimal_project / "journeyspec.yaml").write_text("journeyspec: 1\nnmae: Test\n")
    result = run("validate", cwd=minimal_project)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "journeyspec.yaml:2:1: error[schema]: unknown key `nmae` in the file (did you mean `name`?)",
        "journeyspec: the configuration is invalid",
    ]


def test_config_is_found_by_walking_up(minimal_project: Path, run: Runner) -> None:
    (minimal_project / "journeyspec.yaml").write_text("journeyspec: 1\npaths:\n  journeys: maps\n")
    (minimal_project / "journeys").rename(minimal_project / "maps")
    deep = minimal_project / "maps" / "deeper"
    deep.mkdir()
    result = run("validate", cwd=deep)
    assert result.exit_code == 0, result.stdout
    assert "4 files checked" in result.stdout


def test_version(run: Runner, tmp_path: Path) -> None:
    result = run("--version", cwd=tmp_path)
    assert result.stdout == f"journeyspec, version {__version__}\n"


def test_every_command_has_help(run: Runner, tmp_path: Path) -> None:
    assert isinstance(cli, click.Group)
    for name in cli.commands:
        result = run(name, "--help", cwd=tmp_path)
        assert result.exit_code == 0, name
        assert result.stdout.startswith(f"Usage: journeyspec {name}"), name


def test_schema_command_prints_each_schema(run: Runner, tmp_path: Path) -> None:
    for name in ("journey", "persona", "teams", "channels", "config"):
        schema = json.loads(run("schema", name, cwd=tmp_path).stdout)
        assert schema["$id"] == f"https://journeyspec.dev/schemas/v1/{name}.schema.json"


def test_module_and_console_script_entry_points(minimal_project: Path) -> None:
    for command in (
        [sys.executable, "-m", "journeyspec", "validate"],
        [str(Path(sys.executable).parent / "journeyspec"), "validate"],
    ):
        done = subprocess.run(
            command, cwd=minimal_project, capture_output=True, text=True, check=False
        )
        assert (done.returncode, done.stdout) == (0, "✓ 4 files checked, no problems\n")


@pytest.mark.parametrize("bad", ["--no-such-flag", "no-such-command"])
def test_usage_errors_exit_2(run: Runner, tmp_path: Path, bad: str) -> None:
    assert run(bad, cwd=tmp_path).exit_code == 2


def test_files_of_another_project_are_refused(
    minimal_project: Path, tmp_path_factory: pytest.TempPathFactory, run: Runner
) -> None:
    other = tmp_path_factory.mktemp("other")
    (other / "budi.yaml").write_text("journeyspec: 1\nid: budi\nname: Budi\n")
    result = run("validate", str(other / "budi.yaml"), cwd=minimal_project)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"journeyspec: {other / 'budi.yaml'} is outside this project")


@pytest.mark.parametrize("target", ["out", "out/", "."])
def test_a_report_into_a_folder_is_a_usage_error_naming_it(
    minimal_project: Path, run: Runner, target: str
) -> None:
    (minimal_project / "out").mkdir()
    result = run("lint", "--format", f"json:{target}", cwd=minimal_project)
    assert result.exit_code == 2
    assert f"Invalid value for '--format': {target} is a folder; name the json report's file" in (
        result.stderr
    )
    assert "internal error" not in result.stderr
    assert sorted(p.name for p in (minimal_project / "out").iterdir()) == []


def test_a_report_below_a_file_names_the_file(minimal_project: Path, run: Runner) -> None:
    result = run("lint", "--format", "sarif:journeyspec.yaml/lint.sarif", cwd=minimal_project)
    assert (result.exit_code, result.stderr) == (
        2,
        "journeyspec: cannot write --format sarif:journeyspec.yaml/lint.sarif: "
        "journeyspec.yaml is a file, not a folder\n",
    )


def test_an_export_into_a_folder_is_a_usage_error_naming_it(
    minimal_project: Path, run: Runner
) -> None:
    (minimal_project / "out").mkdir()
    for args in (("--format", "json", "-o", "out"), ("--format", "csv", "-o", "out", "--force")):
        result = run("export", *args, cwd=minimal_project)
        assert result.exit_code == 2
        assert result.stderr.startswith("journeyspec: out is a folder; name the file"), result
    below = run("export", "--format", "csv", "-o", "journeyspec.yaml/x.csv", cwd=minimal_project)
    assert (below.exit_code, below.stderr) == (
        2,
        "journeyspec: cannot write journeyspec.yaml/x.csv: "
        "journeyspec.yaml is a file, not a folder\n",
    )


def test_a_phase_set_in_the_config_is_checked_with_positions(
    minimal_project: Path, run: Runner
) -> None:
    (minimal_project / "journeyspec.yaml").write_text(
        "journeyspec: 1\nphases:\n  care: [Referral, visit]\n  Bad Set: [a, b]\n  one: [a]\n"
    )
    result = run("validate", cwd=minimal_project)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[-1] == "journeyspec: the configuration is invalid"
    assert [line.split(": error")[0] for line in lines[:-1]] == [
        "journeyspec.yaml:3:10",
        "journeyspec.yaml:4:3",
        "journeyspec.yaml:5:8",
    ]
