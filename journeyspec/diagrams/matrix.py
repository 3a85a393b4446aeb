"""The opportunity matrix: impact × effort, quick wins (high impact, low effort) highlighted.

Drawn as SVG by our own code (a table has no layout for Graphviz to find): impact rows
(high at the top) × effort columns (low at the left), each opportunity a card in its cell;
unrated ones get a row of their own so none is lost.
"""

from __future__ import annotations

from collections.abc import Sequence

from journeyspec.diagrams import dot
from journeyspec.diagrams.canvas import SMALLEST, Canvas
from journeyspec.diagrams.diagram import Diagram, listing
from journeyspec.model import Journey, Opportunity, Portfolio
from journeyspec.typesetting import fitted

LEVELS = ("low", "medium", "high")
CARDS_PER_CELL = 8  # a portfolio of 1,000 journeys still gives a readable chart
CELL = "#e9edf2"
HEAD = "#d5dce4"
DIMMED = ("done", "dropped")
MARGIN, HEAD_W, CELL_W, GAP = 16.0, 140.0, 260.0, 8.0  # px
CARD_W = CELL_W - 2 * GAP
NAME, LINE = 13.0, 1.3  # px: a card's title size; a text line's height, in ems

Placed = tuple[Opportunity, str | None]  # the opportunity and, across journeys, its journey title


def journey_matrix(journey: Journey) -> Diagram:
    """The matrix of one journey's opportunities."""
    items: list[Placed] = [(o, None) for o in journey.opportunities]
    title = f"Opportunity matrix: {journey.title}"
    return _matrix("opportunities", f"opportunities-{journey.id}", title, items)


def portfolio_matrix(portfolio: Portfolio) -> Diagram:
    """The matrix of every journey's opportunities, each card naming its journey."""
    items: list[Placed] = [(o, j.title) for j in portfolio.journeys for o in j.opportunities]
    title = "Opportunity matrix: all journeys"
    return _matrix("portfolio-opportunities", "portfolio-opportunities", title, items)


def _matrix(name: str, graph_id: str, title: str, items: Sequence[Placed]) -> Diagram:
    cells: dict[tuple[str | None, str | None], list[Placed]] = {}
    for item in items:
        opportunity = item[0]
        key = (opportunity.impact, opportunity.effort)
        cells.setdefault(key if None not in key else (None, None), []).append(item)
    width = 2 * MARGIN + HEAD_W + 3 * CELL_W
    canvas = Canvas()
    y = MARGIN
    for line in fitted(title, width - 2 * MARGIN, 20, 2):
        y += 26
        canvas.text(width / 2, y, line, font_size=20, font_weight="bold", text_anchor="middle")
    y = _legend(canvas, y + 14)
    left = MARGIN + HEAD_W
    for k, effort in enumerate(LEVELS):
        _head(canvas, left + k * CELL_W, y, CELL_W, 32, f"{effort.capitalize()} effort")
    y += 32
    for impact in reversed(LEVELS):
        stacks = [
            _stack(cells.get((impact, e), []), (impact, e) == ("high", "low")) for e in LEVELS
        ]
        height = max(72.0, *(_height(stack) for stack in stacks))
        _head(canvas, MARGIN, y, HEAD_W, height, f"{impact.capitalize()} impact")
        for k, (effort, stack) in enumerate(zip(LEVELS, stacks, strict=True)):
            quick = (impact, effort) == ("high", "low")
            x = left + k * CELL_W
            canvas.add(
                "rect",
                x=x,
                y=y,
                width=CELL_W,
                height=height,
                fill=dot.QUICK_FILL if quick else CELL,
                stroke=dot.GRID,
                class_="cell",
            )
            _cards(canvas, stack, x + GAP, y + GAP, columns=1)
        y += height
    if (None, None) in cells:
        stack = _stack(cells[(None, None)], False)
        rows = [stack[k : k + 3] for k in range(0, len(stack), 3)]
        height = GAP + sum(max(_card_height(c) for c in row) + GAP for row in rows)
        _head(canvas, MARGIN, y, HEAD_W, height, "Not rated")
        canvas.add(
            "rect",
            x=left,
            y=y,
            width=3 * CELL_W,
            height=height,
            fill=CELL,
            stroke=dot.GRID,
            class_="cell",
        )
        _cards(canvas, stack, left + GAP, y + GAP, columns=3)
        y += height
    alt = _alt(title, cells, len(items))
    return Diagram(name, title, alt, svg=canvas.document(graph_id, width, y + MARGIN, title, alt))


