"""Themes across journeys: where one shared problem shows up, how bad and how wide."""

from __future__ import annotations

from dataclasses import dataclass

from journeyspec.model import Journey, Portfolio, Theme
from journeyspec.site.registers import SEVERITY_RANK, OpportunityEntry, PainEntry


@dataclass(frozen=True)
class ThemeEntry:
    theme: Theme
    pains: tuple[PainEntry, ...]  # worst first, as in the pain point register
    opportunities: tuple[OpportunityEntry, ...]
    journeys: tuple[Journey, ...]  # in portfolio order
    places: int  # distinct steps (or touchpoints) where its pain points sit
    worst: str | None  # the worst severity of its pain points
    reach: int  # people, sessions or tickets behind its evidence (sample sizes summed)


def theme_entries(
    portfolio: Portfolio, pains: list[PainEntry], opportunities: list[OpportunityEntry]
) -> list[ThemeEntry]:
    """Each theme of the registry, most widespread first (journeys, then worst severity)."""
    entries = []
    for theme in portfolio.themes.values():
        mine = tuple(e for e in pains if theme.id in e.pain.themes)
        theirs = tuple(e for e in opportunities if theme.id in e.opportunity.themes)
        touched = {e.journey.id for e in mine} | {e.journey.id for e in theirs}
        journeys = tuple(j for j in portfolio.journeys if j.id in touched)
        severities = [e.pain.severity for e in mine if e.pain.severity]
        worst = max(severities, key=lambda s: SEVERITY_RANK.get(s, 0), default=None)
        places = {(e.journey.id, e.pain.step or e.pain.touchpoint or e.pain.id) for e in mine}
        entries.append(
            ThemeEntry(theme, mine, theirs, journeys, len(places), worst, _reach(portfolio, mine))
        )
    return sorted(
        entries,
        key=lambda e: (-len(e.journeys), -SEVERITY_RANK.get(e.worst or "", 0), e.theme.id),
    )


def _reach(portfolio: Portfolio, pains: tuple[PainEntry, ...]) -> int:
    """Sample sizes of the evidence behind the pain points, each study or item once."""
    sizes: dict[tuple[str, str], int] = {}
    for entry in pains:
        local = {e.id: e for e in entry.journey.evidence if e.id}
        for cited in entry.pain.evidence:
            if cited in local:
                sizes[(entry.journey.id, cited)] = local[cited].sample_size or 0
            elif cited in portfolio.studies:
                sizes[("", cited)] = portfolio.studies[cited].sample_size or 0
    return sum(sizes.values())
