"""The journey grid: steps as columns grouped by stage, lanes as rows (what the page shows)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from journeyspec.lanes import Lane
from journeyspec.model import Journey, Kpi, Opportunity, PainPoint, Stage, Step
from journeyspec.site.matrices import heat_class, normalise


@dataclass(frozen=True)
class Feeling:
    score: float
    label: str | None
    note: str | None
    heat: str  # a colour bucket class


@dataclass(frozen=True)
class Contact:
    name: str
    channel: str | None  # the channel's name


@dataclass(frozen=True)
class Column:
    """One step (or an empty stage's placeholder when ``step`` is None)."""

    stage: Stage
    step: Step | None
    feeling: Feeling | None = None
    contacts: tuple[Contact, ...] = ()
    pains: tuple[PainPoint, ...] = ()
    opportunities: tuple[Opportunity, ...] = ()


@dataclass(frozen=True)
class Grid:
    stages: tuple[tuple[Stage, int], ...]  # each stage with the columns it spans
    columns: tuple[Column, ...]
    kpis: tuple[tuple[Stage, int, tuple[Kpi, ...]], ...]
    lanes: frozenset[str] = field(default_factory=frozenset)  # optional lanes present
    own: tuple[Lane, ...] = ()  # the project's own lanes some step fills, declared order


def _opportunities(journey: Journey, step: Step, pains: tuple[PainPoint, ...]) -> list[Opportunity]:
    ids = [step.id, *(p.id for p in pains), *(g.id for g in step.gaps)]
    found: dict[str, Opportunity] = {}
    for item in ids:
        for opportunity in journey.opportunities_for(item):
            found.setdefault(opportunity.id, opportunity)
    return list(found.values())


def _column(journey: Journey, stage: Stage, step: Step, channels: dict[str, str]) -> Column:
    feeling = None
    if step.emotion is not None:
        level = normalise(step.emotion.score, journey.emotion_scale)
        feeling = Feeling(
            step.emotion.score, step.emotion.label, step.emotion.note, heat_class(level)
        )
    contacts = []
    for touchpoint_id in step.touchpoints:
        touchpoint = journey.touchpoint(touchpoint_id)
        if touchpoint is not None:
            channel = channels.get(touchpoint.channel or "", touchpoint.channel)
            contacts.append(Contact(touchpoint.name, channel))
    pains = journey.pain_points_at(step.id)
    return Column(
        stage, step, feeling, tuple(contacts), pains, tuple(_opportunities(journey, step, pains))
    )


def journey_grid(journey: Journey, channels: dict[str, str], lanes: Sequence[Lane] = ()) -> Grid:
    """Lay the journey out; ``channels`` maps channel ids to names, ``lanes`` are the
    project's own (a row each when some step fills it)."""
    columns: list[Column] = []
    spans: list[tuple[Stage, int]] = []
    for stage in journey.stages:
        cells = [_column(journey, stage, step, channels) for step in stage.steps]
        columns.extend(cells or [Column(stage, None)])
        spans.append((stage, max(len(cells), 1)))
    present = set()
    for column in columns:
        step = column.step
        if step is None:
            continue
        for lane in ("physical_evidence", "frontstage", "backstage", "support"):
            if getattr(step.lanes, lane):
                present.add(lane)
        if step.gaps:
            present.add("gaps")
        if step.wait_time:
            present.add("wait_time")
        if step.actor:
            present.add("actor")
    kpis = tuple((stage, span, journey.kpis_of(stage.id)) for stage, span in spans)
    filled = {key for step in journey.steps for key, _ in step.lanes.own}
    own = tuple(lane for lane in lanes if lane.id in filled)
    return Grid(tuple(spans), tuple(columns), kpis, frozenset(present), own)
