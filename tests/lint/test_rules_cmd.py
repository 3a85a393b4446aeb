"""``journeyspec rules``: the list, one rule's documentation, and unknown ids."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from journeyspec.lint.settings import all_rules
from tests.conftest import Result

Run = Callable[..., Result]


def test_the_list_has_every_rule_with_severity_profile_and_summary(
    tmp_path: Path, run: Run
) -> None:
    result = run("rules", cwd=tmp_path)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [rule.ID for rule in all_rules()]
    owner = next(line for line in lines if line.startswith("stage-no-owner "))
    assert owner.split(None, 3)[1:] == [
        "error",
        "minimal",
        "A stage has no owner: no team is accountable for that part of the experience.",
    ]


def test_one_rule_prints_its_documentation(tmp_path: Path, run: Run) -> None:
    result = run("rules", "stage-no-owner", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "stage-no-owner\n==============\n"
        "severity: error    profile: minimal and stricter\noptions: none\n\n"
        "A stage has no owner: no team is accountable for that part of the experience.\n"
    )
    assert "**Passing example**" in result.stdout


def test_options_are_listed_with_their_defaults(tmp_path: Path, run: Run) -> None:
    result = run("rules", "journey-too-complex", cwd=tmp_path)
    assert "  max_steps (default 12): " in result.stdout


def test_an_unknown_rule_suggests_the_closest(tmp_path: Path, run: Run) -> None:
    result = run("rules", "stage-no-ownr", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (
        2,
        "journeyspec: unknown rule `stage-no-ownr`; did you mean `stage-no-owner`?\n",
    )


def test_explain_is_rules_with_one_rule(tmp_path: Path, run: Run) -> None:
    explained = run("explain", "stage-no-owner", cwd=tmp_path)
    assert explained.exit_code == 0
    assert explained.stdout == run("rules", "stage-no-owner", cwd=tmp_path).stdout
    unknown = run("explain", "stage-no-ownr", cwd=tmp_path)
    assert (unknown.exit_code, unknown.stderr) == (
        2,
        "journeyspec: unknown rule `stage-no-ownr`; did you mean `stage-no-owner`?\n",
    )
    assert run("explain", cwd=tmp_path).exit_code == 2
