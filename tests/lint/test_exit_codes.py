"""Exit codes: 0 below --fail-on, 1 at or above it, 2 for usage and configuration errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result
from tests.lint.conftest import config_text

Run = Callable[..., Result]


@pytest.mark.parametrize(
    ("severity", "fail_on", "code"),
    [
        ("error", None, 1),
        ("warning", None, 0),
        ("warning", "warning", 1),
        ("info", "warning", 0),
        ("info", "info", 1),
    ],
)
def test_fail_on(project: Path, run: Run, severity: str, fail_on: str | None, code: int) -> None:
    extra = f"    stage-no-owner: {severity}\n    stage-no-touchpoints: {severity}\n"
    (project / "journeyspec.yaml").write_text(config_text(extra), encoding="utf-8")
    args = ["lint", *(["--fail-on", fail_on] if fail_on else [])]
    assert run(*args, cwd=project).exit_code == code


def test_fail_on_in_the_config(project: Path, run: Run) -> None:
    extra = "    stage-no-owner: warning\n    stage-no-touchpoints: warning\n  fail_on: warning\n"
    (project / "journeyspec.yaml").write_text(config_text(extra), encoding="utf-8")
    assert run("lint", cwd=project).exit_code == 1
    assert run("lint", "--fail-on", "error", cwd=project).exit_code == 0


def test_a_clean_project_exits_0(minimal_project: Path, run: Run) -> None:
    (minimal_project / "journeyspec.yaml").write_text(config_text(), encoding="utf-8")
    result = run("lint", cwd=minimal_project)
    assert (result.exit_code, result.stdout) == (0, "✓ 4 files checked, no problems\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "yaml"], "unknown format 'yaml'; choose from text, json, sarif"),
        (["--fail-on", "fatal"], "'fatal' is not one of 'error', 'warning', 'info'"),
        (["--today", "23/11/2026"], "'23/11/2026' does not match the format '%Y-%m-%d'"),
        (["--format", "text", "--format", "json"], "only one --format may print to the terminal"),
        (["--baseline", "a", "--write-baseline", "b"], "use either --baseline or --write-baseline"),
        (["no-such-file.yaml"], "no-such-file.yaml: no such file or folder"),
    ],
)
def test_usage_errors_exit_2(project: Path, run: Run, args: list[str], message: str) -> None:
    result = run("lint", *args, cwd=project)
    assert result.exit_code == 2
    assert message in result.stderr


def test_today_pins_the_date_rules_judge_against(minimal_project: Path, run: Run) -> None:
    (minimal_project / "journeyspec.yaml").write_text(config_text(), encoding="utf-8")
    journey = minimal_project / "journeys/first-purchase.yaml"
    text = journey.read_text(encoding="utf-8").replace(
        "owner: marketing\n", 'owner: marketing\nlast_reviewed: "2025-01-10"\n', 1
    )
    journey.write_text(text, encoding="utf-8")
    flags = ["lint", "--rule", "journey-review-overdue=error"]
    assert run(*flags, "--today", "2025-03-01", cwd=minimal_project).exit_code == 0
    late = run(*flags, "--today", "2026-01-01", cwd=minimal_project)
    assert late.exit_code == 1
    assert "error[journey-review-overdue]" in late.stdout
