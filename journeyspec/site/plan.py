"""Planning the site: from the validated model and lint findings to the pages to write.

Pure: no files are read or written here, so the page sources can be golden-tested.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

from journeyspec.findings import Finding, Severity
from journeyspec.history import Revision, summary
from journeyspec.lanes import Lane
from journeyspec.model import Journey, Portfolio
from journeyspec.rules.base import Rule
from journeyspec.site import links, matrices, registers
from journeyspec.site.curve import journey_curve
from journeyspec.site.env import environment
from journeyspec.site.grid import journey_grid
from journeyspec.site.reference import RuleDoc, format_sections, rule_docs
from journeyspec.site.siblings import INSIGHT_PAGES, add_sibling_nav
from journeyspec.site.sparkline import sparkline
from journeyspec.site.themes import theme_entries
from journeyspec.site.touchpoints import touchpoint_entries

OVERDUE_RULE = "journey-review-overdue"
RECENT_DAYS = 30
FACETS = ("persona", "owner", "kind", "status", "tag")


class Figure(Protocol):
    """What a page needs to know of a diagram (``journeyspec.diagrams.Diagram`` fits)."""

    @property
    def name(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def alt(self) -> str: ...


@dataclass(frozen=True)
class SiteInputs:
    portfolio: Portfolio
    findings: Sequence[Finding]
    rules: tuple[Rule, ...]
    site_name: str
    today: dt.date
    figures: Mapping[str, Sequence[Figure]] = field(default_factory=dict)  # journey id → figures
    portfolio_figures: Sequence[Figure] = ()
    directory_urls: bool = True
    posters: bool = False  # each journey's workshop poster is published (posters/ID.pdf, .svg)
    description: str = ""
    edit_base: str = ""  # repo_url + edit_uri, for "edit this journey" links
    lanes: tuple[Lane, ...] = ()  # the project's own lanes, rows of the journey grid
    history: Sequence[Revision] = ()  # newest first; empty outside a git repository
    changes_until: dt.date | None = None  # the end of "the last 30 days": never the clock


@dataclass(frozen=True)
class PlannedPage:
    src: str
    markdown: str
    in_nav: bool
    updated: dt.date  # the page's date for the sitemap, taken from the content


def figure_src(journey_id: str | None, figure: Figure) -> str:
    """Where a diagram's SVG is published."""
    if journey_id is None:
        return f"insights/{figure.name}.svg"
    return links.journey_file(journey_id, f"{figure.name}.svg")


FIGURE_ORDER = ("emotion", "flow", "blueprint", "opportunities")


def _figure_rank(figure: Figure) -> int:
    """How feelings go comes first for stakeholders, then the path, then the backstage."""
    return FIGURE_ORDER.index(figure.name) if figure.name in FIGURE_ORDER else len(FIGURE_ORDER)


def _shown(figure: Figure) -> bool:
    """A journey page shows a diagram only where it says more than the grid: the curve is
    a lane of the grid (its figure is linked as "full size"). A linear journey's flow, which
    would repeat the grid, is never drawn (``journeyspec.diagrams.journey_diagrams``)."""
    return figure.name != "emotion"


def _facets(journey: Journey) -> dict[str, tuple[str, ...]]:
    return {
        "persona": (journey.persona,),
        "owner": (journey.owner,) if journey.owner else (),
        "kind": (journey.kind,),
        "status": (journey.status,),
        "tag": journey.tags,
    }


def _facet_values(journeys: Sequence[Journey]) -> dict[str, dict[str, list[Journey]]]:
    values: dict[str, dict[str, list[Journey]]] = {f: defaultdict(list) for f in FACETS}
    for journey in journeys:
        for name, found in _facets(journey).items():
            for value in found:
                values[name][value].append(journey)
    return {name: dict(sorted(found.items())) for name, found in values.items()}


class PlanningStopped(Exception):
    """Raised by ``plan_site`` when its ``stop`` says so (a newer edit makes the plan moot)."""


def site_date(journeys: Sequence[Journey]) -> dt.date:
    """The date of every page but a journey's (and a journey's never reviewed)."""
    return max((j.last_reviewed for j in journeys if j.last_reviewed), default=dt.date(2000, 1, 1))


