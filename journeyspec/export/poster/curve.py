"""The poster's emotion curve lane and its legend.

One point per scored step at its column's centre, on the journey's declared scale, with
the neutral line (where each goes: ``journeyspec.diagrams.geometry``, as for every curve
we draw). Each person has a series of their own: the persona's steps form one line, each
``actor``'s steps another (never averaged into the persona's, and breaking it). An
unscored step breaks its person's line and is marked on the neutral line as a gap; a
moment of truth gets a star above its column.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeyspec.diagrams.geometry import Plot
from journeyspec.escaping import visible
from journeyspec.export.poster.shapes import Box, Item, Line, Mark, Shape, Text
from journeyspec.model import Journey, Portfolio
from journeyspec.site.grid import Grid
from journeyspec.typesetting import width as text_width

SIZE = 9.0
COLOURS = ("#1f5fae", "#8e3fa8", "#b5651d", "#2a7f62", "#9c2b4f")
SHAPES: tuple[Shape, ...] = ("circle", "diamond")
GOLD, GAP, NEUTRAL, INK = "#c58f00", "#8a8a8a", "#6b7280", "#1b1b1b"


@dataclass(frozen=True)
class Series:
    """One person's line: who, how drawn, and which steps are theirs."""

    name: str
    colour: str
    shape: Shape
    person: str | None  # the step's ``actor``; None for the journey's persona


def people(journey: Journey, portfolio: Portfolio) -> list[Series]:
    """The persona's series, then one per actor in order of their first step."""
    persona = portfolio.personas.get(journey.persona)
    found = [Series(persona.name if persona else journey.persona, COLOURS[0], "circle", None)]
    seen = {journey.persona}
    for step in journey.steps:
        if step.actor and step.actor not in seen:
            seen.add(step.actor)
            who = portfolio.personas.get(step.actor)
            n = len(found)
            found.append(
                Series(
                    who.name if who else step.actor,
                    COLOURS[n % len(COLOURS)],
                    SHAPES[n % len(SHAPES)],
                    step.actor,
                )
            )
    return found


def _owner(actor: str | None, journey: Journey) -> str | None:
    return None if actor in (None, journey.persona) else actor


def draw(
    items: list[Item],
    journey: Journey,
    portfolio: Portfolio,
    grid: Grid,
    left: float,
    top: float,
    col: float,
    height: float,
) -> None:
    """The lane between ``top`` and ``top + height``, columns from ``left``."""
    low, high = journey.emotion_scale
    plot = Plot(journey.emotion_scale, top, height, 16.0, left, col)
    neutral = plot.middle
    for value, label in ((high, f"{high:+d}"), (neutral, f"{neutral:+g}"), (low, f"{low:+d}")):
        text = label.replace("-", "−").replace("+0", "0")
        items.append(Text(left - 4, plot.y(value) + 3, text, SIZE, "#555555", anchor="end"))
    right = left + col * len(grid.columns)
    items.append(Line(((left, plot.y(neutral)), (right, plot.y(neutral))), NEUTRAL, 0.8, True))
    for series in people(journey, portfolio):
        # A column that is not this person's scored step is a gap in their line.
        scores = [
            step.emotion.score
            if step is not None and step.emotion and _owner(step.actor, journey) == series.person
            else None
            for step in (column.step for column in grid.columns)
        ]
        runs = [[point for _, point in run] for run in plot.runs(scores)]
        for n, column in enumerate(grid.columns):
            step = column.step
            if step and step.emotion is None and _owner(step.actor, journey) == series.person:
                items.append(Mark(plot.x(n), plot.y(neutral), "ring", GAP, 3.5))
        items.extend(Line(tuple(run), series.colour, 2.0) for run in runs if len(run) > 1)
        items.extend(Mark(x, y, series.shape, series.colour, 4.5) for run in runs for x, y in run)
    for n, column in enumerate(grid.columns):
        if column.step is not None and column.step.moment_of_truth:
            items.append(Mark(plot.x(n), top + 7, "star", GOLD, 6.5))


def legend(items: list[Item], journey: Journey, portfolio: Portfolio, x: float, y: float) -> float:
    """The legend's box at ``x``, ``y``; the height it took."""
    start = len(items)
    row = y + 10
    items.append(Text(x + 10, row + 8, "Legend", 12, INK, bold=True))
    row += 22
    low, high = journey.emotion_scale
    scale = f"{low:+d} to {high:+d}".replace("-", "−")
    keys: list[tuple[Shape | str, str, str]] = [
        (s.shape, s.colour, f"{visible(s.name)}: emotion, {scale}")
        for s in people(journey, portfolio)
    ]
    keys += [
        ("star", GOLD, "Moment of truth (★ before the step's name)"),
        ("ring", GAP, "Step not scored: a gap in the line, not a zero"),
        ("neutral", NEUTRAL, "Neutral feeling"),
        ("text", "#b00020", "▲ Pain point (abandons)"),
        ("text", "#a14a00", "▲ Pain point (needs a workaround); missing touchpoint"),
        ("text", "#7a5b00", "▲ Pain point (trivial)"),
        ("text", "#1b5e20", "→ Opportunity (impact, effort, quick win)"),
    ]
    if any(step.lanes for step in journey.steps):
        keys.append(("blueprint", "#1f3a5f", "Service blueprint line"))
    for shape, colour, label in keys:
        if shape in ("neutral", "blueprint"):
            items.append(Line(((x + 10, row), (x + 30, row)), colour, 1.0, dashed=True))
        elif shape == "text":
            items.append(Box(x + 14, row - 5, 10, 10, colour))
        else:
            if shape in ("circle", "diamond"):
                items.append(Line(((x + 8, row), (x + 32, row)), colour, 2.0))
            items.append(Mark(x + 20, row, shape, colour, 4.5))  # type: ignore[arg-type]
        items.append(Text(x + 40, row + 3.2, label, SIZE, INK))
        row += 15
    height = row - y + 4
    room = 50 + max(text_width(label, SIZE) for _, _, label in keys)
    items.insert(start, Box(x, y, room, height, "#ffffff", "#c5cad3"))
    return height
