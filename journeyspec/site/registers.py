"""Portfolio registers: every pain point, opportunity and KPI across journeys, ranked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from journeyspec.model import Evidence, Journey, Kpi, Opportunity, PainPoint, Portfolio, Study

SEVERITY_RANK = {"abandon": 3, "workaround": 2, "trivial": 1}
SEVERITY_WORDS = {
    "abandon": "Makes them abandon",
    "workaround": "Needs a workaround",
    "trivial": "Annoyance",
}
LEVEL_RANK = {"high": 3, "medium": 2, "low": 1}
STATUS_ORDER = ("in-progress", "planned", "idea", "done", "dropped")


@dataclass(frozen=True)
class PainEntry:
    journey: Journey
    pain: PainPoint
    where: str  # "Stage › Step" or the touchpoint's name
    evidence: tuple[Evidence, ...]
    opportunities: tuple[Opportunity, ...]
    reach: int | None = None  # the largest sample among its evidence
    feeling: float | None = None  # the emotion score at its step, on the journey's scale


@dataclass(frozen=True)
class OpportunityEntry:
    journey: Journey
    opportunity: Opportunity
    addresses: tuple[str, ...]  # titles of what it answers
    overdue: bool


@dataclass(frozen=True)
class KpiEntry:
    journey: Journey
    kpi: Kpi
    stage: str | None  # the stage's name

    @property
    def rank(self) -> int:
        """Off target first, then not yet judged, then on track (a stable sort keeps order)."""
        return {False: 0, None: 1, True: 2}[self.kpi.on_target]


def normalise(score: float, scale: tuple[int, int]) -> float:
    """A score on a journey's own scale as -1 .. +1, so scales can be compared."""
    low, high = scale
    middle, half = (low + high) / 2, (high - low) / 2
    return max(-1.0, min(1.0, (score - middle) / half))


def where(journey: Journey, pain: PainPoint) -> str:
    """A readable place for a pain point: its stage and step, else its touchpoint."""
    step_id = step_of(journey, pain)
    if step_id is not None:
        step = next((s for s in journey.steps if s.id == step_id), None)
        stage = journey.stage_of(step_id)
        if step is not None and stage is not None:
            return f"{stage.name} › {step.name}"
    if pain.touchpoint is not None:
        touchpoint = journey.touchpoint(pain.touchpoint)
        return touchpoint.name if touchpoint else pain.touchpoint
    return ""


def evidence_of(
    journey: Journey, ids: tuple[str, ...], studies: Mapping[str, Study] | None = None
) -> tuple[Evidence, ...]:
    """The journey's evidence items named by ``ids``, then the library's studies named,
    each told as an evidence item (its method as the kind), so registers show both."""
    own = tuple(e for e in journey.evidence if e.id in ids)
    local = {e.id for e in own}
    library = studies or {}
    cited = tuple(library[i].as_evidence() for i in ids if i in library and i not in local)
    return own + cited


def pain_entry(
    journey: Journey, pain: PainPoint, studies: Mapping[str, Study] | None = None
) -> PainEntry:
    evidence = evidence_of(journey, pain.evidence, studies)
    samples = [e.sample_size for e in evidence if e.sample_size is not None]
    step = next((s for s in journey.steps if s.id == step_of(journey, pain)), None)
    feeling = step.emotion.score if step is not None and step.emotion is not None else None
    return PainEntry(
        journey,
        pain,
        where(journey, pain),
        evidence,
        journey.opportunities_for(pain.id),
        max(samples, default=None),
        feeling,
    )


def step_of(journey: Journey, pain: PainPoint) -> str | None:
    """The step a pain point is at: its own, else the first step using its touchpoint."""
    if pain.step is not None or pain.touchpoint is None:
        return pain.step
    return next((s.id for s in journey.steps if pain.touchpoint in s.touchpoints), None)


def pain_entries(
    journeys: tuple[Journey, ...], studies: Mapping[str, Study] | None = None
) -> list[PainEntry]:
    """Every pain point, worst first: by severity, then within it by reach (the largest
    evidence sample: more people heard), then by how bad the customer feels at its step
    (normalised across emotion scales; unscored last), then journey and id."""

    def rank(e: PainEntry) -> tuple[int, int, float, str, str]:
        feeling = 2.0 if e.feeling is None else normalise(e.feeling, e.journey.emotion_scale)
        return (
            -SEVERITY_RANK.get(e.pain.severity or "", 0),
            -(e.reach or 0),
            feeling,
            e.journey.id,
            e.pain.id,
        )

    entries = (pain_entry(j, p, studies) for j in journeys for p in j.pain_points)
    return sorted(entries, key=rank)


