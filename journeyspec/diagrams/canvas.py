"""SVG drawn by our own code (diagrams whose layout we know, no Graphviz): the elements, and
the accessible root every diagram gets.

Only what ``safe_svg`` allows is ever written: drawing elements, presentation attributes,
text escaped as XML after ``dot.clean`` (forbidden characters dropped, bidi controls shown
as markers). Sizes are CSS pixels, so a diagram shown at its own size has text of the size
written here: 12 px at the least. Numbers keep one decimal, so output is byte-stable.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from journeyspec.diagrams import dot
from journeyspec.typesetting import FONT

SMALLEST = 12  # px: the least text size any diagram uses
# A five-pointed star of radius 10 around 0,0 (moments of truth); the grid's lane uses it too.
STAR = "M0,-10 L2.9,-4 9.5,-3.1 4.7,1.5 5.9,8.1 0,5 -5.9,8.1 -4.7,1.5 -9.5,-3.1 -2.9,-4Z"


def num(value: float) -> str:
    """A coordinate as written: one decimal at most, no ``-0``."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def diamond(x: float, y: float, r: float) -> str:
    """The corners of a diamond of radius ``r`` around ``x``, ``y`` (a polygon's points)."""
    return (
        f"{num(x)},{num(y - r)} {num(x + r)},{num(y)} {num(x)},{num(y + r)} {num(x - r)},{num(y)}"
    )


def _attributes(values: dict[str, str | float | None]) -> str:
    return "".join(
        f" {key}={quoteattr(value)}" if isinstance(value, str) else f' {key}="{num(value)}"'
        for key, value in values.items()
        if value is not None
    )


class Canvas:
    """The elements of one drawing, in painting order."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def add(self, tag: str, **values: str | float | None) -> None:
        """An empty element; attribute names are written with ``-`` for ``_``."""
        attributes = {key.replace("_", "-").removesuffix("-"): v for key, v in values.items()}
        self.parts.append(f"<{tag}{_attributes(attributes)}/>")

    def text(self, x: float, y: float, words: str, **values: str | float | None) -> None:
        """One line of text, its baseline at ``y``; ``words`` are cleaned and escaped here."""
        attributes = {key.replace("_", "-").removesuffix("-"): v for key, v in values.items()}
        attributes = {"x": x, "y": y, "font-size": SMALLEST, **attributes}
        self.parts.append(f"<text{_attributes(attributes)}>{escape(dot.clean(words))}</text>")

    def line(self, points: Iterable[tuple[float, float]], **values: str | float | None) -> None:
        """A polyline through ``points`` (no fill)."""
        joined = " ".join(f"{num(x)},{num(y)}" for x, y in points)
        self.add("polyline", points=joined, fill="none", **values)

    def group(self, body: Canvas, **values: str | float | None) -> None:
        """``body``'s elements in a ``<g>`` carrying ``values``."""
        attributes = {key.replace("_", "-").removesuffix("-"): v for key, v in values.items()}
        self.parts.append(f"<g{_attributes(attributes)}>{''.join(body.parts)}</g>")

    def document(self, graph_id: str, width: float, height: float, title: str, alt: str) -> str:
        """The whole SVG: sized in px, on the diagrams' light card, with ``role="img"``, a
        ``<title>`` and a ``<desc>`` (the text alternative), as Graphviz's diagrams get."""
        ids = quoteattr(f"{graph_id}-title {graph_id}-desc")
        w, h = num(width), num(height)
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}px" height="{h}px" '
            f'viewBox="0 0 {w} {h}" role="img" aria-labelledby={ids}>\n'
            f"<title id={quoteattr(graph_id + '-title')}>{escape(dot.clean(title))}</title>\n"
            f"<desc id={quoteattr(graph_id + '-desc')}>{escape(dot.clean(alt))}</desc>\n"
            f'<g id={quoteattr(graph_id)} class="graph" font-family={quoteattr(FONT)} '
            f'fill="{dot.INK}">\n'
            f'<rect width="{w}" height="{h}" fill="{dot.CARD}"/>\n'
            + "\n".join(self.parts)
            + "\n</g>\n</svg>\n"
        )
