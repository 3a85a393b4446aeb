"""A planned poster as SVG text: prints the shapes, decides nothing."""

from __future__ import annotations

import math
from xml.sax.saxutils import escape, quoteattr

from journeyspec.escaping import neutral, visible
from journeyspec.export.poster.layout import MARGIN
from journeyspec.export.poster.shapes import Box, Item, Line, Mark, Poster, Text
from journeyspec.typesetting import FONT


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _points(points: tuple[tuple[float, float], ...]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


def _star(x: float, y: float, r: float) -> tuple[tuple[float, float], ...]:
    return tuple(
        (
            x + (r if k % 2 == 0 else r * 0.45) * math.sin(k * math.pi / 5),
            y - (r if k % 2 == 0 else r * 0.45) * math.cos(k * math.pi / 5),
        )
        for k in range(10)
    )


def _mark(item: Mark) -> str:
    x, y, r = item.x, item.y, item.size
    if item.shape == "circle":
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" fill="{item.fill}"/>'
    if item.shape == "ring":
        return (
            f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" fill="#ffffff" '
            f'stroke="{item.fill}" stroke-width="1.5"/>'
        )
    shape = (
        _star(x, y, r) if item.shape == "star" else ((x, y - r), (x + r, y), (x, y + r), (x - r, y))
    )
    return f'<polygon points="{_points(shape)}" fill="{item.fill}"/>'


def _item(item: Item) -> str:
    if isinstance(item, Box):
        return (
            f'<rect x="{_n(item.x)}" y="{_n(item.y)}" width="{_n(item.w)}" '
            f'height="{_n(item.h)}" fill="{item.fill}" stroke="{item.stroke}" stroke-width="0.8"/>'
        )
    if isinstance(item, Text):
        weight = ' font-weight="bold"' if item.bold else ""
        anchor = f' text-anchor="{item.anchor}"' if item.anchor != "start" else ""
        return (
            f'<text x="{_n(item.x)}" y="{_n(item.y)}" font-size="{_n(item.size)}" '
            f'fill="{item.fill}"{weight}{anchor}>{escape(neutral(item.text))}</text>'
        )
    if isinstance(item, Line):
        dash = ' stroke-dasharray="4 3"' if item.dashed else ""
        return (
            f'<polyline points="{_points(item.points)}" fill="none" stroke="{item.stroke}" '
            f'stroke-width="{_n(item.width)}"{dash}/>'
        )
    return _mark(item)


def render(poster: Poster) -> str:
    """The SVG document, sized in points so it prints at the planned page size."""
    w, h = _n(poster.width), _n(poster.height)
    body = "\n".join(_item(item) for item in poster.items)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}pt" height="{h}pt" '
        f'viewBox="0 0 {w} {h}" font-family={quoteattr(FONT)}>\n'
        f"<title>{escape(visible(poster.title))}: workshop poster</title>\n"
        f'<rect width="{w}" height="{h}" fill="#ffffff"/>\n'
        f'<g transform="translate({_n(MARGIN)} {_n(MARGIN)}) scale({poster.scale:.4f})">\n'
        f"{body}\n</g>\n</svg>\n"
    )
