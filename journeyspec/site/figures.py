"""Diagrams for the site: which SVGs each page shows, rendered through the shared cache.

A cold build may draw thousands of flows and blueprints, one ``dot`` process each, and
Python renders the pages on one core meanwhile: ``Drawing`` draws them in the background
from the moment their DOT is known, and the plugin writes the SVGs when the pages are done.
A site whose diagrams are all our own SVG (no branching flow, no blueprint) runs no ``dot``
and needs no Graphviz.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from journeyspec import diagrams
from journeyspec.diagrams import Diagram, process
from journeyspec.diagrams.diagram import Undrawn
from journeyspec.diagrams.fallback import fallback_svg
from journeyspec.diagrams.limits import (
    DEFAULT_TIMEOUT,
    RULE,
    TIMEOUT_ENV,
    TIMEOUT_KEY,
    TooLarge,
    flow_too_large,
)
from journeyspec.diagrams.render import graphviz_version
from journeyspec.findings import Finding, Severity
from journeyspec.model import Portfolio
from journeyspec.site.plan import figure_src

CACHE_DIR = ".journeyspec-cache"


@dataclass(frozen=True)
class Target:
    """One diagram and where it goes: ``journey`` is None for diagrams across all journeys."""

    src: str
    diagram: Diagram
    journey: str | None


@dataclass(frozen=True)
class Figures:
    """Every diagram of the site: per journey, across the portfolio, and where each goes.

    ``too_large`` names the journeys whose flow diagram is past ``MAX_FLOW_WEIGHT``: it is
    planned (the page shows its text) but never handed to Graphviz.
    """

    by_journey: Mapping[str, Sequence[Diagram]]
    portfolio: Sequence[Diagram]
    too_large: Mapping[str, TooLarge] = field(default_factory=dict)

    def targets(self) -> list[Target]:
        placed = [
            Target(figure_src(journey_id, d), d, journey_id)
            for journey_id, found in self.by_journey.items()
            for d in found
        ]
        return placed + [Target(figure_src(None, d), d, None) for d in self.portfolio]

    def drawable(self, target: Target) -> bool:
        return not (target.diagram.name == "flow" and target.journey in self.too_large)


def plan_figures(portfolio: Portfolio, journey_ids: Collection[str] | None = None) -> Figures:
    """The DOT sources (pure; nothing is rendered yet): of every journey, or of those in
    ``journey_ids`` (the live preview's edited ones), and across the portfolio."""
    chosen = [j for j in portfolio.journeys if journey_ids is None or j.id in journey_ids]
    too_large = {j.id: found for j in chosen if (found := flow_too_large(j))}
    return Figures(
        {j.id: diagrams.journey_diagrams(j, portfolio) for j in chosen},
        diagrams.portfolio_diagrams(portfolio),
        too_large,
    )


class Drawing:
    """Every drawable diagram of the site being rendered in a background thread."""

    def __init__(self, figures: Figures, root: Path, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.targets = figures.targets()
        self.timeout = timeout
        drawn = [t.diagram for t in self.targets if figures.drawable(t)]
        if any(diagram.dot for diagram in drawn):
            graphviz_version()  # a missing Graphviz fails the build now, not after every page
        self._drawable = [figures.drawable(t) for t in self.targets]
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="journeyspec-drawing")
        self._svgs: Future[list[str | Undrawn]] = pool.submit(
            diagrams.render_svgs, drawn, root / CACHE_DIR, timeout=timeout
        )
        pool.shutdown(wait=False)
        self.timed_out: list[tuple[Target, str]] = []  # filled by result()

    @property
    def sources(self) -> list[str]:
        """Where each SVG is published, known before it is drawn."""
        return [t.src for t in self.targets]

    def result(self) -> list[tuple[str, str]]:
        """``(site path, SVG text)`` for every diagram; waits, raises what rendering raised.

        A diagram that was not drawn gets its stand-in; those past the time limit are
        listed in ``timed_out`` with the reason.
        """
        rendered = iter(self._svgs.result())
        done: list[tuple[str, str]] = []
        self.timed_out = []
        for target, drawable in zip(self.targets, self._drawable, strict=True):
            svg = (
                next(rendered)
                if drawable
                else Undrawn("too many next links for Graphviz to lay out")
            )
            if isinstance(svg, Undrawn):
                if drawable:
                    self.timed_out.append((target, svg.reason))
                svg = fallback_svg(target.diagram, svg.reason)
            done.append((target.src, svg))
        return done

    def findings(self, paths: Mapping[str, str], portfolio_path: str) -> list[Finding]:
        """A warning per diagram past its time limit, at its journey's file (``paths``)."""
        return [
            Finding(
                paths.get(target.journey, portfolio_path) if target.journey else portfolio_path,
                0,
                0,
                RULE,
                f"the {target.diagram.name} diagram {target.diagram.title!r} was not drawn: "
                f"{reason}; the page shows its text description instead",
                Severity.WARNING,
                hint=f"raise {TIMEOUT_KEY} in journeyspec.yaml or ${TIMEOUT_ENV}, "
                "or make the journey smaller",
            )
            for target, reason in self.timed_out
        ]

    def abandon(self) -> None:
        """Stop drawing (the build failed elsewhere) and wait; its error is not news."""
        with process.stopped():
            self._svgs.exception()
