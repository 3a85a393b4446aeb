"""Where everything on a journey's poster goes: planned as shapes, before anything is drawn.

The grid is the journey page's (``journeyspec.site.grid``): steps as columns grouped by
stage, the lanes of ``journeyspec.export.poster.lanes`` as rows, the emotion curve as a
lane of its own and the stages' KPIs at the foot. Below it sit the persona card and the
legend. Text is 9 pt or more and wraps inside its cell; rows grow to hold it.

The page: A3, A2 or A1 landscape, the smallest that holds the map at full size unless
one is named; a named page too small for the map gets it scaled down to fit (and says
so in the footer). ``fit`` makes the page exactly as large as the map.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from journeyspec.export.poster import curve
from journeyspec.export.poster.lanes import CURVE_AFTER, LANES, Entry, Tone
from journeyspec.export.poster.shapes import Box, Item, Line, Poster, Text
from journeyspec.model import Journey, Portfolio
from journeyspec.site.grid import Grid, journey_grid
from journeyspec.typesetting import wrap

PageSize = Literal["A3", "A2", "A1", "fit"]
SIZES: tuple[PageSize, ...] = ("A3", "A2", "A1", "fit")
PAGES: dict[str, tuple[float, float]] = {  # landscape, in points
    "A3": (1190.55, 841.89),
    "A2": (1683.78, 1190.55),
    "A1": (2383.94, 1683.78),
}
MARGIN = 28.0
BODY = 9.0  # the smallest text on the poster
LEAD = 1.25  # line height, in ems
PAD = 4.0
LABEL_W = 92.0
MIN_COL, MAX_COL, FIT_COL = 78.0, 170.0, 120.0
CURVE_H = 120.0
CARD_W = 330.0
INK, MUTED, RULE, STAGE, LANE_FILL = "#1b1b1b", "#555555", "#c5cad3", "#1f3a5f", "#eef1f5"
TONES: dict[Tone, str] = {
    "text": INK,
    "muted": MUTED,
    "trivial": "#7a5b00",
    "workaround": "#a14a00",
    "abandon": "#b00020",
    "opportunity": "#1b5e20",
}


@dataclass
class Canvas:
    """The shapes drawn so far, and how to set wrapped text."""

    items: list[Item]

    def lines(
        self,
        x: float,
        y: float,
        room: float,
        text: str,
        *,
        size: float = BODY,
        fill: str = INK,
        bold: bool = False,
    ) -> float:
        """Wrapped ``text`` with its first line's top at ``y``; the height it took."""
        rows = wrap(text, room, size)
        for n, row in enumerate(rows):
            self.items.append(Text(x, y + size * (0.95 + LEAD * n), row, size, fill, bold))
        return len(rows) * size * LEAD

    def entries(self, x: float, y: float, room: float, entries: Sequence[Entry]) -> float:
        height = 0.0
        for text, tone in entries:
            height += self.lines(x, y + height, room, text, fill=TONES[tone]) + PAD / 2
        return height


def _measure(room: float, entries: Sequence[Entry], size: float = BODY) -> float:
    return sum(len(wrap(t, room, size)) * size * LEAD + PAD / 2 for t, _ in entries)


def _header(canvas: Canvas, journey: Journey, portfolio: Portfolio, width: float) -> float:
    y = canvas.lines(0, 0, width, journey.title, size=20, bold=True) + PAD
    persona = portfolio.personas.get(journey.persona)
    facts = [
        journey.kind.replace("-", " "),
        journey.status,
        f"Persona: {persona.name if persona else journey.persona}",
    ]
    if journey.owner:
        team = portfolio.teams.get(journey.owner)
        facts.append(f"Owner: {team.name if team else journey.owner}")
    if journey.last_reviewed:
        facts.append(f"Last reviewed {journey.last_reviewed.isoformat()}")
    y += canvas.lines(0, y, width, " · ".join(facts), size=11, fill=MUTED)
    if journey.objective:
        y += canvas.lines(0, y, width, f"Objective: {journey.objective}", size=11, fill=MUTED)
    return y + 2 * PAD


