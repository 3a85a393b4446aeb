"""The service blueprint: lanes across the steps, split by the lines of interaction and visibility.

Drawn as one HTML-like table (steps as columns, lanes as rows), which keeps every lane
aligned however much text a cell holds; fail points (pain points) and waits sit with the
customer's actions.
"""

from __future__ import annotations

from journeyspec.diagrams import dot
from journeyspec.diagrams.diagram import Diagram, listing
from journeyspec.model import Journey, Step

# (lane, header fill, cell fill)
PHYSICAL = ("Physical evidence", "#f6dfa4", "#fdf4dd")
CUSTOMER = ("Customer actions", "#b9cff5", "#e3ecfb")
FRONTSTAGE = ("Frontstage", "#b4dfc0", "#e2f3e7")
BACKSTAGE = ("Backstage", "#cfc3f5", "#eeeafc")
SUPPORT = ("Support processes", "#cdd5df", "#eef1f5")
FAIL = "#9b1c1c"
LEFT = '<BR ALIGN="LEFT"/>'  # ends a line and left-aligns it
ITEMS_PER_CELL = 5
LEGEND = f'<FONT COLOR="{FAIL}">⚠ fail point (a pain point at the step)</FONT>    ★ moment of truth'


def has_lanes(journey: Journey) -> bool:
    return any(step.lanes for step in journey.steps)


def blueprint_diagram(journey: Journey) -> Diagram:
    """Draw the journey's service blueprint (meant for journeys whose steps carry lanes)."""
    steps = journey.steps
    width = len(steps) + 1
    rows = [_stage_row(journey)]
    rows.append(_lane(PHYSICAL, [s.lanes.physical_evidence for s in steps]))
    rows.append(_row(CUSTOMER, [_customer(journey, s) for s in steps]))
    rows.append(_band("line of interaction", width))
    rows.append(_lane(FRONTSTAGE, [s.lanes.frontstage for s in steps]))
    rows.append(_band("line of visibility", width))
    rows.append(_lane(BACKSTAGE, [s.lanes.backstage for s in steps]))
    rows.append(_band("line of internal interaction", width))
    rows.append(_lane(SUPPORT, [s.lanes.support for s in steps]))
    table = (
        f'<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="6" COLOR="{dot.GRID}">'
        + "".join(rows)
        + "</TABLE>"
    )
    title = f"Service blueprint: {journey.title}"
    lines = dot.header("digraph", f"blueprint-{journey.id}", title, LEGEND, {})
    lines.append(f"  blueprint {dot.attrs({'shape': 'plain', 'label': dot.Html(table)})};")
    lines.append("}")
    return Diagram("blueprint", title, _alt(journey), "\n".join(lines) + "\n")


def _stage_row(journey: Journey) -> str:
    cells = ['<TD BORDER="0"></TD>']
    for stage in journey.stages:
        if stage.steps:
            name = dot.label(stage.name, 24 * len(stage.steps), 2)
            cells.append(f'<TD COLSPAN="{len(stage.steps)}" BGCOLOR="#ffffff"><B>{name}</B></TD>')
    return "<TR>" + "".join(cells) + "</TR>"


def _row(lane: tuple[str, str, str], cells: list[str]) -> str:
    name, header, fill = lane
    head = f'<TD BGCOLOR="{header}" ALIGN="LEFT"><B>{name}</B></TD>'
    body = "".join(f'<TD BGCOLOR="{fill}" ALIGN="LEFT" VALIGN="TOP">{c}</TD>' for c in cells)
    return f"<TR>{head}{body}</TR>"


def _lane(lane: tuple[str, str, str], items: list[tuple[str, ...]]) -> str:
    return _row(lane, [_items(entries) for entries in items])


def _items(entries: tuple[str, ...] | list[str], prefix: str = "• ") -> str:
    shown = [prefix + dot.label(entry, 26, 4, LEFT) for entry in entries[:ITEMS_PER_CELL]]
    if len(entries) > ITEMS_PER_CELL:
        shown.append(f"<I>+ {len(entries) - ITEMS_PER_CELL} more</I>")
    return LEFT.join(shown) + LEFT if shown else " "


def _customer(journey: Journey, step: Step) -> str:
    star = "★ " if step.moment_of_truth else ""
    parts = [f"<B>{star}{dot.label(step.name, 26, 3, LEFT)}</B>"]
    if step.does:
        parts.append(dot.label(step.does, 26, 4, LEFT))
    if step.wait_time:
        parts.append(f"<I>waits {dot.label(step.wait_time, 22, 2, LEFT)}</I>")
    fails = [p.title for p in journey.pain_points_at(step.id)]
    if fails:
        parts.append(f'<FONT COLOR="{FAIL}">{_items(fails, "⚠ ")}</FONT>')
    return LEFT.join(parts) + LEFT


def _band(name: str, width: int) -> str:
    return (
        f'<TR><TD COLSPAN="{width}" BGCOLOR="{dot.BAND}" CELLPADDING="2">'
        f'<FONT COLOR="{dot.BAND_INK}" POINT-SIZE="9">- - -  {name}  - - -</FONT></TD></TR>'
    )


def _alt(journey: Journey) -> str:
    parts = [
        f"Service blueprint of the journey {dot.shorten(journey.title, 120)}, "
        f"{len(journey.steps)} steps from left to right. Lanes from top to bottom: physical "
        "evidence and customer actions; the line of interaction; frontstage; the line of "
        "visibility; backstage; the line of internal interaction; support processes."
    ]
    for step in journey.steps:
        lanes = step.lanes
        found = [
            f"{lane}: {listing([dot.shorten(e, 80) for e in entries], 5)}."
            for lane, entries in (
                ("Physical evidence", lanes.physical_evidence),
                ("Frontstage", lanes.frontstage),
                ("Backstage", lanes.backstage),
                ("Support", lanes.support),
                ("Fail points", tuple(p.title for p in journey.pain_points_at(step.id))),
            )
            if entries
        ]
        parts.append(f"Step {dot.shorten(step.name, 80)}. {' '.join(found) or 'No lanes.'}")
    return " ".join(parts[:41]) + (" More steps follow." if len(parts) > 41 else "")
