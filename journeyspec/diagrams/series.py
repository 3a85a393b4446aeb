"""Emotion series: the scores a chart plots, and how a related map's steps line up with ours."""

from __future__ import annotations

from dataclasses import dataclass

from journeyspec.model import Journey, Portfolio, Step


@dataclass(frozen=True)
class Series:
    """One line on the chart: a score (or ``None``, a gap) for each of the charted steps."""

    role: str  # "this map", "future state", "current state"
    journey: Journey
    scores: tuple[float | None, ...]  # already on the charted journey's scale


def own_series(journey: Journey) -> Series:
    """The persona's line: a step another person (an ``actor``) takes is a gap on it."""
    scores = tuple(
        step.emotion.score if step.emotion and not step.actor else None for step in journey.steps
    )
    return Series("this map", journey, scores)


def actor_series(journey: Journey) -> list[tuple[str, Series]]:
    """One line per other person on the map (``actor`` steps), never averaged into the
    persona's: ``(persona id, series)`` in order of first appearance."""
    actors = list(dict.fromkeys(step.actor for step in journey.steps if step.actor))
    return [
        (
            actor,
            Series(
                "actor",
                journey,
                tuple(
                    step.emotion.score if step.emotion and step.actor == actor else None
                    for step in journey.steps
                ),
            ),
        )
        for actor in actors
    ]


def related_series(journey: Journey, portfolio: Portfolio) -> list[Series]:
    """Future-state maps of this one; or, for a future-state map, the current state it improves."""
    if journey.current_state and journey.current_state != journey.id:
        current = portfolio.journey(journey.current_state)
        return [_aligned("current state", journey, current)] if current else []
    return [
        _aligned("future state", journey, future)
        for future in portfolio.future_states_of(journey.id)
        if future.id != journey.id
    ]


def _aligned(role: str, journey: Journey, other: Journey) -> Series:
    """Match steps by id, else by position within the stage of the same id; rescale scores."""
    by_id = {step.id: step for step in other.steps}
    stages = {stage.id: stage for stage in other.stages}
    ours = {step.id for step in journey.steps}
    scores: list[float | None] = []
    for stage in journey.stages:
        for position, step in enumerate(stage.steps):
            match: Step | None = by_id.get(step.id)
            twin = stages.get(stage.id)
            if match is None and twin and position < len(twin.steps):
                candidate = twin.steps[position]
                match = candidate if candidate.id not in ours else None
            emotion = match.emotion if match else None
            scores.append(_rescale(emotion.score, other, journey) if emotion else None)
    return Series(role, other, tuple(scores))


def _rescale(score: float, source: Journey, target: Journey) -> float:
    (a, b), (c, d) = source.emotion_scale, target.emotion_scale
    if (a, b) == (c, d) or b <= a:
        return score
    return c + (score - a) * (d - c) / (b - a)
