"""Cross-journey tables: the emotion heatmap, channel × stage and the opportunity matrix."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from journeyspec.model import Journey, Opportunity, Portfolio, Stage
from journeyspec.phases import BUILT_IN, phase_name
from journeyspec.site.registers import LEVEL_RANK

LEVELS = ("high", "medium", "low")


@dataclass(frozen=True)
class Column:
    """A stage id shared by several journeys, named by its most common name."""

    id: str
    name: str


@dataclass(frozen=True)
class Cell:
    """One journey's stage in the heatmap: average emotion (normalised -1..1) and pains."""

    score: float | None  # average on the journey's own scale
    level: float | None  # the same, normalised to -1 .. +1
    scored: int  # how many steps carry a score
    pains: int


@dataclass(frozen=True)
class Heatmap:
    columns: tuple[Column, ...]
    rows: tuple[tuple[Journey, tuple[Cell | None, ...]], ...]


def normalise(score: float, scale: tuple[int, int]) -> float:
    low, high = scale
    middle, half = (low + high) / 2, (high - low) / 2
    return max(-1.0, min(1.0, (score - middle) / half))


def heat_class(level: float | None) -> str:
    """A colour bucket for a normalised emotion: strongly negative … strongly positive."""
    if level is None:
        return "jsp-heat-none"
    if level <= -0.6:
        return "jsp-heat-n2"
    if level < -0.15:
        return "jsp-heat-n1"
    if level <= 0.15:
        return "jsp-heat-0"
    return "jsp-heat-p1" if level < 0.6 else "jsp-heat-p2"


PHASES = tuple(Column(p, phase_name(p)) for p in BUILT_IN["commercial"])


def phase_columns(journeys: Iterable[Journey]) -> tuple[Column, ...]:
    """The phases of every phase set the journeys use, set by set in order of first use;
    the commercial phases when no journey names a phase."""
    seen = dict.fromkeys(p for journey in journeys for p in journey.phases)
    return tuple(Column(p, phase_name(p)) for p in seen) or PHASES


def stage_cell(journey: Journey, *stages: Stage) -> Cell:
    """The persona's feelings and the pains of one or more stages of a journey, pooled; a
    step another person takes (``actor``) is their feeling, not the persona's."""
    steps = [step for stage in stages for step in stage.steps]
    scores = [s.emotion.score for s in steps if s.emotion is not None and not s.actor]
    pains = sum(len(journey.pain_points_at(s.id)) for s in steps)
    if not scores:
        return Cell(None, None, 0, pains)
    average = sum(scores) / len(scores)
    return Cell(round(average, 1), normalise(average, journey.emotion_scale), len(scores), pains)


def columns_of(journeys: Iterable[Journey]) -> tuple[Column, ...]:
    """Stage ids across journeys, ordered by where they usually sit in a journey."""
    positions: dict[str, list[float]] = defaultdict(list)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for journey in journeys:
        count = max(len(journey.stages) - 1, 1)
        for index, stage in enumerate(journey.stages):
            positions[stage.id].append(index / count)
            names[stage.id][stage.name] += 1
    order = sorted(positions, key=lambda s: (sum(positions[s]) / len(positions[s]), s))
    return tuple(
        Column(s, sorted(names[s].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]) for s in order
    )


def phase_heatmap(journeys: tuple[Journey, ...]) -> Heatmap:
    """Journeys × the phases of their phase sets (pre-purchase, purchase, post-purchase;
    before, during, after; a project's own): comparable whatever the stage names."""
    columns = phase_columns(journeys)
    rows = []
    for journey in journeys:
        cells = []
        for column in columns:
            stages = [s for s in journey.stages if s.phase == column.id]
            cells.append(stage_cell(journey, *stages) if stages else None)
        rows.append((journey, tuple(cells)))
    return Heatmap(columns, tuple(rows))


def heatmap(journeys: tuple[Journey, ...]) -> Heatmap:
    columns = columns_of(journeys)
    rows = []
    for journey in journeys:
        by_id = {s.id: s for s in journey.stages}
        cells = tuple(stage_cell(journey, by_id[c.id]) if c.id in by_id else None for c in columns)
        rows.append((journey, cells))
    return Heatmap(columns, tuple(rows))


@dataclass(frozen=True)
class ChannelRow:
    channel_id: str
    name: str
    cells: tuple[tuple[str, ...], ...]  # touchpoint names per column


def channel_matrix(
    portfolio: Portfolio, *, by_phase: bool = False
) -> tuple[tuple[Column, ...], tuple[ChannelRow, ...]]:
    """Which touchpoints each channel offers in each stage (or phase), across all journeys."""
    columns = phase_columns(portfolio.journeys) if by_phase else columns_of(portfolio.journeys)
    index = {c.id: i for i, c in enumerate(columns)}
    found: dict[str, list[set[str]]] = {}
    for journey in portfolio.journeys:
        for stage in journey.stages:
            column = index.get((stage.phase if by_phase else stage.id) or "")
            if column is None:
                continue
            for touchpoint_id in stage.all_touchpoints():
                touchpoint = journey.touchpoint(touchpoint_id)
                if touchpoint is None or touchpoint.channel is None:
                    continue
                cells = found.setdefault(touchpoint.channel, [set() for _ in columns])
                cells[column].add(touchpoint.name)
    channel_ids = [c for c in portfolio.channels if c in found]
    channel_ids += sorted(c for c in found if c not in portfolio.channels)
    rows = tuple(
        ChannelRow(
            c,
            portfolio.channels[c].name if c in portfolio.channels else c,
            tuple(tuple(sorted(cell)) for cell in found[c]),
        )
        for c in channel_ids
    )
    return columns, rows


def opportunity_grid(
    items: Iterable[tuple[Journey, Opportunity]],
) -> tuple[tuple[str, tuple[tuple[str, tuple[tuple[Journey, Opportunity], ...]], ...]], ...]:
    """Impact rows (high first) × effort columns (low first) of rated opportunities."""
    cells: dict[tuple[str, str], list[tuple[Journey, Opportunity]]] = defaultdict(list)
    for journey, opportunity in items:
        if opportunity.impact in LEVEL_RANK and opportunity.effort in LEVEL_RANK:
            cells[(opportunity.impact, opportunity.effort)].append((journey, opportunity))
    efforts = tuple(reversed(LEVELS))
    return tuple(
        (impact, tuple((effort, tuple(cells[(impact, effort)])) for effort in efforts))
        for impact in LEVELS
    )


def persona_emotions(portfolio: Portfolio, persona_id: str) -> Heatmap:
    """The persona's feelings, stage by stage, in each of their journeys."""
    return heatmap(tuple(portfolio.journeys_of_persona(persona_id)))
