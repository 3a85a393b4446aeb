"""Shared touchpoints across journeys: which journeys and steps use each, how customers
feel there, and the pain points anchored on it."""

from __future__ import annotations

from dataclasses import dataclass

from journeyspec.model import Emotion, Journey, PainPoint, Portfolio, Stage, Step, Touchpoint


@dataclass(frozen=True)
class Use:
    journey: Journey
    stage: Stage
    step: Step | None  # None when the stage names the touchpoint, not one of its steps
    emotion: Emotion | None


@dataclass(frozen=True)
class TouchpointEntry:
    touchpoint: Touchpoint
    uses: tuple[Use, ...]
    journeys: tuple[Journey, ...]
    pains: tuple[tuple[Journey, PainPoint], ...]
    average: float | None  # mean emotion at the steps using it, when all share one scale


def touchpoint_entries(portfolio: Portfolio) -> list[TouchpointEntry]:
    """Every shared touchpoint, in registry order, with where it is used."""
    return [_entry(portfolio, t) for t in portfolio.touchpoints.values()]


def _entry(portfolio: Portfolio, touchpoint: Touchpoint) -> TouchpointEntry:
    uses: list[Use] = []
    pains: list[tuple[Journey, PainPoint]] = []
    for journey in portfolio.journeys:
        found = journey.touchpoint(touchpoint.id)
        if found is None or not found.path:
            continue  # not used (a local touchpoint never shares a shared one's id)
        for stage in journey.stages:
            steps = [s for s in stage.steps if touchpoint.id in s.touchpoints]
            uses.extend(Use(journey, stage, s, s.emotion) for s in steps)
            if not steps and touchpoint.id in stage.touchpoints:
                uses.append(Use(journey, stage, None, None))
        pains.extend((journey, p) for p in journey.pain_points if p.touchpoint == touchpoint.id)
    scored = [u for u in uses if u.emotion is not None]
    # Scores on different scales cannot be averaged: no average then.
    same_scale = len({u.journey.emotion_scale for u in scored}) == 1
    scores = [u.emotion.score for u in scored if u.emotion is not None] if same_scale else []
    seen = {u.journey.id for u in uses} | {j.id for j, _ in pains}
    return TouchpointEntry(
        touchpoint,
        tuple(uses),
        tuple(j for j in portfolio.journeys if j.id in seen),
        tuple(pains),
        sum(scores) / len(scores) if scores else None,
    )
