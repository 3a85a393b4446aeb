"""A project for engine tests: only the two card rules and the engine's own rules are on,
so these tests do not change when practice rules are added or retuned."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeyspec.lint.catalogue import ENGINE_RULES
from journeyspec.rules import RULES
from tests.conftest import write_files

CARD_RULES = ("stage-no-owner", "stage-no-touchpoints")

# Line 7 column 5 is the first stage: it has neither an owner nor a touchpoint.
RETURNS = """\
    journeyspec: 1
    id: returns
    title: Returns
    persona: budi
    owner: marketing
    stages:
      - id: request
        name: Request
        steps:
          - id: asks
            name: Asks for a refund
      - id: refund
        name: Refund
        owner: customer-success
        steps:
          - id: gets-money
            name: Gets the money back
            touchpoints: [refund-email]
    touchpoints:
      - id: refund-email
        name: Refund email
        channel: email
    """


def config_text(extra: str = "") -> str:
    """journeyspec.yaml turning off every practice rule but the card rules, then ``extra``
    (raw lines: four spaces continue ``lint.rules``, two spaces add a key to ``lint``)."""
    off = [r.ID for r in RULES if r.ID not in CARD_RULES]
    lines = ["journeyspec: 1", "name: Test journeys", "lint:", "  extends: strict", "  rules:"]
    lines += [f"    {rule_id}: off" for rule_id in off]
    return "\n".join(lines) + "\n" + extra


@pytest.fixture
def project(minimal_project: Path) -> Path:
    """The minimal project plus ``journeys/returns.yaml`` (both card rules at 7:5)."""
    (minimal_project / "journeyspec.yaml").write_text(config_text(), encoding="utf-8")
    return write_files(minimal_project, {"journeys/returns.yaml": RETURNS})


def engine_ids() -> set[str]:
    return {rule.ID for rule in ENGINE_RULES}
