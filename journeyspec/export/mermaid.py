"""Mermaid ``journey`` text for one journey, escaped so Mermaid's parser always accepts it.

Mermaid's journey grammar has no quoting, so names are made safe instead of quoted:

- ``:`` ``;`` ``#`` ``%`` become their full-width look-alikes (``：`` ``；`` ``＃`` ``％``), which
  read the same on the diagram; commas in actor names become ``，`` (commas separate actors);
  newlines and runs of whitespace become one space.
- A name that starts with one of the grammar's keywords (``journey``, ``title``, ``section``,
  ``accTitle``, ``accDescr``) gets an invisible word joiner (U+2060) in front, so it stays a name.
- Scores are mapped linearly from the journey's emotion scale onto Mermaid's integer 1..5
  (−2..+2 becomes 1..5; halves round up) and clamped to it.
- A step without a score is drawn at the neutral 3 and a ``%%`` comment line above it says
  it is unscored, because Mermaid needs a score on every task and a missing score is a gap,
  not a feeling.
"""

from __future__ import annotations

import math
import re

from journeyspec.model import Journey, Portfolio, Step

MERMAID_MIN, MERMAID_MAX = 1, 5
NEUTRAL = 3
_SWAPS = str.maketrans({":": "：", ";": "；", "#": "＃", "%": "％"})
_KEYWORD = re.compile(r"^(journey\b|title\s|title$|section\s|section$|acc(title|descr))", re.I)
_WORD_JOINER = "\u2060"


def escape(text: str, fallback: str = "untitled") -> str:
    """``text`` as a name Mermaid's journey grammar reads back unchanged in meaning."""
    safe = " ".join(text.translate(_SWAPS).split())
    if not safe:
        safe = fallback
    return _WORD_JOINER + safe if _KEYWORD.match(safe) else safe


def escape_actor(text: str) -> str:
    return escape(text.replace(",", "，"), "customer")


def mermaid_score(score: float, scale: tuple[int, int]) -> int:
    """``score`` on ``scale`` as Mermaid's integer 1..5 (linear, halves up, clamped)."""
    low, high = scale
    position = (score - low) / (high - low)
    mapped = math.floor(MERMAID_MIN + position * (MERMAID_MAX - MERMAID_MIN) + 0.5)
    return max(MERMAID_MIN, min(MERMAID_MAX, mapped))


def render(
    journey: Journey, portfolio: Portfolio, *, step_ids: frozenset[str] | None = None
) -> str:
    """The journey as Mermaid text; with ``step_ids``, only those steps (and their stages)."""
    lines = ["journey", f"  title {escape(journey.title, journey.id)}"]
    for stage in journey.stages:
        steps = [s for s in stage.steps if step_ids is None or s.id in step_ids]
        if step_ids is not None and not steps:
            continue
        lines.append(f"  section {escape(stage.name, stage.id)}")
        for step in steps:
            lines.extend(_task(step, journey, portfolio))
    return "\n".join(lines) + "\n"


def _task(step: Step, journey: Journey, portfolio: Portfolio) -> list[str]:
    actors = ", ".join(escape_actor(a) for a in _actors(step, journey, portfolio))
    name = escape(step.name, step.id)
    if step.emotion is None:
        return [
            f"    %% {step.id} is unscored: drawn at the neutral {NEUTRAL}",
            f"    {name}: {NEUTRAL}: {actors}",
        ]
    return [f"    {name}: {mermaid_score(step.emotion.score, journey.emotion_scale)}: {actors}"]


def _actors(step: Step, journey: Journey, portfolio: Portfolio) -> list[str]:
    persona_id = step.actor or journey.persona
    persona = portfolio.personas.get(persona_id)
    return [persona.name if persona else persona_id]