Card = tuple[list[str], str, str]  # a card's title lines, its detail line, the title's colour


def _stack(items: list[Placed], quick: bool) -> list[Card | str]:
    """What a cell holds, top to bottom: cards, and lines of text (headings, "+ N more")."""
    stack: list[Card | str] = ["★ Quick wins"] if quick else []
    stack += [_card(o, journey) for o, journey in items[:CARDS_PER_CELL]]
    if len(items) > CARDS_PER_CELL:
        stack.append(f"+ {len(items) - CARDS_PER_CELL} more")
    return stack


def _card(opportunity: Opportunity, journey: str | None) -> Card:
    colour = dot.MUTED if opportunity.status in DIMMED else dot.INK
    detail = opportunity.status
    if journey:
        detail = f"{dot.shorten(journey, 34)} · {detail}"
    lines = fitted(dot.clean(opportunity.title), CARD_W - 12, NAME, 3)
    return lines, fitted(detail, CARD_W - 12, SMALLEST, 1)[0], colour


def _card_height(entry: Card | str) -> float:
    if isinstance(entry, str):
        return SMALLEST * LINE + 4
    return 10 + len(entry[0]) * NAME * LINE + SMALLEST * LINE


def _height(stack: list[Card | str]) -> float:
    return GAP + sum(_card_height(entry) + GAP for entry in stack)


def _cards(canvas: Canvas, stack: list[Card | str], x: float, y: float, *, columns: int) -> None:
    """The stack's entries from ``x``, ``y``: in one column, or in rows of ``columns``."""
    for start in range(0, len(stack), columns):
        row = stack[start : start + columns]
        for k, entry in enumerate(row):
            left = x + k * CELL_W
            if isinstance(entry, str):
                bold = entry.startswith("★")
                canvas.text(
                    left + 2,
                    y + SMALLEST,
                    entry,
                    font_weight="bold" if bold else None,
                    font_style=None if bold else "italic",
                )
                continue
            lines, detail, colour = entry
            height = _card_height(entry)
            canvas.add(
                "rect",
                x=left,
                y=y,
                width=CARD_W,
                height=height,
                rx=5,
                fill="#ffffff",
                stroke=dot.LINE,
                class_="card",
            )
            for n, line in enumerate(lines):
                canvas.text(
                    left + 6, y + 5 + NAME + n * NAME * LINE, line, font_size=NAME, fill=colour
                )
            below = y + 5 + NAME + len(lines) * NAME * LINE
            canvas.text(left + 6, below, detail, fill=dot.MUTED)
        y += max(_card_height(entry) for entry in row) + GAP


def _head(canvas: Canvas, x: float, y: float, w: float, h: float, words: str) -> None:
    canvas.add("rect", x=x, y=y, width=w, height=h, fill=HEAD, stroke=dot.GRID, class_="head")
    canvas.text(
        x + w / 2, y + h / 2 + 5, words, font_size=14, font_weight="bold", text_anchor="middle"
    )


def _legend(canvas: Canvas, y: float) -> float:
    """The key under the title; where the table starts."""
    canvas.add(
        "rect", x=MARGIN, y=y, width=300, height=26, fill=dot.QUICK_FILL, stroke=dot.QUICK_EDGE
    )
    canvas.text(MARGIN + 10, y + 18, "★ quick wins: high impact, low effort")
    canvas.text(MARGIN + 316, y + 18, "impact grows upwards, effort to the right")
    return y + 26 + 14


def _alt(title: str, cells: dict[tuple[str | None, str | None], list[Placed]], total: int) -> str:
    parts = [
        f"{dot.shorten(title, 140)}: {total} opportunities placed by impact (rows, high at the "
        "top) and effort (columns, low at the left); quick wins are high impact and low effort."
    ]
    groups: list[tuple[tuple[str | None, str | None], str]] = [
        ((i, e), f"{i} impact, {e} effort") for i in reversed(LEVELS) for e in LEVELS
    ]
    groups[0] = (("high", "low"), "Quick wins (high impact, low effort)")
    groups.append(((None, None), "Not rated"))
    for key, words in groups:
        items = cells.get(key, [])
        if items:
            names = [
                dot.shorten(o.title, 80) + (f" ({dot.shorten(j, 60)})" if j else "")
                for o, j in items
            ]
            parts.append(f"{words.capitalize()}: {listing(names)}.")
    if ("high", "low") not in cells:
        parts.append("There are no quick wins yet.")
    return " ".join(parts)
