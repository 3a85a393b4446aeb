"""Every kind of validation error, from a folder of cases: exact file, line, column and rule."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from journeyspec.project import load_config
from journeyspec.validation import validate_project
from tests.conftest import MINIMAL_FILES, write_files

CASES: dict[str, dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "cases.yaml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("name", sorted(CASES))
def test_case_reports_exactly_the_expected_findings(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    write_files(tmp_path, MINIMAL_FILES)
    for relative, text in case["files"].items():
        (tmp_path / relative).write_text(text, encoding="utf-8")

    findings = validate_project(load_config(tmp_path)).findings

    got = [(f.path, f.line, f.col, f.rule) for f in findings]
    want = [tuple(e[:4]) for e in case["expect"]]
    assert got == want, "\n".join(str(f) for f in findings)
    for finding, expected in zip(findings, case["expect"], strict=True):
        assert expected[4] in f"{finding.message} ({finding.hint})", str(finding)


def test_the_minimal_project_is_valid(minimal_project: Path) -> None:
    result = validate_project(load_config(minimal_project))
    assert result.findings == []
    assert [j.id for j in result.portfolio.journeys] == ["first-purchase"]


def test_a_long_cycle_of_parents_is_named_shortened_on_every_member(tmp_path: Path) -> None:
    write_files(tmp_path, MINIMAL_FILES)
    for i in range(8):
        (tmp_path / f"journeys/j{i}.yaml").write_text(
            f"journeyspec: 1\nid: j{i}\ntitle: J\npersona: budi\n"
            f"parent: {{journey: j{(i + 1) % 8}, stage: s}}\nstages:\n  - {{id: s, name: S}}\n",
            encoding="utf-8",
        )
    findings = validate_project(load_config(tmp_path)).findings
    cycles = [f for f in findings if "in a cycle" in f.message]
    assert [(f.path, f.line, f.col) for f in cycles] == [
        (f"journeys/j{i}.yaml", 5, 19) for i in range(8)
    ]
    assert cycles[2].message == (
        "journeys are each other's parents in a cycle: `j2` -> `j3` -> `j4` -> `j5` -> `j6` "
        "-> … -> `j2`"
    )