def addressed_titles(journey: Journey, opportunity: Opportunity) -> tuple[str, ...]:
    titles = {p.id: p.title for p in journey.pain_points}
    titles.update({g.id: g.text for s in journey.steps for g in s.gaps})
    titles.update({s.id: s.name for s in journey.steps})
    return tuple(titles.get(a, a) for a in opportunity.addresses)


def opportunity_entries(journeys: tuple[Journey, ...], today: dt.date) -> list[OpportunityEntry]:
    """Every opportunity: open ones first by status, then highest impact, lowest effort."""
    entries = [
        OpportunityEntry(
            j,
            o,
            addressed_titles(j, o),
            o.due is not None and o.due < today and o.status not in ("done", "dropped"),
        )
        for j in journeys
        for o in j.opportunities
    ]

    def rank(e: OpportunityEntry) -> tuple[int, int, int, str, str]:
        o = e.opportunity
        return (
            STATUS_ORDER.index(o.status) if o.status in STATUS_ORDER else len(STATUS_ORDER),
            -LEVEL_RANK.get(o.impact or "", 0),
            LEVEL_RANK.get(o.effort or "", 4),
            e.journey.id,
            o.id,
        )

    return sorted(entries, key=rank)


def kpi_entries(journeys: tuple[Journey, ...]) -> list[KpiEntry]:
    entries: list[KpiEntry] = []
    for j in journeys:
        names = {s.id: s.name for s in j.stages}
        entries.extend(KpiEntry(j, k, names.get(k.stage or "")) for k in j.kpis)
    return entries


def quick_wins(entries: list[OpportunityEntry]) -> list[OpportunityEntry]:
    return [
        e
        for e in entries
        if e.opportunity.quick_win and e.opportunity.status not in ("done", "dropped")
    ]


def of_team(portfolio: Portfolio, team_id: str) -> tuple[Journey, ...]:
    """Journeys the team touches: owns the map, a stage, a touchpoint, an opportunity or a KPI."""
    return tuple(
        j
        for j in portfolio.journeys
        if j.owner == team_id
        or any(s.owner == team_id for s in j.stages)
        or any(t.owner == team_id for t in (*j.touchpoints, *j.shared_touchpoints))
        or any(o.owner == team_id for o in j.opportunities)
        or any(k.owner == team_id for k in j.kpis)
    )


def is_open(entry: OpportunityEntry) -> bool:
    return entry.opportunity.status not in ("done", "dropped")


@dataclass(frozen=True)
class TeamLoad:
    """What a team answers for across journeys: the pain points in the stages it owns,
    its open opportunities (and which of them are overdue) and its KPIs."""

    pains: tuple[PainEntry, ...]
    open: tuple[OpportunityEntry, ...]
    overdue: tuple[OpportunityEntry, ...]
    kpis: tuple[KpiEntry, ...]


def team_load(
    team_id: str,
    pains: list[PainEntry],
    opportunities: list[OpportunityEntry],
    kpis: list[KpiEntry],
) -> TeamLoad:
    def owns_stage(e: PainEntry) -> bool:
        step = step_of(e.journey, e.pain)
        stage = e.journey.stage_of(step) if step is not None else None
        return stage is not None and stage.owner == team_id

    opened = tuple(e for e in opportunities if e.opportunity.owner == team_id and is_open(e))
    return TeamLoad(
        tuple(e for e in pains if owns_stage(e)),
        opened,
        tuple(e for e in opened if e.overdue),
        tuple(e for e in kpis if e.kpi.owner == team_id),
    )


@dataclass(frozen=True)
class Part:
    """A journey a persona takes part in beside its primary persona: as which actors, and
    at which steps they act."""

    journey: Journey
    roles: tuple[str, ...]
    steps: tuple[str, ...]  # step names


def takes_part(journeys: tuple[Journey, ...], persona_id: str) -> tuple[Part, ...]:
    """The journeys naming the persona as an actor or as the actor of a step."""
    parts = []
    for j in journeys:
        if j.persona == persona_id:
            continue
        roles = tuple(a.role for a in j.actors if a.persona == persona_id)
        steps = tuple(s.name for s in j.steps if s.actor == persona_id)
        if roles or steps:
            parts.append(Part(j, roles, steps))
    return tuple(parts)
