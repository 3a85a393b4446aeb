"""The stand-in for a diagram that was not drawn: a plain SVG saying which and why.

It takes the diagram's place on the page (same file, same ``alt`` and text description
below it), so the page reads the same; it holds only text, and the same text for the same
reason, so a build that hits a limit is as reproducible as one that does not.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from journeyspec.diagrams import dot
from journeyspec.diagrams.diagram import Diagram

WIDTH = 640
LINE_HEIGHT = 22


def fallback_svg(diagram: Diagram, reason: str) -> str:
    """An SVG of a few lines of text: the diagram's title, that it was not drawn, and why."""
    lines = [
        (dot.shorten(diagram.title, 70), "bold"),
        (dot.shorten(f"Not drawn: {reason}.", 90), "normal"),
        ("The text description below the figure tells what it would show.", "normal"),
    ]
    height = LINE_HEIGHT * (len(lines) + 1)
    texts = "".join(
        f'<text x="16" y="{LINE_HEIGHT * (i + 1)}" font-weight="{weight}">{escape(text)}</text>'
        for i, (text, weight) in enumerate(lines)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img">'
        f"<title>{escape(dot.clean(diagram.title))}</title><desc>{escape(dot.clean(diagram.alt))}</desc>"
        f'<rect width="{WIDTH}" height="{height}" fill="{dot.CARD}" stroke="{dot.GRID}"/>'
        f'<g font-family="{dot.FONT}" font-size="14" fill="{dot.INK}">{texts}</g>'
        "</svg>\n"
    )
