"""Where an emotion curve's points go: one column per step, scores up the declared scale.

The one computation behind every curve journeyspec draws (the emotion figure, the grid's
curve lane and its phone strip, the poster's lane): a point sits at its column's centre,
at its score's height; a gap (``None``) breaks the line, it never counts as a zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Point = tuple[float, float]


@dataclass(frozen=True)
class Plot:
    """A curve's drawing area: columns ``column`` wide from ``left``; the scale's top score
    ``pad`` below ``top`` and its bottom score ``pad`` above ``top + height``."""

    scale: tuple[int, int]
    top: float
    height: float
    pad: float = 0.0
    left: float = 0.0
    column: float = 1.0

    def x(self, column: int) -> float:
        """The centre of a column."""
        return self.left + (column + 0.5) * self.column

    def y(self, score: float) -> float:
        """A score's height, clamped to the scale (a scale the linter rejects, with its
        top at or below its bottom, is read as one step wide)."""
        lo, hi = self.scale
        if hi <= lo:
            hi = lo + 1
        clamped = min(max(score, lo), hi)
        return self.top + self.pad + (hi - clamped) / (hi - lo) * (self.height - 2 * self.pad)

    @property
    def middle(self) -> float:
        """The neutral score: half-way up the scale."""
        return (self.scale[0] + self.scale[1]) / 2

    def runs(self, scores: Sequence[float | None]) -> list[list[tuple[int, Point]]]:
        """The line's unbroken stretches, each a list of ``(column, (x, y))``: a gap ends
        one; a single point is a stretch of its own."""
        found: list[list[tuple[int, Point]]] = []
        current: list[tuple[int, Point]] = []
        for column, score in enumerate(scores):
            if score is None:
                if current:
                    found.append(current)
                current = []
                continue
            current.append((column, (self.x(column), self.y(score))))
        if current:
            found.append(current)
        return found
