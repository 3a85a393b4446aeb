"""Inline suppressions: every form, unused ones, missing reasons and bad directives."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from journeyspec.lint import lint
from journeyspec.lint.suppressions import scan
from journeyspec.project import load_config
from tests.conftest import Runner as Run
from tests.lint.conftest import RETURNS, config_text

Key = tuple[int, int, str]


def _lint(project: Path, journey: str, extra_config: str = "") -> list[tuple[int, int, str, str]]:
    (project / "journeyspec.yaml").write_text(config_text(extra_config), encoding="utf-8")
    (project / "journeys/returns.yaml").write_text(textwrap.dedent(journey), encoding="utf-8")
    result = lint(load_config(project))
    return [(f.line, f.col, f.rule, f.message) for f in result.for_path("journeys/returns.yaml")]


def _with(comment_before_stage: str) -> str:
    """The returns journey with comment lines above its first stage (line 7)."""
    text = textwrap.dedent(RETURNS)
    return text.replace("  - id: request\n", comment_before_stage + "  - id: request\n", 1)


def test_disable_next_line_silences_the_named_rules(project: Path) -> None:
    journey = _with(
        "  # journeyspec: disable-next-line stage-no-owner, stage-no-touchpoints -- agency\n"
    )
    assert _lint(project, journey) == []


def test_disable_next_line_skips_blank_and_comment_lines(project: Path) -> None:
    journey = _with(
        "  # journeyspec: disable-next-line stage-no-owner -- owned by the partner agency\n"
        "\n  # the agency's own stage\n"
    )
    assert [f[:3] for f in _lint(project, journey)] == [(10, 5, "stage-no-touchpoints")]


def test_a_block_covers_lines_up_to_its_enable(project: Path) -> None:
    journey = _with("  # journeyspec: disable stage-no-owner -- the agency owns these\n")
    journey = journey.replace(
        "  - id: refund\n", "  # journeyspec: enable stage-no-owner\n  - id: refund\n"
    )
    assert [f[:3] for f in _lint(project, journey)] == [(8, 5, "stage-no-touchpoints")]


def test_a_block_without_enable_runs_to_the_end_of_the_file(project: Path) -> None:
    journey = _with("  # journeyspec: disable stage-no-touchpoints -- partner channels\n")
    assert [f[:3] for f in _lint(project, journey)] == [(8, 5, "stage-no-owner")]


def test_disable_file_covers_the_whole_file(project: Path) -> None:
    journey = "# journeyspec: disable-file stage-no-owner -- archived journey\n" + textwrap.dedent(
        RETURNS
    )
    assert [f[:3] for f in _lint(project, journey)] == [(8, 5, "stage-no-touchpoints")]


def test_a_suppression_that_silences_nothing_is_reported(project: Path) -> None:
    journey = _with("  # journeyspec: disable-next-line stage-no-owner -- agency\n")
    journey = journey.replace(
        "  - id: refund\n",
        "  # journeyspec: disable-next-line stage-no-owner -- agency\n  - id: refund\n",
    )
    assert _lint(project, journey) == [
        (8, 5, "stage-no-touchpoints", "stage `request` has no touchpoints"),
        (13, 3, "unused-suppression", "`disable-next-line stage-no-owner` suppresses nothing"),
    ]


def test_a_suppression_of_a_rule_that_is_off_is_not_called_unused(project: Path) -> None:
    journey = _with("  # journeyspec: disable-next-line stage-no-owner -- agency\n")
    journey = journey.replace(
        "  - id: refund\n",
        "  # journeyspec: disable-next-line stage-no-owner -- agency\n  - id: refund\n",
    )
    findings = _lint(project, journey, "    stage-no-owner: off\n")
    assert [f[:3] for f in findings] == [(8, 5, "stage-no-touchpoints")]


def test_a_suppression_without_a_reason_silences_nothing(project: Path) -> None:
    journey = _with("  # journeyspec: disable-next-line stage-no-owner stage-no-touchpoints\n")
    assert _lint(project, journey) == [
        (7, 3, "suppression-no-reason", "`disable-next-line` gives no reason"),
        (8, 5, "stage-no-owner", "stage `request` has no owner"),
        (8, 5, "stage-no-touchpoints", "stage `request` has no touchpoints"),
    ]
    for comment in (
        "  # journeyspec: disable-next-line stage-no-owner, stage-no-touchpoints --\n",
        "  # journeyspec: disable-file stage-no-owner stage-no-touchpoints --   \n",
        "  # journeyspec: disable stage-no-owner stage-no-touchpoints\n",
    ):
        assert [f[:3] for f in _lint(project, _with(comment))] == [
            (7, 3, "suppression-no-reason"),
            (8, 5, "stage-no-owner"),
            (8, 5, "stage-no-touchpoints"),
        ]


def test_a_suppression_without_a_reason_cannot_pass_the_gate(project: Path, run: Run) -> None:
    journey = _with("  # journeyspec: disable-next-line stage-no-owner stage-no-touchpoints\n")
    (project / "journeys/returns.yaml").write_text(journey, encoding="utf-8")
    result = run("lint", cwd=project)
    assert result.exit_code == 1


def test_bad_directives_are_reported(project: Path) -> None:
    journey = _with(
        "  # journeyspec: disable-next-lines stage-no-owner -- typo\n"
        "  # journeyspec: disable-next-line stage-no-ownr -- typo\n"
        "  # journeyspec: enable stage-no-owner\n"
        "  # journeyspec: disable -- no rule\n"
    )
    assert _lint(project, journey) == [
        (
            7,
            3,
            "invalid-suppression",
            "unknown directive `disable-next-lines stage-no-owner -- typo`",
        ),
        (8, 3, "invalid-suppression", "`disable-next-line` names unknown rule `stage-no-ownr`"),
        (
            9,
            3,
            "invalid-suppression",
            "`enable stage-no-owner` has no `disable stage-no-owner` above it",
        ),
        (10, 3, "invalid-suppression", "`disable` names no rule"),
        (11, 5, "stage-no-owner", "stage `request` has no owner"),
        (11, 5, "stage-no-touchpoints", "stage `request` has no touchpoints"),
    ]


def test_the_engine_rules_can_be_configured(project: Path) -> None:
    journey = _with("  # journeyspec: disable-next-line stage-no-owner\n")
    assert _lint(project, journey, "    suppression-no-reason: off\n") == [
        (8, 5, "stage-no-owner", "stage `request` has no owner"),
        (8, 5, "stage-no-touchpoints", "stage `request` has no touchpoints"),
    ]


def test_only_comments_count_and_files_without_the_marker_are_not_scanned() -> None:
    text = (
        'name: "a # journeyspec: disable-file x -- y"\n'
        "note: 'it''s # journeyspec: disable-file x -- y'\n"
        "note: journeyspec:disable\n"
        "owner: Budi's team  # journeyspec: disable-file x -- z\n"
    )
    found = scan("a.yaml", text, {"x"})
    assert [(s.line, s.col, s.rule) for s in found.suppressions] == [(4, 21, "x")]
    assert found.problems == []
    assert scan("b.yaml", "name: plain\n", {"x"}).problems == []


def test_an_unknown_rule_in_a_suppression_suggests_the_near_one(project: Path) -> None:
    journey = _with("  # journeyspec: disable-next-line stage-no-ownr -- typo\n")
    (project / "journeys/returns.yaml").write_text(journey, encoding="utf-8")
    (project / "journeyspec.yaml").write_text(config_text(""), encoding="utf-8")
    hints = [f.hint for f in lint(load_config(project)).for_path("journeys/returns.yaml")]
    assert hints[0] == "did you mean `stage-no-owner`?"
    assert scan("a.yaml", "# journeyspec: disable-file zzz -- x\n", {"a"}).problems[0].hint == (
        "`journeyspec rules` lists the rule ids"
    )


def test_directives_inside_scalars_are_text(project: Path) -> None:
    """A block, folded, quoted or plain multi-line value that reads like a directive is
    text, not a comment: it must not silence the error below it."""
    values = (
        "scenario: |\n  Notes.\n  # journeyspec: disable-file stage-no-owner -- hidden\n",
        "scenario: >-\n  Notes.\n\n  # journeyspec: disable-file stage-no-owner -- hidden\n",
        'scenario: "Notes.\n  # journeyspec: disable-file stage-no-owner -- hidden"\n',
        "scenario: 'Notes.\n  # journeyspec: disable-file stage-no-owner -- hidden'\n",
    )
    for value in values:
        journey = textwrap.dedent(RETURNS).replace("stages:\n", value + "stages:\n", 1)
        findings = _lint(project, journey)
        assert [f[2] for f in findings] == ["stage-no-owner", "stage-no-touchpoints"], value


def test_comments_after_scalars_still_count() -> None:
    text = (
        "scenario: |\n"
        "  Notes.\n"
        "# journeyspec: disable-file x -- a real comment below the block\n"
        "name: café  # journeyspec: disable-file y -- after non-ASCII text\n"
        "plain: several\n"
        "  words\n"
        "    # journeyspec: disable-file z -- after a plain multi-line value\n"
        'quoted: "# journeyspec: disable-file w -- text"  # journeyspec: disable-file v -- c\n'
    )
    found = scan("a.yaml", text, {"v", "w", "x", "y", "z"})
    assert [(s.line, s.col, s.rule) for s in found.suppressions] == [
        (3, 1, "x"),
        (4, 13, "y"),
        (7, 5, "z"),
        (8, 50, "v"),
    ]


_TEMPORARY = (
    "  # journeyspec: disable-next-line stage-no-owner, stage-no-touchpoints -- agency ({})\n"
)


def _lint_on(project: Path, journey: str, today: str) -> list[tuple[int, int, str, str]]:
    (project / "journeys/returns.yaml").write_text(journey, encoding="utf-8")
    result = lint(load_config(project), today=dt.date.fromisoformat(today))
    return [(f.line, f.col, f.rule, f.message) for f in result.for_path("journeys/returns.yaml")]


def test_a_dated_suppression_works_up_to_and_including_its_day(project: Path) -> None:
    journey = _with(_TEMPORARY.format("until 2027-03-31"))
    assert _lint_on(project, journey, "2027-03-31") == []


def test_past_its_day_a_suppression_silences_nothing_and_says_so(project: Path) -> None:
    journey = _with(_TEMPORARY.format("until 2027-03-31"))
    assert _lint_on(project, journey, "2027-04-01") == [
        (
            7,
            3,
            "suppression-expired",
            "`disable-next-line stage-no-owner, stage-no-touchpoints` expired on 2027-03-31",
        ),
        (8, 5, "stage-no-owner", "stage `request` has no owner"),
        (8, 5, "stage-no-touchpoints", "stage `request` has no touchpoints"),
    ]


def test_an_unreadable_date_is_reported_and_silences_nothing(project: Path) -> None:
    journey = _with(_TEMPORARY.format("until 2027-02-30"))
    assert _lint_on(project, journey, "2026-01-01") == [
        (7, 3, "invalid-suppression", "`(until 2027-02-30)` is not a date"),
        (8, 5, "stage-no-owner", "stage `request` has no owner"),
        (8, 5, "stage-no-touchpoints", "stage `request` has no touchpoints"),
    ]


def test_an_expired_block_and_the_cli_today_flag(project: Path, run: Run) -> None:
    journey = _with("  # journeyspec: disable stage-no-owner -- agency (until 2026-12-31)\n")
    journey = journey.replace(
        "  - id: refund\n", "  # journeyspec: enable stage-no-owner\n  - id: refund\n"
    )
    journey = journey.replace(
        "        name: Asks for a refund\n",
        "        name: Asks for a refund\n        touchpoints: [refund-email]\n",
    )
    (project / "journeys/returns.yaml").write_text(journey, encoding="utf-8")
    assert run("lint", "--today", "2026-12-31", cwd=project).exit_code == 0
    late = run("lint", "--today", "2027-01-01", cwd=project)
    assert late.exit_code == 1
    assert (
        "journeys/returns.yaml:7:3: warning[suppression-expired]: `disable stage-no-owner` expired on 2026-12-31"
        in late.stdout
    )
    assert (
        "journeys/returns.yaml:8:5: error[stage-no-owner]: stage `request` has no owner"
        in late.stdout
    )
    env_late = run("lint", cwd=project, env={"JOURNEYSPEC_TODAY": "2027-01-01"})
    assert env_late.exit_code == 1