class _Planner:
    """What pages share; what only the portfolio pages need is worked out when first asked
    for, so the preview can plan one journey's page without it."""

    def __init__(
        self,
        inputs: SiteInputs,
        keep: Callable[[PlannedPage], PlannedPage] | None = None,
        stop: Callable[[], bool] | None = None,
    ) -> None:
        self.inputs = inputs
        self.keep = keep
        self.stop = stop
        self.portfolio = inputs.portfolio
        self.pages: list[PlannedPage] = []
        journeys = self.portfolio.journeys
        self.site_date = site_date(journeys)
        self.by_path: dict[str, list[Finding]] = defaultdict(list)
        for finding in inputs.findings:
            self.by_path[finding.path].append(finding)
        self.overdue = {
            j.id for j in journeys if any(f.rule == OVERDUE_RULE for f in self.by_path[j.path])
        }

    @cached_property
    def pains(self) -> list[registers.PainEntry]:
        return registers.pain_entries(self.portfolio.journeys, self.portfolio.studies)

    @cached_property
    def opportunities(self) -> list[registers.OpportunityEntry]:
        return registers.opportunity_entries(self.portfolio.journeys, self.inputs.today)

    @cached_property
    def kpis(self) -> list[registers.KpiEntry]:
        return registers.kpi_entries(self.portfolio.journeys)

    @cached_property
    def rules(self) -> list[RuleDoc]:
        return rule_docs(self.inputs.rules)

    @cached_property
    def known_rules(self) -> set[str]:
        return {r.id for r in self.rules}

    @cached_property
    def facets(self) -> dict[str, dict[str, list[Journey]]]:
        return _facet_values(self.portfolio.journeys)

    def render(
        self,
        src: str,
        template: str,
        *,
        in_nav: bool = False,
        updated: dt.date | None = None,
        **context: Any,
    ) -> None:
        if self.stop is not None and self.stop():
            raise PlanningStopped(src)
        url = links.Linker(src, self.inputs.directory_urls)
        common = {
            "url": url,
            "L": links,
            "site_name": self.inputs.site_name,
            "description": self.inputs.description,
            "edit_base": self.inputs.edit_base,
            "portfolio": self.portfolio,
            "overdue": self.overdue,
            "known_rules": self.known_rules,
            "team_name": self.team_name,
            "persona_name": self.persona_name,
            "levels": registers.SEVERITY_WORDS,
        }
        markdown = environment().get_template(template).render(**common, **context)
        page = PlannedPage(src, markdown, in_nav, updated or self.site_date)
        # An Insights page gets its sibling row once every page is known: kept then.
        later = self.keep is None or src in INSIGHT_PAGES
        self.pages.append(page if later or self.keep is None else self.keep(page))

    def team_name(self, team_id: str | None) -> str:
        team = self.portfolio.teams.get(team_id or "")
        return team.name if team else (team_id or "")

    def persona_name(self, persona_id: str | None) -> str:
        persona = self.portfolio.personas.get(persona_id or "")
        return persona.name if persona else (persona_id or "")

    def findings_of(self, path: str) -> list[Finding]:
        return self.by_path.get(path, [])

    def health(self) -> dict[str, Any]:
        journey_paths = {j.path for j in self.portfolio.journeys}
        counts = {s.label: 0 for s in sorted(Severity, reverse=True)}
        by_rule: dict[str, int] = defaultdict(int)
        clean = 0
        for journey in self.portfolio.journeys:
            found = self.findings_of(journey.path)
            clean += not found
            for finding in found:
                counts[finding.severity.label] += 1
                by_rule[finding.rule] += 1
        other = [f for f in self.inputs.findings if f.path not in journey_paths]
        top = sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
        return {"counts": counts, "clean": clean, "top_rules": top, "other": len(other)}


