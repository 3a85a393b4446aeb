"""Golden DOT sources (Graphviz's diagrams), SVGs (the ones we draw) and titles and text
alternatives for three example journeys.

Regenerate after an intended change with ``JOURNEYSPEC_UPDATE_GOLDEN=1 pytest tests/diagrams``
and review the diff; never edit the golden files by hand.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from journeyspec.diagrams import journey_diagrams
from tests.diagrams.builders import example_portfolio

GOLDEN = Path(__file__).parent / "golden"
JOURNEYS = (
    "accounting-software-first-purchase",
    "missing-delivery-support",
    "dress-shoes-online-purchase",  # a flow that branches: drawn by Graphviz
)


@pytest.mark.parametrize("journey_id", JOURNEYS)
def test_journey_diagrams_match_the_golden_files(journey_id: str) -> None:
    portfolio = example_portfolio()
    journey = portfolio.journey(journey_id)
    assert journey is not None, f"example journey {journey_id} is missing or invalid"
    produced: dict[str, str] = {}
    for diagram in journey_diagrams(journey, portfolio):
        if diagram.dot:
            produced[f"{journey_id}.{diagram.name}.dot"] = diagram.dot
        else:
            produced[f"{journey_id}.{diagram.name}.svg"] = diagram.svg
        produced[f"{journey_id}.{diagram.name}.txt"] = f"{diagram.title}\n\n{diagram.alt}\n"
    if os.environ.get("JOURNEYSPEC_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        for stale in GOLDEN.glob(f"{journey_id}.*"):
            stale.unlink()
        for name, text in produced.items():
            (GOLDEN / name).write_text(text, encoding="utf-8", newline="\n")
    expected = {p.name: p.read_text(encoding="utf-8") for p in GOLDEN.glob(f"{journey_id}.*")}
    assert sorted(expected) == sorted(produced), "run with JOURNEYSPEC_UPDATE_GOLDEN=1"
    for name, text in produced.items():
        assert text == expected[name], f"{name} differs; run with JOURNEYSPEC_UPDATE_GOLDEN=1"