def _grid(
    canvas: Canvas, grid: Grid, portfolio: Portfolio, journey: Journey, top: float, col: float
) -> tuple[float, float]:
    """Draw the grid from ``top``; its width and the height it took."""
    width = LABEL_W + col * len(grid.columns)
    room = col - 2 * PAD
    y = top
    # Stages: one header cell spanning their columns.
    x, stage_h = LABEL_W, 0.0
    heads = []
    for stage, span in grid.stages:
        team = portfolio.teams.get(stage.owner or "")
        entries: list[tuple[str, bool]] = [(stage.name, True)]
        if stage.owner:
            entries.append((team.name if team else stage.owner, False))
        heads.append((x, span, entries))
        need = sum(len(wrap(t, span * col - 2 * PAD, 10)) * 10 * LEAD for t, _ in entries)
        stage_h = max(stage_h, need + 2 * PAD)
        x += span * col
    for x, span, entries in heads:
        canvas.items.append(Box(x, y, span * col, stage_h, STAGE, "#ffffff"))
        h = y + PAD
        for text, bold in entries:
            h += canvas.lines(
                x + PAD, h, span * col - 2 * PAD, text, size=10, fill="#ffffff", bold=bold
            )
    y += stage_h
    # Steps: the columns' names, with the star of a moment of truth.
    names = [
        ("★ " if c.step.moment_of_truth else "") + c.step.name if c.step else "no steps yet"
        for c in grid.columns
    ]
    step_h = max(len(wrap(n, room, BODY)) * BODY * LEAD for n in names) + 2 * PAD
    canvas.items.append(Box(0, y, width, step_h, "#dde3ec"))
    canvas.lines(PAD, y + PAD, LABEL_W - 2 * PAD, "Step", bold=True)
    for n, name in enumerate(names):
        canvas.lines(
            LABEL_W + n * col + PAD,
            y + PAD,
            room,
            name,
            bold=True,
            fill=INK if grid.columns[n].step else MUTED,
        )
    y += step_h
    for lane in LANES:
        cells = [lane.entries(c, portfolio) for c in grid.columns]
        if any(cells):
            y = _row(canvas, y, width, col, lane.label, cells, lane.line_above)
        if lane.key == CURVE_AFTER:
            _lane_label(canvas, y, CURVE_H, "Emotion curve", LABEL_W - 30)  # beside the scale
            curve.draw(canvas.items, journey, portfolio, grid, LABEL_W, y, col, CURVE_H)
            canvas.items.append(Line(((0, y + CURVE_H), (width, y + CURVE_H)), RULE, 0.6))
            y += CURVE_H
    y = _kpis(canvas, grid, y, width, col)
    # Stage boundaries across the whole grid.
    x = LABEL_W
    for _, span in grid.stages:
        canvas.items.append(Line(((x, top), (x, y)), STAGE, 1.2))
        x += span * col
    canvas.items.append(Line(((x, top), (x, y)), STAGE, 1.2))
    return width, y - top


def _lane_label(canvas: Canvas, y: float, h: float, label: str, room: float = LABEL_W) -> None:
    canvas.items.append(Box(0, y, LABEL_W, h, LANE_FILL))
    canvas.lines(PAD, y + PAD, room - 2 * PAD, label, bold=True)


def _row(
    canvas: Canvas,
    y: float,
    width: float,
    col: float,
    label: str,
    cells: list[list[Entry]],
    line_above: str | None,
) -> float:
    room = col - 2 * PAD
    if line_above:
        canvas.items.append(Box(0, y, LABEL_W, BODY * LEAD + 2, LANE_FILL))
        canvas.items.append(Line(((0, y), (width, y)), STAGE, 1.0, dashed=True))
        canvas.lines(LABEL_W + PAD, y + 1, width, line_above, fill=MUTED)
        y += BODY * LEAD + 2
    label_h = len(wrap(label, LABEL_W - 2 * PAD, BODY)) * BODY * LEAD
    h = max(label_h, *(_measure(room, cell) for cell in cells)) + 2 * PAD
    _lane_label(canvas, y, h, label)
    for n, cell in enumerate(cells):
        canvas.entries(LABEL_W + n * col + PAD, y + PAD, room, cell)
    canvas.items.append(Line(((0, y + h), (width, y + h)), RULE, 0.6))
    return y + h


def _kpis(canvas: Canvas, grid: Grid, y: float, width: float, col: float) -> float:
    texts = []
    for _stage, span, kpis in grid.kpis:
        entries: list[Entry] = []
        for k in kpis:
            unit = f" {k.unit}" if k.unit else ""
            measures = " → ".join(
                f"{word} {value:g}{unit}"
                for word, value in (("baseline", k.baseline), ("target", k.target))
                if value is not None
            )
            entries.append((f"{k.name}: {measures}" if measures else k.name, "text"))
        texts.append((span, entries))
    if not any(entries for _, entries in texts):
        return y
    h = max(_measure(span * col - 2 * PAD, e) for span, e in texts) + 2 * PAD
    _lane_label(canvas, y, h, "KPIs")
    x = LABEL_W
    for span, entries in texts:
        canvas.entries(x + PAD, y + PAD, span * col - 2 * PAD, entries)
        x += span * col
    canvas.items.append(Line(((0, y + h), (width, y + h)), RULE, 0.6))
    return y + h


def _persona_card(canvas: Canvas, journey: Journey, portfolio: Portfolio, top: float) -> float:
    persona = portfolio.personas.get(journey.persona)
    start = len(canvas.items)
    room = CARD_W - 4 * PAD
    y = top + 2 * PAD
    name = persona.name if persona else journey.persona
    y += canvas.lines(2 * PAD, y, room, f"Persona: {name}", size=12, bold=True)
    if persona is not None:
        if persona.role:
            y += canvas.lines(2 * PAD, y, room, persona.role, fill=MUTED)
        if persona.quote:
            y += canvas.lines(2 * PAD, y + PAD, room, f"“{persona.quote}”") + PAD
        for title, values in (
            ("Goals", persona.goals),
            ("Pain points", persona.pain_points),
            ("Preferred channels", _channels(persona.preferred_channels, portfolio)),
        ):
            if values:
                y += canvas.lines(2 * PAD, y + PAD, room, title, bold=True) + PAD
                for value in values[:4]:
                    y += canvas.lines(2 * PAD, y, room, f"• {value}")
    for actor in journey.actors:
        who = portfolio.personas.get(actor.persona or "")
        text = f"Also: {who.name + ', ' if who else ''}{actor.role}"
        y += canvas.lines(2 * PAD, y + PAD, room, text, fill=MUTED) + PAD
    y += 2 * PAD
    canvas.items.insert(start, Box(0, top, CARD_W, y - top, "#f7f8fa", RULE))
    return y - top


