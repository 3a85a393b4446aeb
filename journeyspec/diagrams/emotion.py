"""The emotion curve: a chart with pinned positions (neato), one point per scored step.

Unscored steps get no point and break the line (a gap is not a zero); moments of truth are
stars; future-state (or, on a future-state map, current-state) maps are overlaid.
"""

from __future__ import annotations

from journeyspec.diagrams import dot
from journeyspec.diagrams.diagram import Diagram, listing
from journeyspec.diagrams.series import Series, actor_series, own_series, related_series
from journeyspec.model import Journey, Portfolio

DX = 1.5  # inches between steps
HEIGHT = 3.0  # inches from the bottom to the top of the scale
LINE_HEIGHT = 0.16  # inches per 9-point text line
LABEL_HALF_WIDTH = 0.6  # inches: half of a score label such as "-2 frustrated"
OVERLAYS = (("#7c3aed", "#c4b5fd"), ("#0f766e", "#99d5cc"), ("#be185d", "#f5b3cf"))
ACTORS = (("#b45309", "#fcd34d"), ("#0369a1", "#7dd3fc"), ("#4d7c0f", "#bef264"))


def emotion_diagram(journey: Journey, portfolio: Portfolio) -> Diagram:
    """Plot the journey's emotion scores, with related maps' scores overlaid."""
    own = own_series(journey)
    others = related_series(journey, portfolio)
    people = actor_series(journey)
    chart = _Chart(journey)
    chart.axes()
    chart.stages()
    chart.steps([own, *(series for _, series in people), *others])
    for k, series in enumerate(others):  # drawn first, so this map's points stay on top
        colour, fill = OVERLAYS[k % len(OVERLAYS)]
        chart.line(series, f"q{k}_", colour, fill, solid=False)
    names: list[tuple[str, str]] = []
    for k, (actor, series) in enumerate(people):  # each person their own line
        colour, fill = ACTORS[k % len(ACTORS)]
        chart.line(series, f"a{k}_", colour, fill, solid=True, shape="box")
        persona = portfolio.personas.get(actor)
        names.append((colour, persona.name if persona else actor))
    chart.line(own, "p", dot.ACCENT, dot.ACCENT_FILL, solid=True)
    chart.legend(own, others, names)
    title = f"Emotion curve: {journey.title}"
    extra = {"layout": "neato", "splines": "line", "outputorder": "edgesfirst", "overlap": "true"}
    lines = dot.header("graph", f"emotion-{journey.id}", title, "", extra)
    lines += chart.lines
    lines.append("}")
    return Diagram("emotion", title, _alt(journey, own, others), "\n".join(lines) + "\n")


