"""The Diagram value: a named DOT source (or an SVG we drew) with its title and text alternative."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Diagram:
    """One diagram, ready to render: ``dot`` names its own layout engine (graph ``layout``).

    ``name`` is one of ``flow``, ``emotion``, ``blueprint``, ``opportunities`` and
    ``portfolio-opportunities``; ``alt`` is plain text for screen readers (escape it for HTML).
    A diagram whose layout we know (the emotion curve, the matrix) is drawn by our own code:
    ``svg`` holds it, finished, and ``dot`` is empty (Graphviz never sees it).
    """

    name: str
    title: str
    alt: str
    dot: str = ""
    svg: str = ""


def listing(items: list[str], limit: int = 25) -> str:
    """Items joined for alt text, capped so a huge journey keeps a readable alternative."""
    if len(items) > limit:
        items = [*items[:limit], f"and {len(items) - limit} more"]
    return "; ".join(items)


@dataclass(frozen=True)
class Undrawn:
    """A diagram Graphviz was not given or did not finish in time: ``reason`` says which.

    Never cached: the next build tries again.
    """

    reason: str
