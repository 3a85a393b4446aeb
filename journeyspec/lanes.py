"""A project's own lanes: declared once under ``lanes:`` in its configuration, filled by
steps under ``lanes:`` beside the service-blueprint lanes, checked here.

The journey schema accepts any other key under a step's ``lanes`` with a text, a list of
texts or a number; which keys a project has, and which kind each holds, only its
configuration knows, so an undeclared lane (a typo, or a lane removed from the
configuration) and a value of the wrong kind are reference errors found here.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from journeyspec.findings import Finding
from journeyspec.loader import Document
from journeyspec.model import BLUEPRINT_LANES
from journeyspec.sourcemap import join

RULE = "reference"  # a lane key names a declared lane, like any reference
LaneKind = Literal["text", "list", "score"]
# The service blueprint's lanes, part of the format itself.
BUILT_IN = BLUEPRINT_LANES


@dataclass(frozen=True)
class Lane:
    """A lane the project declares: its id (the key under a step's ``lanes``), its name in
    the grid, what it records and what kind of value a step gives it."""

    id: str
    name: str
    description: str = ""
    kind: LaneKind = "list"


def lanes_from(raw: Iterable[Mapping[str, Any]]) -> tuple[Lane, ...]:
    """The declared lanes, from the configuration's validated ``lanes:`` list."""
    return tuple(
        Lane(str(r["id"]), str(r["name"]), str(r.get("description", "")), r.get("kind", "list"))
        for r in raw
    )


def clashes(lanes: Sequence[Lane]) -> list[tuple[int, str]]:
    """The declarations that cannot be used: (index, why)."""
    problems: list[tuple[int, str]] = []
    seen: set[str] = set()
    for index, lane in enumerate(lanes):
        if lane.id in BUILT_IN:
            problems.append((index, f"lane `{lane.id}` is a built-in lane; choose another id"))
        elif lane.id in seen:
            problems.append((index, f"lane `{lane.id}` is declared twice"))
        seen.add(lane.id)
    return problems


def check_lanes(document: Document, lanes: Sequence[Lane]) -> list[Finding]:
    """Each step's own lanes are declared, and hold the kind of value declared."""
    stages = document.data.get("stages") if isinstance(document.data, dict) else None
    if not isinstance(stages, list):
        return []
    declared = {lane.id: lane for lane in lanes}
    findings: list[Finding] = []
    for s, stage in enumerate(stages):
        steps = stage.get("steps") if isinstance(stage, dict) else None
        for t, step in enumerate(steps if isinstance(steps, list) else []):
            given = step.get("lanes") if isinstance(step, dict) else None
            if not isinstance(given, dict):
                continue
            pointer = join("/stages", s, "steps", t, "lanes")
            for key, value in given.items():
                if key in BUILT_IN or str(key).startswith("x-"):
                    continue
                lane = declared.get(key)
                if lane is None:
                    findings.append(_unknown(document, join(pointer, key), str(key), lanes))
                elif not _fits(value, lane.kind):
                    findings.append(
                        document.finding(
                            join(pointer, key),
                            RULE,
                            f"lane `{key}` holds {_KINDS[lane.kind]}, not {_shown(value)}",
                            hint=f"write {_EXAMPLES[lane.kind]} (its kind in journeyspec.yaml "
                            f"is `{lane.kind}`)",
                        )
                    )
    return findings


def _unknown(document: Document, pointer: str, key: str, lanes: Sequence[Lane]) -> Finding:
    known = [*BUILT_IN, *(lane.id for lane in lanes)]
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    own = ", ".join(lane.id for lane in lanes) or "none"
    return document.finding(
        pointer,
        RULE,
        f"unknown lane `{key}`",
        hint=f"did you mean `{close[0]}`?"
        if close
        else f"the project's lanes: {own}; declare a lane under `lanes:` in journeyspec.yaml",
        key=True,
    )


def _fits(value: Any, kind: LaneKind) -> bool:
    if kind == "score":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "text":
        return isinstance(value, str)
    return isinstance(value, list)


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a text"
    return "a number"


_KINDS = {"text": "one text", "list": "a list of texts", "score": "a score (a number)"}
_EXAMPLES = {"text": "one line of text", "list": "a list: `[first, second]`", "score": "a number"}
