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


def where(journey: Journey, pain: PainPoint) -> str:
    """A readable place for a pain point: its stage and step, else its touchpoint."""
    step_id = pain.step
    if step_id is None and pain.touchpoint is not None:
        step_id = next((s.id for s in journey.steps if pain.touchpoint in s.touchpoints), None)
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


def pain_entries(
    journeys: tuple[Journey, ...], studies: Mapping[str, Study] | None = None
) -> list[PainEntry]:
    """Every pain point, worst first (severity, then how many journeys' order, then title)."""
    entries = [
        PainEntry(
            j,
            p,
            where(j, p),
            evidence_of(j, p.evidence, studies),
            j.opportunities_for(p.id),
        )
        for j in journeys
        for p in j.pain_points
    ]
    return sorted(
        entries,
        key=lambda e: (-SEVERITY_RANK.get(e.pain.severity or "", 0), e.journey.id, e.pain.id),
    )


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
