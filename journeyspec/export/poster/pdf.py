"""A planned poster as PDF, drawn by cairo: text stays text (selectable, searchable) and
the fonts used are embedded as subsets.

Cairo draws the same shapes the SVG writer prints, straight from the plan (converting the
SVG instead, through CairoSVG, took half a second a poster: it sets text a glyph at a
time). Cairo stamps the time of drawing into every PDF; the date given here replaces it,
so the same poster is the same bytes on every run.
"""

from __future__ import annotations

import datetime as dt
import io
import math

import cairocffi as cairo

from journeyspec.export.poster.layout import MARGIN
from journeyspec.export.poster.shapes import Box, Item, Line, Mark, Poster, Text

FAMILY = "DejaVu Sans"


class _Pen:
    """The context's colour, font and dash as last set: cairo is told only of changes, as
    each call through cffi costs more than the drawing (the PDF is the same bytes)."""

    def __init__(self, context: cairo.Context) -> None:
        self.context = context
        self.colour = ""
        self.font: tuple[bool, float] | None = None
        self.dashed = False

    def colour_to(self, value: str) -> None:
        if value != self.colour:
            self.context.set_source_rgb(*(int(value[i : i + 2], 16) / 255 for i in (1, 3, 5)))
            self.colour = value

    def font_to(self, bold: bool, size: float) -> None:
        if (bold, size) != self.font:
            weight = cairo.FONT_WEIGHT_BOLD if bold else cairo.FONT_WEIGHT_NORMAL
            self.context.select_font_face(FAMILY, cairo.FONT_SLANT_NORMAL, weight)
            self.context.set_font_size(size)
            self.font = (bold, size)

    def dash_to(self, dashed: bool) -> None:
        if dashed != self.dashed:
            self.context.set_dash([4, 3] if dashed else [])
            self.dashed = dashed


def _mark(pen: _Pen, item: Mark) -> None:
    context = pen.context
    x, y, r = item.x, item.y, item.size
    if item.shape in ("circle", "ring"):
        context.arc(x, y, r, 0, 2 * math.pi)
        if item.shape == "ring":
            pen.colour_to("#ffffff")
            context.fill_preserve()
            pen.colour_to(item.fill)
            context.set_line_width(1.5)
            context.stroke()
            return
    elif item.shape == "diamond":
        for px, py in ((x, y - r), (x + r, y), (x, y + r), (x - r, y)):
            context.line_to(px, py)
        context.close_path()
    else:  # a five-pointed star
        for k in range(10):
            radius = r if k % 2 == 0 else r * 0.45
            angle = k * math.pi / 5
            context.line_to(x + radius * math.sin(angle), y - radius * math.cos(angle))
        context.close_path()
    pen.colour_to(item.fill)
    context.fill()


def _text(pen: _Pen, item: Text) -> None:
    context = pen.context
    pen.font_to(item.bold, item.size)
    x = item.x
    if item.anchor != "start":
        advance = context.text_extents(item.text)[4]
        x -= advance / 2 if item.anchor == "middle" else advance
    pen.colour_to(item.fill)
    context.move_to(x, item.y)
    context.show_text(item.text)


def _draw(pen: _Pen, item: Item) -> None:
    context = pen.context
    context.new_path()  # text leaves a current point that a path would start from
    pen.dash_to(isinstance(item, Line) and item.dashed)
    if isinstance(item, Box):
        context.rectangle(item.x, item.y, item.w, item.h)
        pen.colour_to(item.fill)
        if item.stroke == "none":
            context.fill()
            return
        context.fill_preserve()
        pen.colour_to(item.stroke)
        context.set_line_width(0.8)
        context.stroke()
    elif isinstance(item, Text):
        _text(pen, item)
    elif isinstance(item, Line):
        for x, y in item.points:
            context.line_to(x, y)
        pen.colour_to(item.stroke)
        context.set_line_width(item.width)
        context.stroke()
    else:
        _mark(pen, item)


def render(poster: Poster, *, created: dt.date) -> bytes:
    """The PDF of ``poster``, dated ``created`` (a content date, never the clock)."""
    out = io.BytesIO()
    surface = cairo.PDFSurface(out, poster.width, poster.height)
    surface.set_metadata(cairo.PDF_METADATA_TITLE, poster.title)
    surface.set_metadata(cairo.PDF_METADATA_CREATOR, "journeyspec")
    surface.set_metadata(cairo.PDF_METADATA_CREATE_DATE, f"{created.isoformat()}T00:00:00Z")
    context = cairo.Context(surface)
    pen = _Pen(context)
    pen.colour_to("#ffffff")
    context.paint()
    context.translate(MARGIN, MARGIN)
    context.scale(poster.scale, poster.scale)
    for item in poster.items:
        _draw(pen, item)
    surface.finish()
    return out.getvalue()
