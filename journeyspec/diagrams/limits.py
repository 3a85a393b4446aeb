"""How much drawing a build attempts: a size limit on flow diagrams, a time limit on each.

Graphviz's layout time grows far faster than a flow diagram's size once ``next`` links
cross: 100 steps with 2 links each take 15 s, 300 steps with 20 each run for hours. The
cost follows steps × links, so a flow diagram is drawn only while that product stays
within ``MAX_FLOW_WEIGHT`` (a linear map of 2,000 steps, or 100 steps with 50 links, still
draws in well under a second at the limit's worst). Every diagram also has a time limit:
``site.diagram_timeout`` in journeyspec.yaml, overridden by ``$JOURNEYSPEC_DIAGRAM_TIMEOUT``
(seconds, default 20). A diagram over either limit is not drawn: its page shows its text
description and the build warns (``--strict``: fails) with a ``diagram`` finding.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from journeyspec.errors import UsageError
from journeyspec.model import Journey
from journeyspec.sourcemap import join

RULE = "diagram"
MAX_FLOW_WEIGHT = 5_000  # steps × next links
DEFAULT_TIMEOUT = 20.0
MAX_TIMEOUT = 600.0
TIMEOUT_ENV = "JOURNEYSPEC_DIAGRAM_TIMEOUT"
TIMEOUT_KEY = "site.diagram_timeout"


@dataclass(frozen=True)
class TooLarge:
    """Why a journey's flow diagram is not drawn, at the ``next`` link past the limit."""

    pointer: str
    message: str
    hint: str


def flow_too_large(journey: Journey) -> TooLarge | None:
    """None when the flow diagram is small enough to draw."""
    steps = journey.steps
    links = sum(len(step.next) for step in steps)
    if len(steps) * links <= MAX_FLOW_WEIGHT:
        return None
    allowed = MAX_FLOW_WEIGHT // len(steps)
    seen = 0
    for step in steps:  # to the first link past the limit
        if seen + len(step.next) > allowed:
            break
        seen += len(step.next)
    return TooLarge(
        join(step.pointer, "next", allowed - seen),
        f"the flow diagram is too large to draw: {links:,} `next` links among "
        f"{len(steps):,} steps, and a journey of {len(steps):,} steps may have at most "
        f"{allowed:,} (steps × links ≤ {MAX_FLOW_WEIGHT:,}); the page shows its text "
        "description instead",
        "list in `next` only real branches and loop-backs, or split the journey; a step "
        "without `next` leads to the following one",
    )


def diagram_timeout(site: Mapping[str, Any]) -> float:
    """Seconds each diagram may take: the environment's, else the project's, else 20."""
    wanted = os.environ.get(TIMEOUT_ENV, "").strip()
    if not wanted:
        configured = site.get("diagram_timeout")
        # The schema bounded it; a bool is an int to Python, never a time.
        if isinstance(configured, int | float) and not isinstance(configured, bool):
            return float(configured)
        return DEFAULT_TIMEOUT
    try:
        seconds = float(wanted)
    except ValueError:
        seconds = math.nan
    if not 0 < seconds <= MAX_TIMEOUT:
        raise UsageError(
            f"{TIMEOUT_ENV}={wanted[:40]!r} is not a time limit: give seconds above 0 and "
            f"at most {MAX_TIMEOUT:g}, such as {DEFAULT_TIMEOUT:g}"
        )
    return seconds