def plan_site(
    inputs: SiteInputs,
    keep: Callable[[PlannedPage], PlannedPage] | None = None,
    *,
    journey_ids: Collection[str] | None = None,
    stop: Callable[[], bool] | None = None,
) -> list[PlannedPage]:
    """Every generated page, in a stable order; each passed through ``keep`` as it is made
    (the plugin keeps a lighter copy, so no moment holds every page's whole text). Of the
    journeys' own pages only those of ``journey_ids`` when given (the live preview plans
    the others' alone). ``stop`` is asked before each page: PlanningStopped when it says yes."""
    p = _Planner(inputs, keep, stop)
    portfolio = inputs.portfolio
    journeys = portfolio.journeys
    channels = {c.id: c.name for c in portfolio.channels.values()}
    reviewed = sorted(
        (j for j in journeys if j.last_reviewed),
        key=lambda j: (j.last_reviewed, j.id),
        reverse=True,
    )
    until = inputs.changes_until
    recent = [
        r for r in inputs.history if until and until - dt.timedelta(RECENT_DAYS) < r.date <= until
    ]
    p.render(
        links.HOME,
        "home.md.j2",
        in_nav=True,
        history=inputs.history,
        recent=recent,
        recent_days=RECENT_DAYS,
        changes_until=until,
        summary=summary,
        pains=p.pains[:5],
        quick_wins=registers.quick_wins(p.opportunities)[:5],
        stale=[j for j in journeys if j.id in p.overdue],
        reviewed=reviewed[:5],
        pain_count=len(p.pains),
        opportunity_count=len(p.opportunities),
        kpi_count=len(p.kpis),
        kpi_off=sum(e.kpi.on_target is False for e in p.kpis),
        shared_themes=sum(
            len(e.journeys) > 1 for e in theme_entries(portfolio, p.pains, p.opportunities)
        ),
        quick_win_count=len(registers.quick_wins(p.opportunities)),
        quick_win_overdue=sum(e.overdue for e in registers.quick_wins(p.opportunities)),
    )
    p.render(
        links.JOURNEYS,
        "journeys.md.j2",
        in_nav=True,
        journeys=journeys,
        facets=p.facets,
        facet_of=_facets,
    )
    for name, values in p.facets.items():
        for value, chosen in values.items():
            p.render(
                links.facet(name, value),
                "facet.md.j2",
                facet=name,
                value=value,
                journeys=chosen,
                facet_of=_facets,
            )
    for journey in journeys:
        if journey_ids is None or journey.id in journey_ids:
            _plan_journey(p, journey, channels)
    acting = {persona: registers.takes_part(journeys, persona) for persona in portfolio.personas}
    p.render(
        links.PERSONAS,
        "personas.md.j2",
        in_nav=True,
        strips={
            i: matrices.emotion_strip(tuple(portfolio.journeys_of_persona(i)))
            for i in portfolio.personas
        },
        acting=acting,
    )
    for persona in portfolio.personas.values():
        theirs = tuple(portfolio.journeys_of_persona(persona.id))
        p.render(
            links.persona(persona.id),
            "persona.md.j2",
            persona=persona,
            journeys=theirs,
            acting=acting[persona.id],
            heat=matrices.heatmap(theirs),
            figures=[
                (
                    j,
                    [
                        (figure_src(j.id, f), f)
                        for f in inputs.figures.get(j.id, ())
                        if f.name == "emotion"
                    ],
                )
                for j in theirs
            ],
        )
    loads = {t: registers.team_load(t, p.pains, p.opportunities, p.kpis) for t in portfolio.teams}
    p.render(
        links.TEAMS,
        "teams.md.j2",
        in_nav=True,
        counts={t: len(registers.of_team(portfolio, t)) for t in portfolio.teams},
        owned={t: sum(1 for j in portfolio.journeys if j.owner == t) for t in portfolio.teams},
        loads=loads,
    )
    for team in portfolio.teams.values():
        p.render(
            links.team(team.id),
            "team.md.j2",
            team=team,
            journeys=registers.of_team(portfolio, team.id),
            opportunities=[e for e in p.opportunities if e.opportunity.owner == team.id],
            kpis=[e for e in p.kpis if e.kpi.owner == team.id],
            load=loads[team.id],
        )
    if inputs.history:
        p.render(links.CHANGES, "changes.md.j2", history=inputs.history, summary=summary)
    p.render(links.PAIN_POINTS, "pain_points.md.j2", in_nav=True, entries=p.pains)
    p.render(
        links.OPPORTUNITIES,
        "opportunities.md.j2",
        in_nav=True,
        entries=p.opportunities,
        quick_wins=registers.quick_wins(p.opportunities),
        late={(e.journey.id, e.opportunity.id) for e in p.opportunities if e.overdue},
        grid=matrices.opportunity_grid(
            (e.journey, e.opportunity)
            for e in p.opportunities
            if e.opportunity.status not in ("done", "dropped")
        ),
        figures=[(figure_src(None, f), f) for f in inputs.portfolio_figures],
    )
    p.render(links.KPIS, "kpis.md.j2", in_nav=True, entries=p.kpis, spark=sparkline)
    _plan_shared(p)
    p.render(
        links.HEATMAP,
        "heatmap.md.j2",
        in_nav=True,
        heat=matrices.heatmap(journeys),
        phases=matrices.phase_heatmap(journeys),
    )
    p.render(
        links.CHANNELS,
        "channels.md.j2",
        in_nav=True,
        phases=matrices.channel_matrix(portfolio, by_phase=True),
        stages=matrices.channel_matrix(portfolio),
    )
    p.render(links.RULES, "rules.md.j2", in_nav=True, rules=p.rules)
    p.render(links.HEALTH, "health.md.j2", in_nav=True, health=p.health())
    journey_of = {j.path: j for j in journeys}
    for rule in p.rules:
        hits = [
            (journey_of[f.path], f)
            for f in inputs.findings
            if f.rule == rule.id and f.path in journey_of
        ]
        p.render(links.rule(rule.id), "rule.md.j2", rule=rule, hits=hits)
    p.render(links.FORMAT, "format.md.j2", in_nav=True, schemas=format_sections())
    pages = add_sibling_nav(p.pages, inputs.directory_urls)
    if keep is not None:
        pages = [keep(page) if page.src in INSIGHT_PAGES else page for page in pages]
    return pages


