"""The registry and the rules' own documentation: complete, consistent and parseable."""

from __future__ import annotations

import datetime as dt
import pkgutil
import re
from pathlib import Path

import pytest
import yaml

import journeyspec.rules
from journeyspec.findings import Severity
from journeyspec.lint import lint
from journeyspec.project import load_config
from journeyspec.rules import RULES, rule_by_id
from journeyspec.rules.base import PROFILES, Rule
from tests.conftest import MINIMAL_FILES, write_files

SECTIONS = ("**What it checks", "**Why", "**Failing example**", "**Passing example**")
YAML_BLOCK = re.compile(r"```yaml\n(.*?)```", re.S)


def test_every_rule_module_is_registered_once() -> None:
    modules = {
        info.name
        for info in pkgutil.iter_modules(journeyspec.rules.__path__)
        if info.name != "base"
    }
    registered = [rule.__name__.rsplit(".", 1)[1] for rule in RULES]  # type: ignore[attr-defined]
    assert sorted(registered) == sorted(modules)
    assert len(registered) == len(set(registered))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.ID)
def test_id_is_kebab_case_module_name(rule: Rule) -> None:
    module = rule.__name__.rsplit(".", 1)[1]  # type: ignore[attr-defined]
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.ID)
    assert module.replace("_", "-") == rule.ID
    assert rule_by_id(rule.ID) is rule
    assert isinstance(rule.SEVERITY, Severity)
    assert rule.PROFILE in PROFILES


def test_ids_are_unique() -> None:
    ids = [rule.ID for rule in RULES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.ID)
def test_docstring_documents_the_rule(rule: Rule) -> None:
    doc = rule.__doc__ or ""
    summary = doc.strip().splitlines()[0]
    assert summary.endswith(".") and len(summary) <= 100
    positions = [doc.find(section) for section in SECTIONS]
    assert -1 not in positions, f"missing one of {SECTIONS}"
    assert positions == sorted(positions)
    blocks = YAML_BLOCK.findall(doc)
    assert len(blocks) >= 2
    for block in blocks:
        assert isinstance(yaml.safe_load(block), dict)
    failing = doc[positions[2] : positions[3]]
    passing = doc[positions[3] :]
    assert YAML_BLOCK.search(failing) and YAML_BLOCK.search(passing)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.ID)
def test_options_are_described(rule: Rule) -> None:
    for name, option in rule.OPTIONS.items():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", name)
        assert option.description.strip().endswith(".")
        assert f"``{name}``" in (rule.__doc__ or ""), f"docstring does not mention {name}"


def test_minimal_profile_holds_the_card_rules() -> None:
    minimal = {rule.ID for rule in RULES if rule.PROFILE == "minimal"}
    assert {"stage-no-touchpoints", "stage-no-owner"} <= minimal


def test_card_rules_flag_the_first_stage_at_its_line(tmp_path: Path) -> None:
    journey = MINIMAL_FILES["journeys/first-purchase.yaml"].replace(
        """\
            owner: marketing
            steps:
              - id: searches
                name: Searches for software
                touchpoints: [search-ad]
""",
        """\
            steps:
              - id: searches
                name: Searches for software
""",
    )
    write_files(tmp_path, {**MINIMAL_FILES, "journeys/first-purchase.yaml": journey})
    result = lint(load_config(tmp_path), today=dt.date(2026, 6, 1))
    card = [
        (f.rule, f.line, f.col, f.pointer)
        for f in result.for_path("journeys/first-purchase.yaml")
        if f.rule in ("stage-no-owner", "stage-no-touchpoints")
    ]
    assert card == [
        ("stage-no-owner", 7, 5, "/stages/0"),
        ("stage-no-touchpoints", 7, 5, "/stages/0"),
    ]
