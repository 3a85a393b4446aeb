"""Lint settings: the merge order and the configuration errors, with exact messages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from journeyspec.errors import ConfigError
from journeyspec.findings import Severity
from journeyspec.lint import lint, settings_from
from journeyspec.lint.settings import all_rules, profile_settings
from journeyspec.project import ConfigFileError, load_config
from journeyspec.rules import rule_by_id
from journeyspec.rules.base import PROFILES
from tests.conftest import Result
from tests.lint.conftest import config_text

Run = Callable[..., Result]


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def _configure(project: Path, extra: str) -> str:
    text = config_text(extra)
    (project / "journeyspec.yaml").write_text(text, encoding="utf-8")
    return text


def _card(project: Path, **flags: object) -> list[tuple[str, int, int, str, Severity]]:
    config = load_config(project)
    result = lint(config, settings=settings_from(config, **flags))  # type: ignore[arg-type]
    return [(f.path, f.line, f.col, f.rule, f.severity) for f in result.findings]


@pytest.mark.parametrize("profile", PROFILES)
def test_a_profile_enables_the_rules_no_stricter_than_itself(profile: str) -> None:
    settings = profile_settings(profile)  # type: ignore[arg-type]
    for rule in all_rules():
        on = PROFILES.index(rule.PROFILE) <= PROFILES.index(profile)  # type: ignore[arg-type]
        assert settings[rule.ID].severity == (rule.SEVERITY if on else None), rule.ID


def test_the_card_rules_report_the_first_stage(project: Path) -> None:
    assert _card(project) == [
        ("journeys/returns.yaml", 7, 5, "stage-no-owner", Severity.ERROR),
        ("journeys/returns.yaml", 7, 5, "stage-no-touchpoints", Severity.ERROR),
    ]


def test_rules_then_overrides_then_flags(project: Path) -> None:
    _configure(
        project,
        "    stage-no-owner: warning\n"
        "    stage-no-touchpoints: {severity: info}\n"
        "  overrides:\n"
        "    - files: ['journeys/ret*.yaml']\n"
        "      rules: {stage-no-owner: info}\n"
        "    - files: ['journeys/**/returns.yaml']\n"
        "      rules: {stage-no-touchpoints: off}\n",
    )
    assert _card(project) == [("journeys/returns.yaml", 7, 5, "stage-no-owner", Severity.INFO)]
    assert _card(project, rules=["stage-no-touchpoints=error", "stage-no-owner=off"]) == [
        ("journeys/returns.yaml", 7, 5, "stage-no-touchpoints", Severity.ERROR)
    ]


def test_overrides_match_whole_project_relative_paths(project: Path) -> None:
    _configure(
        project,
        "  overrides:\n    - files: ['returns.yaml', 'journeys/*/returns.yaml']\n"
        "      rules: {stage-no-owner: off}\n",
    )
    assert [f[3] for f in _card(project)] == ["stage-no-owner", "stage-no-touchpoints"]


def test_extends_chooses_the_profile_and_the_flag_replaces_it(project: Path) -> None:
    (project / "journeyspec.yaml").write_text(
        "journeyspec: 1\nlint:\n  extends: minimal\n", encoding="utf-8"
    )
    config = load_config(project)
    assert settings_from(config).profile == "minimal"
    assert settings_from(config, profile="strict").profile == "strict"


def test_a_mapping_sets_options_and_turns_the_rule_on(project: Path) -> None:
    _configure(project, "")
    text = config_text().replace(
        "    journey-too-complex: off", "    journey-too-complex: {max_steps: 1}"
    )
    (project / "journeyspec.yaml").write_text(text, encoding="utf-8")
    settings = settings_from(load_config(project)).for_path("journeys/returns.yaml")
    assert settings["journey-too-complex"].enabled
    defaults = {name: o.default for name, o in rule_by_id("journey-too-complex").OPTIONS.items()}  # type: ignore[union-attr]
    assert settings["journey-too-complex"].options == {**defaults, "max_steps": 1}


@pytest.mark.parametrize(
    ("setting", "needle", "column", "message"),
    [
        (
            "    stage-no-ownr: warning\n",
            "stage-no-ownr",
            5,
            "error[config]: unknown rule `stage-no-ownr` (did you mean `stage-no-owner`?)",
        ),
        (
            "    stage-no-owner: {reason: agency}\n",
            "stage-no-owner",
            22,
            "error[config]: rule `stage-no-owner` has no option `reason` (its options are: none)",
        ),
        (
            "    stage-no-owner: {severity: loud}\n",
            "stage-no-owner",
            32,
            "error[schema]: `loud` is not an allowed value of `severity` "
            "(allowed values: `off`, `error`, `warning`, `info`)",
        ),
    ],
)
def test_bad_settings_are_config_errors_at_their_place(
    project: Path, run: Run, setting: str, needle: str, column: int, message: str
) -> None:
    text = _configure(project, setting)
    line = _line_of(text, needle)
    result = run("lint", cwd=project)
    assert result.exit_code == 2
    assert result.stderr == (
        f"journeyspec.yaml:{line}:{column}: {message}\njourneyspec: the configuration is invalid\n"
    )


def test_an_option_of_the_wrong_type_names_the_type_and_the_default(project: Path) -> None:
    text = config_text().replace(
        "    journey-too-complex: off", "    journey-too-complex: {max_steps: many}"
    )
    (project / "journeyspec.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigFileError) as caught:
        settings_from(load_config(project))
    line = _line_of(text, "max_steps: many")
    assert [str(f) for f in caught.value.findings] == [
        f"journeyspec.yaml:{line}:38: error[config]: option `max_steps` of rule "
        "`journey-too-complex` must be an integer (the default is 12)"
    ]


def test_booleans_are_not_integers(project: Path) -> None:
    text = config_text().replace(
        "    journey-too-complex: off", "    journey-too-complex: {max_steps: true}"
    )
    (project / "journeyspec.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigFileError):
        settings_from(load_config(project))


def test_unknown_rules_in_overrides_are_errors_too(project: Path) -> None:
    text = _configure(
        project, "  overrides:\n    - files: ['x/**']\n      rules: {no-such-rule: off}\n"
    )
    with pytest.raises(ConfigFileError) as caught:
        settings_from(load_config(project))
    line = _line_of(text, "no-such-rule")
    assert [f.key() for f in caught.value.findings] == [("journeyspec.yaml", line, 15, "config")]


def test_bad_rule_flags_are_usage_errors(project: Path, run: Run) -> None:
    result = run("lint", "--rule", "stage-no-ownr=off", cwd=project)
    assert result.exit_code == 2
    assert result.stderr == (
        "journeyspec: --rule 'stage-no-ownr=off': unknown rule `stage-no-ownr`; "
        "did you mean `stage-no-owner`?\n"
    )
    with pytest.raises(ConfigError, match="write RULE=off, RULE=error"):
        settings_from(load_config(project), rules=["stage-no-owner"])


def test_fail_on_comes_from_the_config_unless_a_flag_says_otherwise(project: Path) -> None:
    (project / "journeyspec.yaml").write_text(
        "journeyspec: 1\nlint:\n  fail_on: warning\n", encoding="utf-8"
    )
    config = load_config(project)
    assert settings_from(config).fail_on == Severity.WARNING
    assert settings_from(config, fail_on="info").fail_on == Severity.INFO
