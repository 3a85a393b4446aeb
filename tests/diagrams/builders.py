"""Small projects for diagram tests: journeys given as dicts, written as YAML, validated."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from journeyspec.model import Journey, Portfolio
from journeyspec.project import load_config
from journeyspec.validation import validate_project
from tests.conftest import MINIMAL_FILES, REPO, write_files


def portfolio_of(root: Path, *journeys: dict[str, Any]) -> Portfolio:
    """A valid project in ``root`` holding exactly these journeys (JSON is valid YAML 1.2)."""
    files = {k: v for k, v in MINIMAL_FILES.items() if not k.startswith("journeys/")}
    for data in journeys:
        files[f"journeys/{data['id']}.yaml"] = json.dumps({"journeyspec": 1, **data}, indent=2)
    validation = validate_project(load_config(write_files(root, files)))
    assert validation.findings == []
    return validation.portfolio


def one_journey(root: Path, *journeys: dict[str, Any]) -> tuple[Journey, Portfolio]:
    """The first journey given, with the portfolio it lives in."""
    portfolio = portfolio_of(root, *journeys)
    found = portfolio.journey(journeys[0]["id"])
    assert found is not None
    return found, portfolio


def example_portfolio() -> Portfolio:
    """The repository's own example journeys."""
    validation = validate_project(load_config(REPO))
    assert [f for f in validation.findings if f.path.startswith("journeys/")] == []
    return validation.portfolio


def steps(*names: str, **extra: Any) -> list[dict[str, Any]]:
    """Steps with ids ``a``, ``b``... named ``names``; ``extra`` keys are merged into each."""
    return [{"id": chr(ord("a") + i), "name": name, **extra} for i, name in enumerate(names)]


def branching(*names: str) -> list[dict[str, Any]]:
    """Steps as ``steps`` makes them, the first leading to every other (a branch): a flow
    worth drawing (a linear one repeats the grid, and is not drawn)."""
    found = steps(*names)
    found[0]["next"] = [step["id"] for step in found[1:]]
    return found


def journey(journey_id: str = "j", **fields: Any) -> dict[str, Any]:
    """A journey with one stage of two steps unless ``stages`` is given."""
    data: dict[str, Any] = {
        "id": journey_id,
        "title": f"Journey {journey_id}",
        "persona": "budi",
        "stages": [{"id": "s", "name": "Stage", "steps": steps("First", "Second")}],
    }
    return {**data, **fields}
