"""The rule registry: every rule module, listed explicitly, in the order of the reference."""

from __future__ import annotations

from journeyspec.rules import stage_no_owner, stage_no_touchpoints
from journeyspec.rules.base import Rule

RULES: tuple[Rule, ...] = (
    stage_no_touchpoints,
    stage_no_owner,
)


def rule_by_id(rule_id: str) -> Rule | None:
    return next((rule for rule in RULES if rule_id == rule.ID), None)
