"""Sparklines: a KPI's measurements as a small inline SVG, drawn by our own code."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from journeyspec.model import Kpi

WIDTH, HEIGHT, PAD = 120, 28, 3


def sparkline(kpi: Kpi) -> Markup:
    """The KPI's series as a line (with its target dashed when it has one); empty Markup
    when fewer than two measurements exist. Numbers are rounded to two decimals, so the
    same series always gives the same bytes."""
    points = kpi.measurements
    if len(points) < 2:
        return Markup("")
    values = [m.value for m in points]
    scale = [*values, kpi.target] if kpi.target is not None else values
    low, high = min(scale), max(scale)
    span = (high - low) or 1.0

    def y(value: float) -> float:
        return HEIGHT - PAD - (value - low) / span * (HEIGHT - 2 * PAD)

    step = (WIDTH - 2 * PAD) / (len(values) - 1)
    coords = [(PAD + i * step, y(v)) for i, v in enumerate(values)]
    unit = f" {kpi.unit}" if kpi.unit else ""
    label = ", ".join(f"{m.value:g}{unit} on {m.date.isoformat()}" for m in points)
    parts = [
        f'<svg class="jsp-spark" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" '
        f'height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(kpi.name)}: {escape(label)}">',
        f"<title>{escape(label)}</title>",
    ]
    if kpi.target is not None:
        t = _n(y(kpi.target))
        parts.append(
            f'<line class="jsp-spark-target" x1="0" y1="{t}" x2="{WIDTH}" y2="{t}" '
            'stroke="currentColor" stroke-opacity="0.45" stroke-dasharray="3 2"/>'
        )
    parts.append(
        '<polyline fill="none" stroke="currentColor" stroke-width="1.5" '
        f'points="{_pairs(coords)}"/>'
    )
    last_x, last_y = coords[-1]
    parts.append(f'<circle cx="{_n(last_x)}" cy="{_n(last_y)}" r="2.5" fill="currentColor"/>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _pairs(coords: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in coords)


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
