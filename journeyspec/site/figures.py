"""Diagrams for the site: which SVGs each page shows, rendered through the shared cache.

A cold build draws thousands of diagrams, one ``dot`` process each, and Python renders the
pages on one core meanwhile: ``Drawing`` draws them in the background from the moment their
DOT is known, and the plugin writes the SVGs when the pages are done.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from journeyspec import diagrams
from journeyspec.diagrams import Diagram
from journeyspec.diagrams.render import graphviz_version
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


class Drawing:
    """Every diagram of the site being rendered in a background thread."""

    def __init__(self, figures: Figures, root: Path) -> None:
        graphviz_version()  # a missing Graphviz fails the build now, not after every page
        self.targets = figures.targets()
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="journeyspec-drawing")
        self._svgs: Future[list[str]] = pool.submit(
            diagrams.render_svgs, [d for _, d in self.targets], root / CACHE_DIR
        )
        pool.shutdown(wait=False)

    @property
    def sources(self) -> list[str]:
        """Where each SVG is published, known before it is drawn."""
        return [src for src, _ in self.targets]

    def result(self) -> list[tuple[str, str]]:
        """``(site path, SVG text)`` for every diagram; waits, raises what rendering raised."""
        return list(zip(self.sources, self._svgs.result(), strict=True))

    def abandon(self) -> None:
        """Wait for the drawing to stop (the build failed elsewhere); its error is not news."""
        self._svgs.exception()
