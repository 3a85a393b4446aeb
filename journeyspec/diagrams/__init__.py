"""Diagrams of journeys as DOT text (pure, golden-testable) and their rendering to SVG.

``journey_diagrams`` and ``portfolio_diagrams`` plan what to draw; ``render_svgs`` runs
Graphviz, with a content-hash cache and parallel rendering, for the flow and the blueprint.
The emotion curve and the opportunity matrix are laid out by our own code, as SVG.
"""

from __future__ import annotations

from journeyspec.diagrams.blueprint import blueprint_diagram, has_lanes
from journeyspec.diagrams.diagram import Diagram
from journeyspec.diagrams.emotion import emotion_diagram
from journeyspec.diagrams.flow import flow_diagram
from journeyspec.diagrams.matrix import journey_matrix, portfolio_matrix
from journeyspec.diagrams.render import render_svgs
from journeyspec.flow import flow_of
from journeyspec.model import Journey, Portfolio

__all__ = ["Diagram", "journey_diagrams", "portfolio_diagrams", "render_svgs"]


def journey_diagrams(journey: Journey, portfolio: Portfolio) -> list[Diagram]:
    """The journey's diagrams: flow (when it branches, loops, skips or ends early: a linear
    flow would only repeat the grid), emotion curve, blueprint (when its steps carry lanes)
    and opportunity matrix (when it has opportunities), in that order."""
    diagrams = [] if flow_of(journey).linear else [flow_diagram(journey)]
    diagrams.append(emotion_diagram(journey, portfolio))
    if has_lanes(journey):
        diagrams.append(blueprint_diagram(journey))
    if journey.opportunities:
        diagrams.append(journey_matrix(journey))
    return diagrams


def portfolio_diagrams(portfolio: Portfolio) -> list[Diagram]:
    """Diagrams across all journeys: the opportunity matrix (empty list when none exist)."""
    if not any(journey.opportunities for journey in portfolio.journeys):
        return []
    return [portfolio_matrix(portfolio)]
