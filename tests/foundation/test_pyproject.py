"""``[tool.journeyspec]`` in pyproject.toml: found by the same walk up, checked by the same
schema, with findings at ``pyproject.toml:line:col``."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from journeyspec import api
from journeyspec.pyproject import read_table
from tests.conftest import MINIMAL_FILES, Runner, write_files

PROJECT_FILES = {k: v for k, v in MINIMAL_FILES.items() if k != "journeyspec.yaml"}

TRICKY = '''\
[project]
name = "shop"
description = """A multi-line string
[tool.journeyspec]
name = "not this one"
"""

[tool.journeyspec]  # the table
journeyspec = 1
"name" = 'Shop journeys'
paths = {journeys = "maps", 'teams' = "reg/teams.yaml"}
emotion_scale.min = -3
emotion_scale.max = 3

[tool.journeyspec.lint]
rules = {stage-no-kpi = "off", journey-too-complex = {severity = "error", max_steps = 15}}

[[tool.journeyspec.lint.overrides]]
files = [
  "journeys/legacy/**",  # a comment in an array
  "journeys/old/**",
]

[[tool.journeyspec.lint.overrides]]
files = ["b"]

[tool.journeyspec.lint.overrides.rules]
stage-no-owner = "warning"
'''


def test_the_scan_places_every_key_and_value(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(TRICKY)
    document = read_table(tmp_path / "pyproject.toml", "pyproject.toml")
    assert document.errors == []
    assert document.data["name"] == "Shop journeys"
    assert document.data["lint"]["overrides"][1]["rules"] == {"stage-no-owner": "warning"}
    where = document.position
    assert where("") == (8, 1)
    assert where("/name", key=True) == (10, 1)
    assert where("/name") == (10, 10)
    assert where("/paths/journeys") == (11, 21)
    assert where("/paths/teams", key=True) == (11, 29)
    assert where("/emotion_scale/max") == (13, 21)
    assert where("/lint/rules/journey-too-complex/max_steps", key=True) == (16, 75)
    assert where("/lint/overrides/0") == (18, 1)
    assert where("/lint/overrides/0/files/1") == (21, 3)
    assert where("/lint/overrides/1/files/0") == (25, 10)
    assert where("/lint/overrides/1/rules/stage-no-owner") == (28, 18)
    # A place the file does not have resolves to the nearest table that holds it.
    assert where("/lint/overrides/1/rules/nothing") == (27, 1)


def _project(root: Path, table: str) -> Path:
    write_files(root, PROJECT_FILES)
    (root / "pyproject.toml").write_text(
        '[project]\nname = "shop"\n\n[tool.journeyspec]\n' + textwrap.dedent(table)
    )
    return root


def test_found_by_walking_up_and_paths_are_relative_to_it(tmp_path: Path, run: Runner) -> None:
    _project(tmp_path, 'journeyspec = 1\nname = "Shop"\npaths = {journeys = "maps"}\n')
    (tmp_path / "journeys").rename(tmp_path / "maps")
    deep = tmp_path / "maps" / "deeper"
    deep.mkdir()
    result = run("validate", cwd=deep)
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "✓ 4 files checked, no problems\n",
        "",
    )
    assert api.settings(deep).name == "Shop"
    assert api.settings(deep).config_path == tmp_path / "pyproject.toml"


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (
            "journeyspec = 1\nnmae = 'Shop'\n",
            "pyproject.toml:6:1: error[schema]: unknown key `nmae` in the file "
            "(did you mean `name`?)",
        ),
        (
            "journeyspec = 1\nreview_interval = 2024-01-01\n",
            "pyproject.toml:6:19: error[schema]: `2024-01-01` is not a valid value for "
            "`review_interval` (write an ISO 8601 duration such as P3M (three months) or P1Y)",
        ),
        (
            "journeyspec = 1\n[tool.journeyspec.lint]\n"
            "rules = {journey-too-complex = {max_stepz = 15}}\n",
            "pyproject.toml:7:33: error[config]: rule `journey-too-complex` has no option "
            "`max_stepz` (its options are: max_branches, max_stages, max_steps)",
        ),
        (
            "journeyspec = 1\n[[tool.journeyspec.lint.overrides]]\nfiles = ['a/**']\n"
            "rules = {stage-no-kpi = 'off'}\n"
            "[[tool.journeyspec.lint.overrides]]\nfiles = ['b/**']\n"
            "rules.stage-no-ownr = 'off'\n",
            "pyproject.toml:11:7: error[config]: unknown rule `stage-no-ownr` "
            "(did you mean `stage-no-owner`?)",
        ),
        (
            "journeyspec = 1\nname = [1,\n",
            "pyproject.toml:6:11: error[syntax]: TOML syntax error: Invalid value",
        ),
        (
            "journeyspec = 1\npaths = {journeys = '../elsewhere'}\n",
            "pyproject.toml:6:21: error[config]: `../elsewhere` lies outside the project",
        ),
    ],
)
def test_errors_are_placed_in_pyproject(
    tmp_path: Path, run: Runner, table: str, expected: str
) -> None:
    _project(tmp_path, table)
    result = run("lint", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].startswith(expected), result.stderr
    assert result.stderr.splitlines()[-1] == "journeyspec: the configuration is invalid"


def test_journeyspec_yaml_wins_over_pyproject_beside_it_and_says_so(
    tmp_path: Path, run: Runner
) -> None:
    _project(tmp_path, 'journeyspec = 1\nname = "From pyproject"\n')
    (tmp_path / "journeyspec.yaml").write_text("journeyspec: 1\nname: From YAML\n")
    assert api.settings(tmp_path).name == "From YAML"
    result = run("validate", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stderr == (
        "journeyspec: warning: using journeyspec.yaml; the [tool.journeyspec] table in "
        "pyproject.toml beside it is ignored (remove one of the two)\n"
    )


def test_a_pyproject_without_the_table_is_not_a_project(tmp_path: Path, run: Runner) -> None:
    write_files(tmp_path, MINIMAL_FILES)
    (tmp_path / "journeyspec.yaml").write_text("journeyspec: 1\nname: Outer\n")
    inner = tmp_path / "journeys"
    (inner / "pyproject.toml").write_text('[tool.ruff]\nline-length = 100  # "journeyspec"\n')
    assert api.settings(inner).name == "Outer"
    # Named explicitly, it is refused with the reason.
    result = run("validate", "--config", "journeys/pyproject.toml", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "pyproject.toml:1:1: error[syntax]: no [tool.journeyspec] table in this file "
        "(add a [tool.journeyspec] table with `journeyspec = 1`, or name journeyspec.yaml)",
        "journeyspec: the configuration is invalid",
    ]


def test_fmt_leaves_pyproject_alone(tmp_path: Path, run: Runner) -> None:
    _project(tmp_path, "journeyspec   =   1\n")
    before = (tmp_path / "pyproject.toml").read_bytes()
    result = run("fmt", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    named = run("fmt", "--check", "pyproject.toml", cwd=tmp_path)
    assert (named.exit_code, named.stderr) == (
        0,
        "0 files would be reformatted, 0 unchanged, 0 skipped\n",
    )
    assert (tmp_path / "pyproject.toml").read_bytes() == before


@pytest.mark.parametrize("command", [("validate",), ("lint", "--format", "text")])
def test_naming_pyproject_checks_the_table(
    tmp_path: Path, run: Runner, command: tuple[str, ...]
) -> None:
    _project(tmp_path, "journeyspec = 1\n")
    result = run(*command, "pyproject.toml", cwd=tmp_path)
    assert (result.exit_code, result.stdout) == (0, "✓ 1 file checked, no problems\n")


def test_init_keeps_the_configuration_in_pyproject(tmp_path: Path, run: Runner) -> None:
    _project(tmp_path, 'journeyspec = 1\nname = "Shop"\n')
    made = run("init", cwd=tmp_path)
    assert made.exit_code == 0, made.stderr
    assert not (tmp_path / "journeyspec.yaml").exists()
    assert (
        "skipped journeyspec.yaml (the project is configured in pyproject.toml's "
        "[tool.journeyspec] table, which a journeyspec.yaml would override)"
    ) in made.stdout.splitlines()
    assert run("validate", cwd=tmp_path).exit_code == 0


def test_diff_reads_the_table_at_each_revision(tmp_path: Path, run: Runner) -> None:
    from tests.workflow.repo import commit

    _project(tmp_path, 'journeyspec = 1\npaths = {journeys = "maps"}\n')
    (tmp_path / "journeys").rename(tmp_path / "maps")
    base = commit(tmp_path, {}, "base")
    journey = tmp_path / "maps" / "first-purchase.yaml"
    journey.write_text(journey.read_text().replace("title: First purchase", "title: First buy"))
    result = run("diff", base, "--format", "json", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    changed = json.loads(result.stdout)["journeys"]
    assert [(j["id"], j["status"]) for j in changed] == [("first-purchase", "changed")]


HOSTILE = [
    (
        "journeyspec = 1\nname = " + "[" * 10_000 + "]" * 10_000 + "\n",
        "pyproject.toml:1:1: error[syntax]: nesting deeper than 100 levels",
    ),
    (
        "journeyspec = 1\nx = " + "[" * 150 + "]" * 150 + "\n",
        "pyproject.toml:6:105: error[syntax]: nesting deeper than 100 levels",
    ),
    (
        "journeyspec = 1\n[tool.journeyspec" + ".a" * 150 + "]\n",
        "pyproject.toml:6:1: error[syntax]: nesting deeper than 100 levels",
    ),
    (
        "journeyspec = 1\n" + ".".join(["a"] * 300_000) + " = 1\n",
        "pyproject.toml:6:1: error[syntax]: too many dots: keys dotted this deep are not read",
    ),
    (
        "journeyspec = 1\n"
        + "".join(f"k{i}." + ".".join(["a"] * 150) + " = 1\n" for i in range(7_000)),
        "pyproject.toml:50:1: error[syntax]: too many dots: keys dotted this deep are not read",
    ),
    ("journeyspec = 1\nx = " + "9" * 5000 + "\n", "pyproject.toml:1:1: error[syntax]: integer"),
    (
        "journeyspec = 1\nemotion_scale = {min = -inf, max = 10000000000000000000}\n",
        "pyproject.toml:6:24: error[syntax]: `-inf` is not a finite number",
    ),
    (
        'journeyspec = 1\nname = "a\\u001b[31m"\n',
        "pyproject.toml:6:8: error[syntax]: text holds the control character U+001B",
    ),
    (
        'journeyspec = 1\n"\\u0007" = 1\n',
        "pyproject.toml:6:1: error[syntax]: text holds the control character U+0007",
    ),
]


@pytest.mark.parametrize(("table", "expected"), HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_tables_are_positioned_errors(
    tmp_path: Path, run: Runner, table: str, expected: str
) -> None:
    _project(tmp_path, table)
    result = run("validate", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].startswith(expected), result.stderr[:300]