def plan_journey_pages(inputs: SiteInputs, journey_ids: Collection[str]) -> list[PlannedPage]:
    """The pages of these journeys alone, as ``plan_site`` plans them (the live preview
    plans the journeys an edit changed first)."""
    p = _Planner(inputs)
    channels = {c.id: c.name for c in inputs.portfolio.channels.values()}
    for journey in inputs.portfolio.journeys:
        if journey.id in journey_ids:
            _plan_journey(p, journey, channels)
    return p.pages


def _plan_journey(p: _Planner, journey: Journey, channels: dict[str, str]) -> None:
    inputs, portfolio = p.inputs, p.portfolio
    grid = journey_grid(journey, channels, inputs.lanes)
    p.render(
        links.journey(journey.id),
        "journey.md.j2",
        updated=journey.last_reviewed,
        journey=journey,
        grid=grid,
        curve=journey_curve(journey, portfolio, grid.steps, p.persona_name(journey.persona)),
        findings=p.findings_of(journey.path),
        figures=[
            (figure_src(journey.id, f), f)
            for f in sorted(inputs.figures.get(journey.id, ()), key=_figure_rank)
            if _shown(f)
        ],
        curve_src=next(
            (
                figure_src(journey.id, f)
                for f in inputs.figures.get(journey.id, ())
                if f.name == "emotion"
            ),
            None,
        ),
        future_states=portfolio.future_states_of(journey.id),
        poster=(links.poster(journey.id, "pdf"), links.poster(journey.id, "svg"))
        if inputs.posters
        else None,
        history=[(r, e) for r in inputs.history for e in r.journeys if e.id == journey.id],
        summary=summary,
        evidence_titles={
            **{s.id: s.title for s in portfolio.studies.values()},
            **{e.id: e.title for e in journey.evidence if e.id},
        },
    )


def _plan_shared(p: _Planner) -> None:
    """The pages of what journeys share: themes, and each shared touchpoint."""
    portfolio = p.portfolio
    p.render(
        links.THEMES,
        "themes.md.j2",
        in_nav=True,
        entries=theme_entries(portfolio, p.pains, p.opportunities),
    )
    channel_name = {c.id: c.name for c in portfolio.channels.values()}.get
    entries = touchpoint_entries(portfolio)
    p.render(
        links.TOUCHPOINTS,
        "touchpoints.md.j2",
        in_nav=True,
        entries=entries,
        channel_name=channel_name,
    )
    for entry in entries:
        page = links.touchpoint(entry.touchpoint.id)
        p.render(page, "touchpoint.md.j2", entry=entry, channel_name=channel_name)
