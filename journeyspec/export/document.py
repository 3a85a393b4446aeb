"""The resolved model as one JSON document with a stable, documented key order.

Shape (version 1)::

    {"format": "journeyspec-export", "version": 1, "project": NAME,
     "journeys": [JOURNEY...], "personas": [...], "teams": [...], "channels": [...],
     "touchpoints": [...], "studies": [...], "themes": [...]}

Each object lists the model's fields in the model's order (which follows the schema), with
``pointer`` (where the part is in its file) kept; dates are ``YYYY-MM-DD``; absent optional
values are ``null``, absent lists ``[]``. Each step also carries ``mermaid_score``, its emotion
on Mermaid's 1..5 scale (``null`` when unscored), and ``follows``, the ids of the steps that
come after it in the journey's flow (``next`` where given, else the next step in the file);
``follows`` is ``[]`` at an exit, where ``ends`` (``next: []`` in the file) or the last step
ends the journey. A step's ``lanes.own`` is an object: the project's own lanes the step
fills, by lane id, in the order written (a text, a list of texts or a number). Registries are
sorted by id.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from journeyspec.export.mermaid import mermaid_score
from journeyspec.flow import flow_of
from journeyspec.model import Journey, Portfolio

FORMAT, VERSION = "journeyspec-export", 1


def plain(value: Any) -> Any:
    """A model value as JSON-ready data, keeping the dataclass field order."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(value[k]) for k in sorted(value)}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def journey_data(journey: Journey) -> dict[str, Any]:
    data: dict[str, Any] = plain(journey)
    flow = flow_of(journey)
    steps = (step for stage in data["stages"] for step in stage["steps"])
    for step, targets in zip(steps, flow.follows, strict=True):
        emotion = step["emotion"]
        step["mermaid_score"] = (
            mermaid_score(emotion["score"], journey.emotion_scale) if emotion else None
        )
        step["follows"] = [flow.steps[j].id for j in targets]
        step["lanes"]["own"] = dict(step["lanes"]["own"])
    return data


def render(portfolio: Portfolio, journeys: Sequence[Journey], project: str) -> str:
    document = {
        "format": FORMAT,
        "version": VERSION,
        "project": project,
        "journeys": [journey_data(j) for j in journeys],
        "personas": [plain(portfolio.personas[k]) for k in sorted(portfolio.personas)],
        "teams": [plain(portfolio.teams[k]) for k in sorted(portfolio.teams)],
        "channels": [plain(portfolio.channels[k]) for k in sorted(portfolio.channels)],
        "touchpoints": [plain(portfolio.touchpoints[k]) for k in sorted(portfolio.touchpoints)],
        "studies": [plain(portfolio.studies[k]) for k in sorted(portfolio.studies)],
        "themes": [plain(portfolio.themes[k]) for k in sorted(portfolio.themes)],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
