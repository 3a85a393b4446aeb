"""The poster's emotion curve lane and its legend.

One point per scored step at its column's centre, on the journey's declared scale, with
the neutral line. Each person has a series of their own: the persona's steps form one
line, each ``actor``'s steps another (never averaged into the persona's). An unscored
step breaks its person's line and is marked on the neutral line as a gap; a moment of
truth gets a star above its column.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeyspec.escaping import visible
from journeyspec.export.poster.shapes import Box, Item, Line, Mark, Shape, Text
from journeyspec.export.poster.text import width as text_width
from journeyspec.model import Journey, Portfolio
from journeyspec.site.grid import Grid

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
    pad = 16.0

    def y_of(score: float) -> float:
        return top + pad + (high - score) / ((high - low) or 1) * (height - 2 * pad)

    neutral = 0.0 if low < 0 < high else (low + high) / 2
    for value, label in ((high, f"{high:+d}"), (neutral, f"{neutral:+g}"), (low, f"{low:+d}")):
        text = label.replace("-", "−").replace("+0", "0")
        items.append(Text(left - 4, y_of(value) + 3, text, SIZE, "#555555", anchor="end"))
    right = left + col * len(grid.columns)
    items.append(Line(((left, y_of(neutral)), (right, y_of(neutral))), NEUTRAL, 0.8, True))
    for series in people(journey, portfolio):
        segments: list[list[tuple[float, float]]] = [[]]
        for n, column in enumerate(grid.columns):
            step = column.step
            if step is None or _owner(step.actor, journey) != series.person:
                continue
            x = left + (n + 0.5) * col
            if step.emotion is None:
                segments.append([])
                items.append(Mark(x, y_of(neutral), "ring", GAP, 3.5))
                continue
            segments[-1].append((x, y_of(step.emotion.score)))
        for segment in segments:
            if len(segment) > 1:
                items.append(Line(tuple(segment), series.colour, 2.0))
        for segment in segments:
            items.extend(Mark(x, y, series.shape, series.colour, 4.5) for x, y in segment)
    for n, column in enumerate(grid.columns):
        if column.step is not None and column.step.moment_of_truth:
            items.append(Mark(left + (n + 0.5) * col, top + 7, "star", GOLD, 6.5))


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
