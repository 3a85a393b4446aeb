"""Cross-journey tables: the emotion heatmap, channel × stage and the opportunity matrix."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from journeyspec.model import Journey, Opportunity, Portfolio, Stage
from journeyspec.phases import BUILT_IN, phase_name
from journeyspec.site.registers import LEVEL_RANK
from journeyspec.site.registers import normalise as normalise  # grid.py imports it here

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
    worst: float | None = None  # the lowest step score: an average hides one bad step
    worst_step: str = ""  # that step's name


@dataclass(frozen=True)
class Heatmap:
    columns: tuple[Column, ...]
    rows: tuple[tuple[Journey, tuple[Cell | None, ...]], ...]


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
    # The persona's own scores: an actor's (the approving director) are theirs, not hers.
    scored = [(s.emotion.score, s.name) for s in steps if s.emotion is not None and not s.actor]
    pains = sum(len(journey.pain_points_at(s.id)) for s in steps)
    if not scored:
        return Cell(None, None, 0, pains)
    average = sum(score for score, _ in scored) / len(scored)
    worst, worst_step = min(scored, key=lambda pair: pair[0])  # the first of equal lows
    level = normalise(average, journey.emotion_scale)
    return Cell(round(average, 1), level, len(scored), pains, worst, worst_step)


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
class ChannelItem:
    """A touchpoint in a channel × stage cell, and the journeys that use it there."""

    name: str
    shared: str | None  # the shared touchpoint's id (it has a page), else None
    journeys: tuple[Journey, ...]


@dataclass(frozen=True)
class ChannelRow:
    channel_id: str
    name: str
    cells: tuple[tuple[ChannelItem, ...], ...]  # touchpoints per column, by name


def channel_matrix(
    portfolio: Portfolio, *, by_phase: bool = False
) -> tuple[tuple[Column, ...], tuple[ChannelRow, ...]]:
    """Which touchpoints each channel offers in each stage (or phase), across all journeys."""
    columns = phase_columns(portfolio.journeys) if by_phase else columns_of(portfolio.journeys)
    index = {c.id: i for i, c in enumerate(columns)}
    # channel -> per column: (touchpoint name, shared id) -> journeys using it there
    found: dict[str, list[dict[tuple[str, str | None], dict[str, Journey]]]] = {}
    for journey in portfolio.journeys:
        for stage in journey.stages:
            column = index.get((stage.phase if by_phase else stage.id) or "")
            if column is None:
                continue
            for touchpoint_id in stage.all_touchpoints():
                touchpoint = journey.touchpoint(touchpoint_id)
                if touchpoint is None or touchpoint.channel is None:
                    continue
                cells = found.setdefault(touchpoint.channel, [{} for _ in columns])
                key = (touchpoint.name, touchpoint.id if touchpoint.path else None)
                cells[column].setdefault(key, {})[journey.id] = journey
    channel_ids = [c for c in portfolio.channels if c in found]
    channel_ids += sorted(c for c in found if c not in portfolio.channels)
    rows = tuple(
        ChannelRow(
            c,
            portfolio.channels[c].name if c in portfolio.channels else c,
            tuple(
                tuple(
                    ChannelItem(name, shared, tuple(users.values()))
                    for (name, shared), users in sorted(cell.items(), key=_by_name)
                )
                for cell in found[c]
            ),
        )
        for c in channel_ids
    )
    return columns, rows


def _by_name(item: tuple[tuple[str, str | None], dict[str, Journey]]) -> tuple[str, str]:
    (name, shared), _ = item
    return (name, shared or "")


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


def emotion_strip(journeys: tuple[Journey, ...]) -> tuple[tuple[str, float | None], ...]:
    """Stage by stage, how someone feels across their journeys: the mean of the stages'
    normalised averages (None where no step there is scored), for a card's mini strip."""
    heat = heatmap(journeys)
    strip = []
    for index, column in enumerate(heat.columns):
        found = [cells[index] for _, cells in heat.rows]
        levels = [c.level for c in found if c is not None and c.level is not None]
        strip.append((column.name, sum(levels) / len(levels) if levels else None))
    return tuple(strip)
