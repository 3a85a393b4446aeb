"""The journey grid: steps as columns grouped by stage, lanes as rows (what the page shows)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from journeyspec.lanes import Lane as ProjectLane
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
class Lane:
    """One row of the grid, top to bottom.

    The template draws the built-in lanes by ``id``; a lane it does not know (a project's
    own lane, appended to ``Grid.rows``) is drawn from ``items``: each column's texts.
    ``line`` names a service-blueprint line drawn above the lane.
    """

    id: str
    label: str
    items: tuple[tuple[str, ...], ...] = ()
    line: str | None = None


BLUEPRINT_LINES = {
    "frontstage": "Line of interaction",
    "backstage": "Line of visibility",
    "support": "Line of internal interaction",
}


@dataclass(frozen=True)
class Grid:
    stages: tuple[tuple[Stage, int], ...]  # each stage with the columns it spans
    columns: tuple[Column, ...]
    kpis: tuple[tuple[Stage, int, tuple[Kpi, ...]], ...]
    lanes: frozenset[str] = field(default_factory=frozenset)  # optional lanes present
    own: tuple[ProjectLane, ...] = ()  # the project's own lanes some step fills, declared order
    rows: tuple[Lane, ...] = ()  # the lanes with content in this journey, in order

    @property
    def steps(self) -> tuple[Step | None, ...]:
        return tuple(column.step for column in self.columns)


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


def journey_grid(
    journey: Journey, channels: dict[str, str], lanes: Sequence[ProjectLane] = ()
) -> Grid:
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
    rows = _rows(columns, present, any(k for _, _, k in kpis))
    return Grid(tuple(spans), tuple(columns), kpis, frozenset(present), own, rows)


def _rows(columns: list[Column], lanes: set[str], kpis: bool) -> tuple[Lane, ...]:
    """The lanes this journey fills, in canon order: who, what they do, think, feel
    and meet (a service blueprint starts with physical evidence and names doing "customer
    actions"), the staff's lanes between the three lines of a blueprint, then pain points,
    opportunities and KPIs."""
    steps = [c.step for c in columns if c.step is not None]
    has = {
        "actor": "actor" in lanes,
        "curve": True,  # the template drops it when no one has a score
        "thinking": any(s.thinks for s in steps),
        "touchpoints": any(c.contacts for c in columns),
        "gaps": "gaps" in lanes,
        "physical_evidence": "physical_evidence" in lanes,
        "doing": any(s.does for s in steps),
        "frontstage": "frontstage" in lanes,
        "backstage": "backstage" in lanes,
        "support": "support" in lanes,
        "wait_time": "wait_time" in lanes,
        "pains": any(c.pains for c in columns),
        "opportunities": any(c.opportunities for c in columns),
        "kpis": kpis,
    }
    rows = []
    blueprint = bool(lanes & {"physical_evidence", "frontstage", "backstage", "support"})
    for lane_id, label in LANE_LABELS:
        line = BLUEPRINT_LINES.get(lane_id) if blueprint else None
        if lane_id == "doing" and blueprint:
            label = "Customer actions"
        if has[lane_id] or line:  # a blueprint keeps its staff lanes to draw the lines
            rows.append(Lane(lane_id, label, line=line))
    return tuple(rows)


LANE_LABELS = (
    ("actor", "Who"),
    ("physical_evidence", "Physical evidence"),
    ("doing", "Doing"),
    ("thinking", "Thinking"),
    ("curve", "Feeling"),
    ("touchpoints", "Touchpoints"),
    ("gaps", "Missing touchpoints"),
    ("frontstage", "Frontstage"),
    ("backstage", "Backstage"),
    ("support", "Support processes"),
    ("wait_time", "Wait time"),
    ("pains", "Pain points"),
    ("opportunities", "Opportunities"),
    ("kpis", "KPIs"),
)