def _channels(ids: tuple[str, ...], portfolio: Portfolio) -> tuple[str, ...]:
    return tuple(portfolio.channels[c].name if c in portfolio.channels else c for c in ids)


def _draw(journey: Journey, portfolio: Portfolio, grid: Grid, col: float) -> Canvas:
    canvas = Canvas([])
    width = LABEL_W + col * len(grid.columns)
    top = _header(canvas, journey, portfolio, max(width, 2 * CARD_W))
    _, grid_h = _grid(canvas, grid, portfolio, journey, top, col)
    band = top + grid_h + 3 * PAD
    card_h = _persona_card(canvas, journey, portfolio, band)
    legend_h = curve.legend(canvas.items, journey, portfolio, CARD_W + 4 * PAD, band)
    foot = band + max(card_h, legend_h) + 2 * PAD
    canvas.lines(0, foot, width, f"journeyspec · {journey.path} · journey {journey.id}", fill=MUTED)
    return canvas


def _extent(items: Sequence[Item]) -> tuple[float, float]:
    right = bottom = 0.0
    for item in items:
        if isinstance(item, Box):
            right, bottom = max(right, item.x + item.w), max(bottom, item.y + item.h)
        elif isinstance(item, Text):
            right, bottom = max(right, item.x), max(bottom, item.y + item.size * 0.3)
        elif isinstance(item, Line):
            right = max(right, *(x for x, _ in item.points))
            bottom = max(bottom, *(y for _, y in item.points))
    return right, bottom


def _columns(grid: Grid, page: str) -> tuple[float, float]:
    """A step column's width on ``page``, and the width of the content at that width."""
    room_w = PAGES[page][0] - 2 * MARGIN
    col = min(MAX_COL, max(MIN_COL, (room_w - LABEL_W) / max(len(grid.columns), 1)))
    return col, max(LABEL_W + col * len(grid.columns), 2 * CARD_W + 4 * PAD)


def _on_page(
    journey: Journey, portfolio: Portfolio, grid: Grid, page: str
) -> tuple[Canvas, float, float, float]:
    """The poster laid out for ``page``: canvas, content width and height, and scale."""
    room_w, room_h = PAGES[page][0] - 2 * MARGIN, PAGES[page][1] - 2 * MARGIN
    col, content_w = _columns(grid, page)
    canvas = _draw(journey, portfolio, grid, col)
    content_h = _extent(canvas.items)[1]
    return canvas, content_w, content_h, min(1.0, room_w / content_w, room_h / content_h)


def plan_poster(journey: Journey, portfolio: Portfolio, size: PageSize | None = None) -> Poster:
    """The poster of ``journey`` on ``size`` (None: the smallest page that holds it)."""
    channels = {c.id: c.name for c in portfolio.channels.values()}
    grid = journey_grid(journey, channels)
    if size == "fit":
        canvas = _draw(journey, portfolio, grid, FIT_COL)
        content_w = max(LABEL_W + FIT_COL * len(grid.columns), 2 * CARD_W + 4 * PAD)
        content_h = _extent(canvas.items)[1]
        return Poster(
            journey.title,
            "fit",
            content_w + 2 * MARGIN,
            content_h + 2 * MARGIN,
            1.0,
            tuple(canvas.items),
        )
    for page in (size,) if size else ("A3", "A2", "A1"):
        last = page == (size or "A1")
        if not last and _columns(grid, page)[1] > PAGES[page][0] - 2 * MARGIN:
            continue  # too narrow whatever the height: not worth laying out
        canvas, _, _, scale = _on_page(journey, portfolio, grid, page)
        if scale == 1.0 or last:
            break
    if scale < 1.0:
        canvas.items.append(
            Text(0, _extent(canvas.items)[1] + BODY * 1.5, _scaled_note(page, scale), BODY, MUTED)
        )
        canvas, scale = _rescaled(canvas, page)
    width, height = PAGES[page]
    return Poster(journey.title, page, width, height, scale, tuple(canvas.items))


def _scaled_note(page: str, scale: float) -> str:
    return (
        f"Scaled to {scale:.0%} to fit {page}: print on a larger page (--size A1) "
        "or with --size fit for full-size text."
    )


def _rescaled(canvas: Canvas, page: str) -> tuple[Canvas, float]:
    width, height = PAGES[page]
    right, bottom = _extent(canvas.items)
    return canvas, min(1.0, (width - 2 * MARGIN) / right, (height - 2 * MARGIN) / bottom)
