"""The opportunity matrix: impact × effort, quick wins (high impact, low effort) highlighted.

One HTML-like table: impact rows (high at the top) × effort columns (low at the left), each
opportunity a labelled card in its cell; unrated ones get a row of their own so none is lost.
"""

from __future__ import annotations

from collections.abc import Sequence

from journeyspec.diagrams import dot
from journeyspec.diagrams.diagram import Diagram, listing
from journeyspec.model import Journey, Opportunity, Portfolio

LEVELS = ("low", "medium", "high")
CARDS_PER_CELL = 8  # a portfolio of 1,000 journeys still gives a readable chart
CELL = "#e9edf2"
DIMMED = ("done", "dropped")

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
    rows = ['<TR><TD BORDER="0"></TD>' + "".join(_head(f"{e} effort") for e in LEVELS) + "</TR>"]
    for impact in reversed(LEVELS):
        rows += _impact_rows(impact, cells)
    if (None, None) in cells:
        unrated = _cards(cells[(None, None)], columns=3)
        cell = f'<TD COLSPAN="3" BGCOLOR="{CELL}" BORDER="1">{unrated}</TD>'
        rows.append(f"<TR>{_head('not rated')}{cell}</TR>")
    table = (
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="5" COLOR="{dot.GRID}">'
        + "".join(rows)
        + "</TABLE>"
    )
    legend = (
        f'<TABLE BORDER="0" CELLSPACING="6"><TR><TD BGCOLOR="{dot.QUICK_FILL}" BORDER="1" '
        f'COLOR="{dot.QUICK_EDGE}">★ quick wins: high impact, low effort</TD>'
        "<TD>impact grows upwards, effort to the right</TD></TR></TABLE>"
    )
    lines = dot.header("digraph", graph_id, title, legend, {})
    lines.append(f"  matrix {dot.attrs({'shape': 'plain', 'label': dot.Html(table)})};")
    lines.append("}")
    return Diagram(name, title, _alt(title, cells, len(items)), "\n".join(lines) + "\n")


def _head(words: str, rows: int = 1) -> str:
    size = f' ROWSPAN="{rows}" HEIGHT="80"' if rows > 1 or "impact" in words else ' WIDTH="230"'
    return f'<TD BGCOLOR="#d5dce4" BORDER="1"{size}><B>{words.capitalize()}</B></TD>'


def _impact_rows(
    impact: str, cells: dict[tuple[str | None, str | None], list[Placed]]
) -> list[str]:
    """One table row per card in the fullest cell; each cell is a column of cards with an
    outline drawn from partial borders, because a nested table would stretch its cards."""
    columns = [_entries(cells.get((impact, effort), []), impact, effort) for effort in LEVELS]
    depth = max(1, *(len(entries) for entries in columns))
    rows = []
    for r in range(depth):
        tds = [_head(f"{impact} impact", depth)] if r == 0 else []
        for effort, entries in zip(LEVELS, columns, strict=True):
            fill = dot.QUICK_FILL if (impact, effort) == ("high", "low") else CELL
            if r < len(entries) or r == len(entries):
                span = 1 if r < len(entries) else depth - r
                last = r + span == depth
                sides = "LR" + ("T" if r == 0 else "") + ("B" if last else "")
                content = entries[r] if r < len(entries) else " "
                cell = f'BGCOLOR="{fill}" BORDER="1" SIDES="{sides}" ROWSPAN="{span}"'
                tds.append(f"<TD {cell}>{content}</TD>")
        rows.append("<TR>" + "".join(tds) + "</TR>")
    return rows


def _entries(items: list[Placed], impact: str, effort: str) -> list[str]:
    entries = [_card(o, journey) for o, journey in items[:CARDS_PER_CELL]]
    if len(items) > CARDS_PER_CELL:
        entries.append(f"<I>+ {len(items) - CARDS_PER_CELL} more</I>")
    if (impact, effort) == ("high", "low"):
        entries.insert(0, "<B>★ Quick wins</B>")
    return entries


def _cards(items: list[Placed], *, columns: int) -> str:
    cards = [f"<TD>{_card(o, journey)}</TD>" for o, journey in items[:CARDS_PER_CELL]]
    if len(items) > CARDS_PER_CELL:
        cards.append(f"<TD><I>+ {len(items) - CARDS_PER_CELL} more</I></TD>")
    rows = ["".join(cards[k : k + columns]) for k in range(0, len(cards), columns)]
    return '<TABLE BORDER="0">' + "".join(f"<TR>{row}</TR>" for row in rows) + "</TABLE>"


def _card(opportunity: Opportunity, journey: str | None) -> str:
    colour = dot.MUTED if opportunity.status in DIMMED else dot.INK
    lines = [f'<FONT COLOR="{colour}">{dot.label(opportunity.title, 30, 3)}</FONT>']
    detail = opportunity.status
    if journey:
        detail = f"{dot.text(dot.shorten(journey, 34))} · {detail}"
    lines.append(f'<FONT POINT-SIZE="9" COLOR="{dot.MUTED}">{detail}</FONT>')
    return (
        '<TABLE BORDER="0" CELLPADDING="0" CELLSPACING="0">'
        f'<TR><TD BORDER="1" STYLE="rounded" COLOR="{dot.LINE}" BGCOLOR="#ffffff" CELLPADDING="4">'
        + "<BR/>".join(lines)
        + "</TD></TR></TABLE>"
    )


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
