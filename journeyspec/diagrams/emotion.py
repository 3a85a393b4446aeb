"""The emotion curve: one point per scored step at its column's centre, drawn as SVG by our
own code (the layout is a chart's: nothing for Graphviz to decide).

Unscored steps get no point and break the line (a gap is not a zero); moments of truth are
stars; each other person (``actor``) has a line of their own; future-state (or, on a
future-state map, current-state) maps are overlaid dashed. A score's label goes where it
moves least from its point while clearing every line, point and the neutral line.
"""

from __future__ import annotations

from itertools import pairwise

from journeyspec.diagrams import dot
from journeyspec.diagrams.canvas import SMALLEST, STAR, Canvas, diamond, num
from journeyspec.diagrams.diagram import Diagram, listing
from journeyspec.diagrams.geometry import Plot, Point
from journeyspec.diagrams.series import Series, actor_series, own_series, related_series
from journeyspec.model import Journey, Portfolio
from journeyspec.typesetting import fitted, width

MARGIN = 16.0  # px around the drawing
AXIS = 48.0  # px left of the first column, for the scale's ticks
COLUMN = 140.0  # px per step
RIGHT = 72.0  # px right of the last column, for "neutral"
PLOT = 260.0  # px from the top of the scale's band to its bottom
PAD = 40.0  # px between the band's edge and the scale's ends: room for labels
TITLE, STAGE, LINE = 20.0, 14.0, 16.0  # px: title and stage name sizes, a text line's height
HALF = 7.5  # px: half the height of a 12 px label
CLEAR = 3.0  # px between a label and anything it must not touch
OVERLAYS = (("#7c3aed", "#c4b5fd"), ("#0f766e", "#99d5cc"), ("#be185d", "#f5b3cf"))
ACTORS = (("#b45309", "#fcd34d"), ("#0369a1", "#7dd3fc"), ("#4d7c0f", "#bef264"))
RADIUS = {"persona": 6.0, "actor": 6.0, "overlay": 7.0, "star": 10.0}


class _Line:
    """One series as drawn: its kind, colours and the points of each unbroken stretch."""

    def __init__(self, kind: str, key: str, series: Series, colours: tuple[str, str]) -> None:
        self.kind, self.key, self.series = kind, key, series
        self.colour, self.fill = colours


def emotion_diagram(journey: Journey, portfolio: Portfolio) -> Diagram:
    """Plot the journey's emotion scores, with related maps' scores overlaid."""
    own = own_series(journey)
    others = related_series(journey, portfolio)
    people = actor_series(journey)
    lines = [
        *(_Line("overlay", f"overlay-{k}", s, OVERLAYS[k % 3]) for k, s in enumerate(others)),
        *(_Line("actor", f"actor-{k}", s, ACTORS[k % 3]) for k, (_, s) in enumerate(people)),
        _Line("persona", "persona", own, (dot.ACCENT, dot.ACCENT_FILL)),
    ]
    names = [portfolio.personas[a].name if a in portfolio.personas else a for a, _ in people]
    title = f"Emotion curve: {journey.title}"
    chart = _Chart(journey, title)
    chart.axes()
    chart.stages()
    chart.curves(lines)
    chart.steps()
    chart.labels(lines)
    chart.legend(lines, names)
    alt = _alt(journey, own, others)
    svg = chart.canvas.document(f"emotion-{journey.id}", chart.width, chart.bottom, title, alt)
    return Diagram("emotion", title, alt, svg=svg)


