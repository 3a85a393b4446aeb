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


def _colour(context: cairo.Context, value: str) -> None:
    context.set_source_rgb(*(int(value[i : i + 2], 16) / 255 for i in (1, 3, 5)))


def _mark(context: cairo.Context, item: Mark) -> None:
    x, y, r = item.x, item.y, item.size
    if item.shape in ("circle", "ring"):
        context.arc(x, y, r, 0, 2 * math.pi)
        if item.shape == "ring":
            context.set_source_rgb(1, 1, 1)
            context.fill_preserve()
            _colour(context, item.fill)
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
    _colour(context, item.fill)
    context.fill()


def _text(context: cairo.Context, item: Text) -> None:
    weight = cairo.FONT_WEIGHT_BOLD if item.bold else cairo.FONT_WEIGHT_NORMAL
    context.select_font_face(FAMILY, cairo.FONT_SLANT_NORMAL, weight)
    context.set_font_size(item.size)
    x = item.x
    if item.anchor != "start":
        advance = context.text_extents(item.text)[4]
        x -= advance / 2 if item.anchor == "middle" else advance
    _colour(context, item.fill)
    context.move_to(x, item.y)
    context.show_text(item.text)


def _draw(context: cairo.Context, item: Item) -> None:
    context.new_path()  # text leaves a current point that a path would start from
    context.set_dash([])
    if isinstance(item, Box):
        context.rectangle(item.x, item.y, item.w, item.h)
        _colour(context, item.fill)
        if item.stroke == "none":
            context.fill()
            return
        context.fill_preserve()
        _colour(context, item.stroke)
        context.set_line_width(0.8)
        context.stroke()
    elif isinstance(item, Text):
        _text(context, item)
    elif isinstance(item, Line):
        for x, y in item.points:
            context.line_to(x, y)
        _colour(context, item.stroke)
        context.set_line_width(item.width)
        if item.dashed:
            context.set_dash([4, 3])
        context.stroke()
    else:
        _mark(context, item)


def render(poster: Poster, *, created: dt.date) -> bytes:
    """The PDF of ``poster``, dated ``created`` (a content date, never the clock)."""
    out = io.BytesIO()
    surface = cairo.PDFSurface(out, poster.width, poster.height)
    surface.set_metadata(cairo.PDF_METADATA_TITLE, poster.title)
    surface.set_metadata(cairo.PDF_METADATA_CREATOR, "journeyspec")
    surface.set_metadata(cairo.PDF_METADATA_CREATE_DATE, f"{created.isoformat()}T00:00:00Z")
    context = cairo.Context(surface)
    context.set_source_rgb(1, 1, 1)
    context.paint()
    context.translate(MARGIN, MARGIN)
    context.scale(poster.scale, poster.scale)
    for item in poster.items:
        _draw(context, item)
    surface.finish()
    return out.getvalue()
