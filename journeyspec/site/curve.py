"""The emotion curve as a lane of the journey grid: one inline SVG per step column.

Each cell draws its own point at the column's centre (``x="50%"``) and the halves of the
segments towards its neighbours, meeting them half-way at the cell's edge; so the curve
keeps the columns' widths whatever they are (compact, full, a phone's strip). Scores are
pixels from the top of a fixed-height lane. A gap (no score, another person's step, an
empty stage) breaks the line. The persona, every other person (``actor``) and each related
map (a future state, dashed) are separate series, never averaged into one another.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from journeyspec.diagrams.canvas import STAR
from journeyspec.diagrams.emotion import score_text
from journeyspec.diagrams.geometry import Plot
from journeyspec.diagrams.series import Series, actor_series, own_series, related_series
from journeyspec.model import Journey, Portfolio, Step

HEIGHT = 100  # px of the lane's drawing
PAD = 12  # px kept free above the highest and below the lowest score
MARKERS = {
    "persona": '<circle class="jsp-pt" r="5"/>',
    "actor": '<rect class="jsp-pt" x="-5" y="-5" width="10" height="10"/>',
    "overlay": '<path class="jsp-pt" d="M0,-6 6,0 0,6 -6,0Z"/>',
}


@dataclass(frozen=True)
class Line:
    """One person's or map's scores, one per grid column (``None`` is a gap)."""

    key: str  # a CSS class suffix: persona, actor-0, overlay-0 ...
    kind: str  # persona, actor, overlay
    name: str  # for the legend
    scores: tuple[float | None, ...]


@dataclass(frozen=True)
class Curve:
    lines: tuple[Line, ...]
    cells: tuple[Markup, ...]  # one SVG per grid column
    words: tuple[str, ...]  # each column's score in words, under its point
    strip: Markup  # the whole curve as one small drawing (phones)

    def __bool__(self) -> bool:
        return any(s is not None for line in self.lines for s in line.scores)

    @staticmethod
    def marker(kind: str) -> Markup:
        """The legend's marker of a series kind (persona, actor, overlay)."""
        return Markup(MARKERS[kind])


def _drawing_order(line: Line) -> int:
    """Overlays first, then the other people, the persona on top."""
    return ("overlay", "actor", "persona").index(line.kind)


def _per_column(
    series: Series, steps: tuple[Step | None, ...], journey: Journey
) -> tuple[float | None, ...]:
    """Scores by grid column: a column without a step (an empty stage) is a gap."""
    index = {step.id: i for i, step in enumerate(journey.steps)}
    return tuple(None if s is None else series.scores[index[s.id]] for s in steps)


def journey_curve(
    journey: Journey,
    portfolio: Portfolio,
    steps: tuple[Step | None, ...],
    persona_name: str,
) -> Curve:
    """The curve of ``journey`` over the grid's columns (``steps``, None for a placeholder)."""
    lines = [
        Line("persona", "persona", persona_name, _per_column(own_series(journey), steps, journey))
    ]
    for k, (actor, series) in enumerate(actor_series(journey)):
        person = portfolio.personas.get(actor)
        name = person.name if person else actor
        lines.append(Line(f"actor-{k}", "actor", name, _per_column(series, steps, journey)))
    for k, series in enumerate(related_series(journey, portfolio)):
        name = f"{series.role}: {series.journey.title}"
        lines.append(Line(f"overlay-{k}", "overlay", name, _per_column(series, steps, journey)))
    scale = journey.emotion_scale
    stars = tuple(bool(s and s.moment_of_truth) for s in steps)
    cells = tuple(_cell(i, lines, stars[i], scale) for i in range(len(steps)))
    names = {line.key: line.name for line in lines}
    actors = {actor: f"actor-{k}" for k, (actor, _) in enumerate(actor_series(journey))}
    words = tuple(_words(s, scale, names, actors) for s in steps)
    return Curve(tuple(lines), cells, words, _strip(lines, stars, scale))


