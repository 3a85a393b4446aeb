"""Diagrams for the site: which SVGs each page shows, rendered through the shared cache."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from journeyspec import diagrams
from journeyspec.diagrams import Diagram
from journeyspec.model import Portfolio
from journeyspec.site.plan import figure_src

CACHE_DIR = ".journeyspec-cache"


@dataclass(frozen=True)
class Figures:
    """Every diagram of the site: per journey, across the portfolio, and where each goes."""

    by_journey: Mapping[str, Sequence[Diagram]]
    portfolio: Sequence[Diagram]

    def targets(self) -> list[tuple[str, Diagram]]:
        placed = [
            (figure_src(journey_id, d), d)
            for journey_id, found in self.by_journey.items()
            for d in found
        ]
        return placed + [(figure_src(None, d), d) for d in self.portfolio]


def plan_figures(portfolio: Portfolio) -> Figures:
    """The DOT sources (pure; nothing is rendered yet)."""
    return Figures(
        {j.id: diagrams.journey_diagrams(j, portfolio) for j in portfolio.journeys},
        diagrams.portfolio_diagrams(portfolio),
    )


def render_figures(figures: Figures, root: Path) -> list[tuple[str, str]]:
    """``(site path, SVG text)`` for every diagram; unchanged ones come from the cache."""
    targets = figures.targets()
    svgs = diagrams.render_svgs([d for _, d in targets], root / CACHE_DIR)
    return [(src, svg) for (src, _), svg in zip(targets, svgs, strict=True)]
