"""Every rule against its YAML cases: exact (rule, line, column) findings, failing and passing.

A case file ``cases/<rule-id>.yaml`` holds ``cases:``, each with a ``name``, the
``journey`` as a literal block (written to ``journeys/case.yaml`` of a small project
built from ``MINIMAL_FILES``), optional ``files`` (extra or replaced project files),
``options`` (merged over the rule's defaults), ``today`` (default 2026-06-01), and
``expect``: the rule's findings as ``[rule, line, col]``, in file order.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from journeyspec.errors import ConfigError
from journeyspec.project import load_config
from journeyspec.rules import RULES, rule_by_id
from journeyspec.rules.base import Context
from journeyspec.validation import validate_project
from tests.conftest import MINIMAL_FILES, write_files

CASES_DIR = Path(__file__).parent / "cases"
CASE_PATH = "journeys/case.yaml"
DEFAULT_TODAY = dt.date(2026, 6, 1)


def load_cases(rule_id: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((CASES_DIR / f"{rule_id}.yaml").read_text(encoding="utf-8"))
    cases: list[dict[str, Any]] = data["cases"]
    return cases


def all_cases() -> list[Any]:
    # A missing case file fails test_every_case_file_names_a_rule, not the collection.
    return [
        pytest.param(rule.ID, case, id=f"{rule.ID}: {case['name']}")
        for rule in RULES
        if (CASES_DIR / f"{rule.ID}.yaml").is_file()
        for case in load_cases(rule.ID)
    ]


def run_case(rule_id: str, case: dict[str, Any], root: Path) -> list[tuple[str, int, int]]:
    """Lint ``case``'s journey with one rule; the findings as ``(rule, line, col)``."""
    rule = rule_by_id(rule_id)
    assert rule is not None, f"no rule {rule_id}"
    files = {k: v for k, v in MINIMAL_FILES.items() if not k.startswith("journeys/")}
    write_files(root, {**files, **case.get("files", {}), CASE_PATH: case["journey"]})
    config = load_config(root)
    validation = validate_project(config)
    # A case must be a valid journey: the rules judge only what validation lets through.
    assert [str(f) for f in validation.findings] == []
    journey = next(j for j in validation.portfolio.journeys if j.path == CASE_PATH)
    document = validation.document(CASE_PATH)
    assert document is not None
    options = {name: option.default for name, option in rule.OPTIONS.items()}
    options.update(case.get("options") or {})
    today = case.get("today", DEFAULT_TODAY)
    if isinstance(today, str):
        today = dt.date.fromisoformat(today)
    context = Context(validation.portfolio, options, today, config.review_interval)
    hits = list(rule.check(journey, context))
    across = getattr(rule, "check_across", None)
    if across is not None:
        hits.extend(across(validation.outlines[CASE_PATH], validation.members))
    findings = [
        document.finding(hit.pointer, rule.ID, hit.message, severity=rule.SEVERITY, key=hit.key)
        for hit in hits
    ]
    for finding in findings:
        assert finding.message and finding.rule == rule_id
    return [(f.rule, f.line, f.col) for f in findings]


@pytest.mark.parametrize(("rule_id", "case"), all_cases())
def test_rule_case(rule_id: str, case: dict[str, Any], tmp_path: Path) -> None:
    got = run_case(rule_id, case, tmp_path)
    want = [(str(r), int(line), int(col)) for r, line, col in case["expect"]]
    assert got == want


@pytest.mark.parametrize("rule_id", [rule.ID for rule in RULES])
def test_every_rule_has_failing_and_passing_cases(rule_id: str) -> None:
    cases = load_cases(rule_id)
    assert any(case["expect"] for case in cases), "no failing case"
    assert any(not case["expect"] for case in cases), "no passing case"
    assert all({e[0] for e in case["expect"]} <= {rule_id} for case in cases)
    names = [case["name"] for case in cases]
    assert len(names) == len(set(names)), "case names must be unique"


def test_every_case_file_names_a_rule() -> None:
    ids = {rule.ID for rule in RULES}
    assert {p.stem for p in CASES_DIR.glob("*.yaml")} == ids


def test_an_interval_that_is_not_a_duration_is_a_config_error(tmp_path: Path) -> None:
    case = load_cases("journey-review-overdue")[1]
    with pytest.raises(ConfigError, match="journey-review-overdue: interval 'six months'"):
        run_case(
            "journey-review-overdue", {**case, "options": {"interval": "six months"}}, tmp_path
        )


def test_a_status_policy_naming_no_journey_field_is_a_config_error(tmp_path: Path) -> None:
    case = load_cases("journey-status-policy")[0]
    with pytest.raises(
        ConfigError, match=r"journey-status-policy: `owners` .* not a journey field"
    ):
        run_case(
            "journey-status-policy",
            {**case, "options": {"fields": {"published": ["owners"]}}},
            tmp_path,
        )


@pytest.mark.parametrize(
    ("rule_id", "option"), [("evidence-stale", "max_age"), ("kpi-measurement-stale", "interval")]
)
def test_an_age_that_is_not_a_duration_is_a_config_error(
    rule_id: str, option: str, tmp_path: Path
) -> None:
    case = load_cases(rule_id)[0]
    with pytest.raises(ConfigError, match=f"{rule_id}: {option} 'a year'"):
        run_case(rule_id, {**case, "options": {option: "a year"}}, tmp_path)
