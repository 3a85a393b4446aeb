"""Golden files: the planned Markdown of two example journeys' pages.

Regenerate with ``JOURNEYSPEC_UPDATE_GOLDEN=1 pytest tests/site/test_site_golden.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from journeyspec.rules import RULES
from journeyspec.site import links
from journeyspec.site.plan import PlannedPage

GOLDEN = Path(__file__).parent / "golden"
JOURNEYS = ("accounting-software-first-purchase", "missing-delivery-support")


@pytest.mark.parametrize("journey_id", JOURNEYS)
def test_journey_page_markdown_matches_golden(
    planned: dict[str, PlannedPage], journey_id: str
) -> None:
    page = planned[links.journey(journey_id)]
    golden = GOLDEN / f"{journey_id}.md"
    if os.environ.get("JOURNEYSPEC_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(page.markdown, encoding="utf-8")
    assert page.markdown == golden.read_text(encoding="utf-8")


def test_plan_lists_every_page_once_and_keeps_journeys_out_of_the_nav(
    planned: dict[str, PlannedPage],
) -> None:
    srcs = list(planned)
    assert len(srcs) == len(set(srcs))
    assert all(src.endswith("index.md") for src in srcs)
    in_nav = sorted(src for src, page in planned.items() if page.in_nav)
    assert in_nav == sorted(
        [
            links.HOME,
            links.JOURNEYS,
            links.PERSONAS,
            links.TEAMS,
            links.PAIN_POINTS,
            links.OPPORTUNITIES,
            links.KPIS,
            links.HEATMAP,
            links.CHANNELS,
            links.THEMES,
            links.TOUCHPOINTS,
            links.RULES,
            links.HEALTH,
            links.FORMAT,
        ]
    )
    for rule in RULES:
        assert links.rule(rule.ID) in planned
