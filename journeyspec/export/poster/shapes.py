"""What a poster is drawn from: boxes, lines of text, paths and marks at fixed positions.

The layout (``journeyspec.export.poster.layout``) decides every position; the SVG writer
only prints these. Units are PostScript points (1/72 in), the PDF's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Anchor = Literal["start", "middle", "end"]
Shape = Literal["circle", "diamond", "star", "ring"]


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str = "none"


@dataclass(frozen=True)
class Text:
    """One line of text whose baseline starts (or centres, or ends) at ``x``, ``y``."""

    x: float
    y: float
    text: str
    size: float
    fill: str = "#1b1b1b"
    bold: bool = False
    anchor: Anchor = "start"


@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]
    stroke: str
    width: float = 1.0
    dashed: bool = False


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    shape: Shape
    fill: str
    size: float = 4.0


Item = Box | Text | Line | Mark


@dataclass(frozen=True)
class Poster:
    """One journey's poster: the page, and what is drawn on it at ``scale``."""

    title: str
    page: str  # A3, A2, A1 or fit
    width: float
    height: float
    scale: float  # below 1 only when the map does not fit the page chosen at full size
    items: tuple[Item, ...]