STRIP = 40  # units per column of the phone strip


def _plot(scale: tuple[int, int]) -> Plot:
    return Plot(scale, 0, HEIGHT, PAD, 0, STRIP)


def _y(score: float, scale: tuple[int, int]) -> float:
    return round(_plot(scale).y(score), 1)


def _cell(i: int, lines: list[Line], star: bool, scale: tuple[int, int]) -> Markup:
    neutral = _y(_plot(scale).middle, scale)
    parts = [
        f'<svg class="jsp-curve" width="100%" height="{HEIGHT}" aria-hidden="true" '
        f'focusable="false" data-col="{i}">',
        f'<line class="jsp-neutral" x1="0" x2="100%" y1="{neutral}" y2="{neutral}"/>',
    ]
    for line in sorted(lines, key=_drawing_order):
        score = line.scores[i]
        if score is None:
            continue
        y = _y(score, scale)
        group = f'<g class="jsp-series jsp-series-{line.key} jsp-{line.kind}">'
        parts.append(group)
        for j, edge in ((i - 1, "0"), (i + 1, "100%")):
            other = line.scores[j] if 0 <= j < len(line.scores) else None
            if other is not None:
                middle = round((y + _y(other, scale)) / 2, 1)
                parts.append(f'<line x1="{edge}" y1="{middle}" x2="50%" y2="{y}"/>')
        marker = MARKERS[line.kind]
        if star and line.kind == "persona":
            marker = f'<path class="jsp-pt jsp-star" d="{STAR}"/>'
        parts.append(f'<svg x="50%" y="{y}" overflow="visible">{marker}</svg></g>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _strip(lines: list[Line], stars: tuple[bool, ...], scale: tuple[int, int]) -> Markup:
    """The whole curve in one scalable drawing, 40 units per column."""
    plot = _plot(scale)
    width = max(len(stars), 1) * STRIP
    neutral = _y(plot.middle, scale)
    parts = [
        f'<svg class="jsp-curve-strip" viewBox="0 0 {width} {HEIGHT}" '
        f'preserveAspectRatio="none" aria-hidden="true" focusable="false">',
        f'<line class="jsp-neutral" x1="0" x2="{width}" y1="{neutral}" y2="{neutral}" '
        'vector-effect="non-scaling-stroke"/>',
    ]
    for line in sorted(lines, key=_drawing_order):
        parts.append(f'<g class="jsp-series jsp-series-{line.key} jsp-{line.kind}">')
        for run in plot.runs(line.scores):
            points = [f"{x:g},{round(y, 1)}" for _, (x, y) in run]
            if len(points) > 1:
                parts.append(
                    f'<polyline points="{" ".join(points)}" vector-effect="non-scaling-stroke"/>'
                )
            else:
                x, y = points[0].split(",")
                parts.append(
                    f'<line x1="{x}" y1="{y}" x2="{x}" y2="{y}" class="jsp-dot" '
                    'vector-effect="non-scaling-stroke"/>'
                )
        parts.append("</g>")
    parts.append("</svg>")
    return Markup("".join(parts))


def _words(
    step: Step | None, scale: tuple[int, int], names: dict[str, str], actors: dict[str, str]
) -> str:
    """A column's words under the curve: the score, after whose it is when an actor's; ""
    for a step nobody scored (an actor's unscored step names no one)."""
    said = score_words(step, scale) if step is not None else ""
    if not said or step is None or not step.actor:
        return said
    return f"{names[actors[step.actor]]}: {said}"


def score_words(step: Step, scale: tuple[int, int]) -> str:
    """A step's score as the grid prints it under the curve: ``-1 anxious``."""
    if step.emotion is None:
        return ""
    words = score_text(step.emotion.score, scale[0] < 0)
    return f"{words} {step.emotion.label}" if step.emotion.label else words