class _Chart:
    """Lays the chart out top to bottom: title, stage names, the scale's band, step names,
    legend; ``bottom`` is how far it has got."""

    def __init__(self, journey: Journey, title: str) -> None:
        self.journey = journey
        self.count = len(journey.steps)
        self.right = MARGIN + AXIS + max(self.count, 1) * COLUMN
        self.width = self.right + RIGHT + MARGIN
        self.canvas = Canvas()
        self.bottom = MARGIN
        for line in fitted(title, self.width - 2 * MARGIN, TITLE, 2):
            self.bottom += TITLE * 1.3
            self.canvas.text(
                self.width / 2,
                self.bottom,
                line,
                font_size=TITLE,
                font_weight="bold",
                text_anchor="middle",
            )
        self.bottom += 12
        self.stage_top = self.bottom
        names = [fitted(s.name, len(s.steps) * COLUMN - 12, STAGE, 2) for s in journey.stages]
        self.stage_lines = max([1, *(len(n) for n in names if n != [""])])
        self.stage_names = names
        top = self.stage_top + self.stage_lines * LINE * 1.15 + 8
        self.plot = Plot(journey.emotion_scale, top, PLOT, PAD, MARGIN + AXIS, COLUMN)
        self.bottom = top + PLOT
        # What a label in a column must clear (labels are narrower than a column, and lines
        # join neighbouring columns only): the points drawn in it, with their radius, and
        # the segments reaching into it; and the neutral line, which crosses every column.
        self.marks: dict[int, list[tuple[Point, float]]] = {}
        self.segments: dict[int, list[tuple[Point, Point]]] = {}
        self.neutral: tuple[Point, Point] = ((0.0, 0.0), (0.0, 0.0))

    def axes(self) -> None:
        plot, left = self.plot, self.plot.left
        lo, hi = plot.scale
        hi = max(hi, lo + 1)
        every = 1 if hi - lo <= 10 else -(-(hi - lo) // 5)
        for value in range(lo, hi + 1, every):
            y = plot.y(value)
            if value != plot.middle:
                self.canvas.line(((left - 6, y), (self.right, y)), stroke=dot.GRID)
            self.canvas.text(
                left - 10, y + 4, score_text(value, lo < 0), fill=dot.MUTED, text_anchor="end"
            )
        y = plot.y(plot.middle)
        self.canvas.line(
            ((left - 6, y), (self.right, y)),
            stroke=dot.LINE,
            stroke_width=1.3,
            stroke_dasharray="6 4",
        )
        self.neutral = ((left, y), (self.right, y))
        self.canvas.text(self.right + 8, y + 4, "neutral", fill=dot.MUTED)
        if not self.count:
            self.canvas.text(
                (left + self.right) / 2,
                plot.top + PLOT / 4,
                "no steps yet",
                font_style="italic",
                text_anchor="middle",
            )

    def stages(self) -> None:
        first = 0
        for stage, lines in zip(self.journey.stages, self.stage_names, strict=True):
            if not stage.steps:
                continue
            if first:
                x = self.plot.left + first * COLUMN
                self.canvas.line(((x, self.stage_top), (x, self.bottom)), stroke=dot.GRID)
            centre = self.plot.left + (first + len(stage.steps) / 2) * COLUMN
            for k, line in enumerate(lines):
                self.canvas.text(
                    centre,
                    self.stage_top + STAGE + k * LINE * 1.15,
                    line,
                    font_size=STAGE,
                    font_weight="bold",
                    text_anchor="middle",
                )
            first += len(stage.steps)

    def curves(self, lines: list[_Line]) -> None:
        """Each series' stretches and points; later series are drawn over earlier ones."""
        steps = self.journey.steps
        for line in lines:
            body = Canvas()
            solid = line.kind != "overlay"
            dash = None if solid else "6 4"
            for run in self.plot.runs(line.series.scores):
                points = [point for _, point in run]
                if len(points) > 1:
                    body.line(
                        points,
                        stroke=line.colour,
                        stroke_width=2.5 if solid else 2,
                        stroke_dasharray=dash,
                        class_="line",
                    )
                    for (column, a), (_, b) in pairwise(run):
                        self.segments.setdefault(column, []).append((a, b))
                        self.segments.setdefault(column + 1, []).append((a, b))
                for column, (x, y) in run:
                    if solid and steps[column].moment_of_truth:
                        body.add(
                            "path",
                            d=STAR,
                            transform=f"translate({num(x)} {num(y)})",
                            fill=dot.STAR_FILL,
                            stroke=dot.STAR_EDGE,
                            stroke_width=1.5,
                            class_="point star",
                        )
                        self.marks.setdefault(column, []).append(((x, y), RADIUS["star"]))
                        continue
                    self.marks.setdefault(column, []).append(((x, y), RADIUS[line.kind]))
                    look: dict[str, str | float] = {
                        "fill": line.fill,
                        "stroke": line.colour,
                        "stroke_width": 1.5,
                    }
                    if line.kind == "persona":
                        body.add("circle", cx=x, cy=y, r=RADIUS["persona"], class_="point", **look)
                    elif line.kind == "actor":
                        r = RADIUS["actor"]
                        body.add(
                            "rect",
                            x=x - r,
                            y=y - r,
                            width=2 * r,
                            height=2 * r,
                            class_="point",
                            **look,
                        )
                    else:
                        r = RADIUS["overlay"]
                        body.add("polygon", points=diamond(x, y, r), class_="point", **look)
            self.canvas.group(body, class_=f"series series-{line.key}")

    def steps(self) -> None:
        top, tallest = self.bottom + 10, 1
        for i, step in enumerate(self.journey.steps):
            lines = fitted(step.name, COLUMN - 12, SMALLEST, 3)
            x = self.plot.x(i)
            for k, line in enumerate(lines):
                self.canvas.text(
                    x, top + SMALLEST + k * LINE, line, text_anchor="middle", class_="step"
                )
            if step.emotion is None:
                self.canvas.text(
                    x,
                    top + SMALLEST + len(lines) * LINE,
                    "not scored",
                    fill=dot.MUTED,
                    font_style="italic",
                    text_anchor="middle",
                )
                lines.append("")
            tallest = max(tallest, len(lines))
        self.bottom = top + tallest * LINE + 12

    def labels(self, lines: list[_Line]) -> None:
        """A label per scored step: its score and word, clear of every line and point."""
        signed = self.journey.emotion_scale[0] < 0
        for i, step in enumerate(self.journey.steps):
            if step.emotion is None:
                continue
            words = score_text(step.emotion.score, signed)
            if step.emotion.label:
                words += " " + dot.shorten(step.emotion.label, 14)
            words = fitted(dot.clean(words), COLUMN - 10, SMALLEST, 1)[0]
            x, y = self.plot.x(i), self.plot.y(step.emotion.score)
            centre = self.place(i, y, width(words, SMALLEST) / 2)
            self.canvas.text(
                x, centre + 0.35 * SMALLEST, words, text_anchor="middle", class_="score"
            )

    def place(self, column: int, y: float, half: float) -> float:
        """The label's centre height nearest ``y`` whose box (``half`` either side of the
        column's centre) touches no segment and no point: every obstacle within the box's
        width blocks an interval of heights; the answer is the end of one of them (or ``y``)."""
        blocked: list[tuple[float, float]] = []
        x = self.plot.x(column)
        left, right = x - half - CLEAR, x + half + CLEAR
        for (x1, y1), (x2, y2) in [self.neutral, *self.segments.get(column, ())]:
            a, b = max(left, min(x1, x2)), min(right, max(x1, x2))
            if a > b:
                continue
            ends = [y1 if x1 == x2 else y1 + (y2 - y1) * (at - x1) / (x2 - x1) for at in (a, b)]
            if x1 == x2:
                ends = [y1, y2]
            blocked.append((min(ends) - HALF - CLEAR - 1.5, max(ends) + HALF + CLEAR + 1.5))
        for (mx, my), r in self.marks.get(column, ()):
            if mx + r >= left and mx - r <= right:
                blocked.append((my - r - HALF - CLEAR, my + r + HALF + CLEAR))
        low, high = self.plot.top + HALF, self.plot.top + PLOT - HALF
        candidates = [y, *(end for span in blocked for end in span)]
        free = [
            c for c in candidates if low <= c <= high and not any(a < c < b for a, b in blocked)
        ]
        return min(free, key=lambda c: (abs(c - y), c)) if free else low

    def legend(self, lines: list[_Line], names: list[str]) -> None:
        """Keys left to right, wrapping at the chart's width."""
        items: list[tuple[_Line | str, str]] = []
        for line in reversed(lines):  # the persona first, then people, then other maps
            if line.kind == "persona":
                items.append((line, "this map"))
            elif line.kind == "actor":
                items.append((line, names[int(line.key.split("-")[1])]))
            else:
                items.append((line, f"{line.series.role}: {line.series.journey.title}"))
        if any(step.moment_of_truth for step in self.journey.steps):
            items.append(("star", "moment of truth"))
        lo, hi = self.journey.emotion_scale
        items.append(("neutral", f"neutral ({score_text((lo + hi) / 2, False)})"))
        if None in lines[-1].series.scores:
            items.append(("gap", "no point: step not scored (a gap, not a zero)"))
        x, y = MARGIN, self.bottom + 4
        room = self.width - 2 * MARGIN
        for key, words in items:
            text = fitted(words, min(room - 44, 420), SMALLEST, 1)[0]
            size = 44 + width(text, SMALLEST)
            if x > MARGIN and x + size > MARGIN + room:
                x, y = MARGIN, y + 22
            self._key(key, x, y + 11)
            self.canvas.text(x + 36, y + 15, text)
            x += size + 16
        self.bottom = y + 22 + MARGIN

    def _key(self, key: _Line | str, x: float, y: float) -> None:
        if key == "star":
            where = f"translate({num(x + 14)} {num(y)}) scale(0.8)"
            self.canvas.add(
                "path", d=STAR, transform=where, fill=dot.STAR_FILL, stroke=dot.STAR_EDGE
            )
        elif key == "neutral":
            self.canvas.line(((x, y), (x + 28, y)), stroke=dot.LINE, stroke_dasharray="6 4")
        elif key == "gap":  # a line that stops and starts again
            self.canvas.line(((x, y), (x + 9, y)), stroke=dot.ACCENT, stroke_width=2.5)
            self.canvas.line(((x + 19, y), (x + 28, y)), stroke=dot.ACCENT, stroke_width=2.5)
        elif isinstance(key, _Line):
            dash = "6 4" if key.kind == "overlay" else None
            self.canvas.line(
                ((x, y), (x + 28, y)), stroke=key.colour, stroke_width=2.5, stroke_dasharray=dash
            )
            look: dict[str, str | float] = {
                "fill": key.fill,
                "stroke": key.colour,
                "stroke_width": 1.5,
            }
            if key.kind == "persona":
                self.canvas.add("circle", cx=x + 14, cy=y, r=5, **look)
            elif key.kind == "actor":
                self.canvas.add("rect", x=x + 9, y=y - 5, width=10, height=10, **look)
            else:
                self.canvas.add("polygon", points=diamond(x + 14, y, 6), **look)


def score_text(value: float, signed: bool) -> str:
    """A score as people write it: ``+2``, ``0``, ``-1.5`` (with a sign on scales below zero)."""
    text = str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0")
    return f"+{text}" if signed and value > 0 else text


def _alt(journey: Journey, own: Series, others: list[Series]) -> str:
    lo, hi = journey.emotion_scale
    signed = lo < 0
    steps = journey.steps
    names = [dot.shorten(step.name, 80) for step in steps]
    parts = [
        f"Emotion curve of the journey {dot.shorten(journey.title, 120)}, on a scale from "
        f"{score_text(lo, signed)} (most negative) to {score_text(hi, signed)} (most positive), "
        f"neutral at {score_text((lo + hi) / 2, signed)}; one point per step, left to right."
    ]
    scored = [
        f"{names[i]} {score_text(step.emotion.score, signed)}"
        + (f" ({dot.shorten(step.emotion.label, 40)})" if step.emotion.label else "")
        if step.emotion
        else f"{names[i]} not scored"
        for i, step in enumerate(steps)
    ]
    parts.append(f"Scores: {listing(scored, 40)}." if steps else "The journey has no steps yet.")
    values = [(score, i) for i, score in enumerate(own.scores) if score is not None]
    if values:
        low, high = min(values), max(values)
        parts.append(
            f"Lowest: {names[low[1]]} at {score_text(low[0], signed)}; "
            f"highest: {names[high[1]]} at {score_text(high[0], signed)}."
        )
    elif steps:
        parts.append("No step has an emotion score yet.")
    stars = [names[i] for i, step in enumerate(steps) if step.moment_of_truth]
    if stars:
        parts.append(f"Moments of truth (stars): {listing(stars)}.")
    for series in others:
        points = [
            f"{names[i]} {score_text(round(score, 2), signed)}"
            for i, score in enumerate(series.scores)
            if score is not None
        ]
        parts.append(
            f"Overlay, {series.role} {dot.shorten(series.journey.title, 120)}: "
            + (listing(points, 40) if points else "no matching scored steps")
            + "."
        )
    return " ".join(parts)