class _Chart:
    """Collects the chart's statements; positions are inches on a fixed grid."""

    def __init__(self, journey: Journey) -> None:
        self.journey = journey
        self.lo, self.hi = journey.emotion_scale
        if self.hi <= self.lo:  # a scale the linter rejects; still draw something sensible
            self.hi = self.lo + 1
        self.count = len(journey.steps)
        self.right = max(self.count - 1, 1) * DX + 0.5
        self.label_lines = 1
        self.lines: list[str] = []

    def y(self, score: float) -> float:
        clamped = min(max(score, self.lo), self.hi)
        return (clamped - self.lo) / (self.hi - self.lo) * HEIGHT

    def node(self, name: str, x: float, y: float, values: dict[str, str | dot.Html]) -> None:
        self.lines.append(f"  {name} {dot.attrs({'pos': f'{x:.3f},{y:.3f}!', **values})};")

    def rule(
        self, name: str, start: tuple[float, float], end: tuple[float, float], **look: str
    ) -> None:
        hidden: dict[str, str | dot.Html] = {"shape": "point", "width": "0.01", "style": "invis"}
        self.node(f"{name}a", *start, hidden)
        self.node(f"{name}b", *end, hidden)
        self.lines.append(f"  {name}a -- {name}b {dot.attrs(dict(look))};")

    def axes(self) -> None:
        span = self.hi - self.lo
        every = 1 if span <= 10 else -(-span // 5)
        neutral = (self.lo + self.hi) / 2
        for k, value in enumerate(range(self.lo, self.hi + 1, every)):
            y = self.y(value)
            if value != neutral:
                self.rule(f"g{k}", (-0.5, y), (self.right, y), color=dot.GRID)
            tick = dot.Html(dot.text(score_text(value, self.lo < 0)))
            self.node(f"t{k}", -0.85, y, _plain(tick, "10", dot.MUTED))
        y = self.y(neutral)
        self.rule("n", (-0.5, y), (self.right, y), color=dot.LINE, style="dashed", penwidth="1.3")
        self.node("nl", self.right + 0.45, y, _plain(dot.Html("neutral"), "9", dot.MUTED))
        if not self.count:
            self.node("none", self.right / 2, HEIGHT / 2, _plain(dot.Html("<I>no steps yet</I>")))

    def stages(self) -> None:
        first = 0
        for g, stage in enumerate(self.journey.stages):
            if not stage.steps:
                continue
            if first:
                x = (first - 0.5) * DX
                self.rule(f"d{g}", (x, -0.15), (x, HEIGHT + 0.8), color=dot.GRID)
            centre = (first + (len(stage.steps) - 1) / 2) * DX
            width = max(10, int(len(stage.steps) * DX * 10))
            name = dot.Html(f"<B>{dot.label(stage.name, width, 2)}</B>")
            self.node(f"h{g}", centre, HEIGHT + 0.6, _plain(name, "11"))
            first += len(stage.steps)

    def steps(self, lines: list[Series]) -> None:
        for i, step in enumerate(self.journey.steps):
            wrapped = dot.wrap(step.name, 18, 3)
            markup = "<BR/>".join(dot.text(line) for line in wrapped)
            if step.emotion is None:
                markup += f'<BR/><FONT COLOR="{dot.MUTED}"><I>not scored</I></FONT>'
                wrapped.append("")
            self.label_lines = max(self.label_lines, len(wrapped))
            y = -0.3 - len(wrapped) * LINE_HEIGHT / 2
            self.node(f"x{i}", i * DX, y, _plain(dot.Html(markup), "9"))
            if step.emotion:
                words = score_text(step.emotion.score, self.lo < 0)
                if step.emotion.label:
                    words += " " + dot.shorten(step.emotion.label, 14)
                value = _plain(dot.Html(dot.text(words)), "9")
                y = self.y(step.emotion.score)
                lift = 0.4 if step.moment_of_truth else 0.26
                above, below = self.rise(i, y, lines)
                if below < above and y - lift - below >= 0:  # clear of the step names
                    lift = -(lift + below)
                else:
                    lift += above
                self.node(f"v{i}", i * DX, y + lift, value)

    def rise(self, i: int, y: float, lines: list[Series]) -> tuple[float, float]:
        """How far the lines (and other maps' points) reach above and below point ``i``
        within half a label's width either side: the label goes where it needs to move
        least, clear of every line."""
        reach = min(LABEL_HALF_WIDTH, DX) / DX
        offsets = []
        for series in lines:
            here = series.scores[i]
            if here is None:
                continue
            at = self.y(here)
            offsets.append(at - y)
            for j in (i - 1, i + 1):
                if 0 <= j < len(series.scores) and (score := series.scores[j]) is not None:
                    offsets.append(at + (self.y(score) - at) * reach - y)
        return max([0.0, *offsets]), max([0.0, *(-o for o in offsets)])

    def line(
        self,
        series: Series,
        prefix: str,
        colour: str,
        fill: str,
        *,
        solid: bool,
        shape: str = "circle",
    ) -> None:
        steps = self.journey.steps
        for i, score in enumerate(series.scores):
            if score is None:
                continue
            marker: dict[str, str | dot.Html] = {
                "shape": shape if solid else "diamond",
                "width": "0.17" if solid else "0.24",
                "height": "0.17" if solid else "0.24",
                "fixedsize": "true",
                "label": "",
                "style": "filled",
                "fillcolor": fill,
                "color": colour,
                "penwidth": "1.5",
            }
            if solid and steps[i].moment_of_truth:
                marker |= {"shape": "star", "width": "0.42", "height": "0.4"}
                marker |= {"fillcolor": dot.STAR_FILL, "color": dot.STAR_EDGE}
            self.node(f"{prefix}{i}", i * DX, self.y(score), marker)
            if i and series.scores[i - 1] is not None:  # a gap before this point breaks the line
                style = {"color": colour, "penwidth": "2.5" if solid else "2"}
                if not solid:
                    style["style"] = "dashed"
                self.lines.append(f"  {prefix}{i - 1} -- {prefix}{i} {dot.attrs(style)};")

    def legend(self, own: Series, others: list[Series], people: list[tuple[str, str]]) -> None:
        items = [f'<FONT COLOR="{dot.ACCENT}">━●━</FONT>  this map']
        for colour, name in people:
            items.append(f'<FONT COLOR="{colour}">━■━</FONT>  {dot.label(name, 30, 1)}')
        for k, series in enumerate(others):
            colour = OVERLAYS[k % len(OVERLAYS)][0]
            name = dot.label(series.journey.title, 40, 1)
            items.append(f'<FONT COLOR="{colour}">- ◆ -</FONT>  {series.role}: {name}')
        if any(step.moment_of_truth for step in self.journey.steps):
            items.append(f'<FONT COLOR="{dot.STAR_EDGE}">★</FONT> moment of truth')
        items.append(f"- - - neutral ({score_text((self.lo + self.hi) / 2, False)})")
        if None in own.scores:
            items.append("no point: step not scored (a gap, not a zero)")
        rows = "".join(
            "<TR>" + "".join(f"<TD>{item}</TD>" for item in items[k : k + 3]) + "</TR>"
            for k in range(0, len(items), 3)
        )
        table = dot.Html(f'<TABLE BORDER="0" CELLSPACING="4">{rows}</TABLE>')
        y = -0.45 - self.label_lines * LINE_HEIGHT - 0.35 - (len(items) - 1) // 3 * 0.12
        self.node("legend", (self.right - 0.5) / 2, y, _plain(table, "10"))


def _plain(label: dot.Html, size: str = "10", colour: str = dot.INK) -> dict[str, str | dot.Html]:
    return {"shape": "plaintext", "label": label, "fontsize": size, "fontcolor": colour}


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
