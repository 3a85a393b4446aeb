"""The poster's text lanes, in order: a plain list, so more lanes can be added as data.

Each lane says what one step's cell holds, as entries of text with a tone (which colour
the writer gives them). A lane with no entry in any column is left off the poster. The
emotion curve and the stages' KPIs are drawn by the layout itself: the curve sits after
``thinks``, the KPIs close the grid. A lane may open with one of the service blueprint's
lines (interaction, visibility, internal interaction) drawn above it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from journeyspec.model import Portfolio
from journeyspec.site.grid import Column

Tone = Literal["text", "muted", "trivial", "workaround", "abandon", "opportunity"]
Entry = tuple[str, Tone]


@dataclass(frozen=True)
class Lane:
    key: str
    label: str
    entries: Callable[[Column, Portfolio], list[Entry]]
    line_above: str | None = None  # a blueprint line's name


SEVERITY_WORDS = {"trivial": "trivial", "workaround": "needs a workaround", "abandon": "abandons"}


def who(column: Column, portfolio: Portfolio) -> list[Entry]:
    actor = column.step.actor if column.step else None
    if not actor:
        return []
    persona = portfolio.personas.get(actor)
    return [(persona.name if persona else actor, "text")]


def _texts(values: tuple[str, ...] | list[str], tone: Tone = "text") -> list[Entry]:
    return [(value, tone) for value in values]


def _pains(column: Column, portfolio: Portfolio) -> list[Entry]:
    found: list[Entry] = []
    for pain in column.pains:
        severity = pain.severity or ""
        word = SEVERITY_WORDS.get(severity, severity)
        tone: Tone = severity if severity in SEVERITY_WORDS else "text"  # type: ignore[assignment]
        found.append((f"▲ {pain.title}" + (f" ({word})" if word else ""), tone))
    return found


def _opportunities(column: Column, portfolio: Portfolio) -> list[Entry]:
    found: list[Entry] = []
    for o in column.opportunities:
        rating = ", ".join(
            part
            for part in (
                f"impact {o.impact}" if o.impact else "",
                f"effort {o.effort}" if o.effort else "",
                "quick win" if o.quick_win else "",
            )
            if part
        )
        found.append((f"→ {o.title}" + (f" ({rating})" if rating else ""), "opportunity"))
    return found


def _feeling(column: Column, portfolio: Portfolio) -> list[Entry]:
    feeling = column.feeling
    if feeling is None:
        return [("not scored", "muted")] if column.step else []
    score = f"{feeling.score:+g}".replace("-", "−")
    return [(f"{score} {feeling.label}" if feeling.label else score, "text")]


def _step(attribute: str) -> Callable[[Column, Portfolio], list[Entry]]:
    def entries(column: Column, portfolio: Portfolio) -> list[Entry]:
        if column.step is None:
            return []
        value = getattr(column.step, attribute)
        if value is None:
            return []
        return _texts([value] if isinstance(value, str) else list(value))

    return entries


def _blueprint(lane: str) -> Callable[[Column, Portfolio], list[Entry]]:
    def entries(column: Column, portfolio: Portfolio) -> list[Entry]:
        return _texts(getattr(column.step.lanes, lane)) if column.step else []

    return entries


def _thinks(column: Column, portfolio: Portfolio) -> list[Entry]:
    return [(f"“{t}”", "text") for t in column.step.thinks] if column.step else []


def _touchpoints(column: Column, portfolio: Portfolio) -> list[Entry]:
    return [(f"{c.name} ({c.channel})" if c.channel else c.name, "text") for c in column.contacts]


def _gaps(column: Column, portfolio: Portfolio) -> list[Entry]:
    return [(f"Missing: {g.text}", "workaround") for g in column.step.gaps] if column.step else []


def _wait(column: Column, portfolio: Portfolio) -> list[Entry]:
    return [(column.step.wait_time, "muted")] if column.step and column.step.wait_time else []


CURVE_AFTER = "thinking"  # the emotion curve lane follows this lane

LANES: tuple[Lane, ...] = (
    Lane("actor", "Who", who),
    Lane("physical_evidence", "Physical evidence", _blueprint("physical_evidence")),
    Lane("doing", "Doing", _step("does")),
    Lane("thinking", "Thinking", _thinks),
    Lane("feeling", "Feeling", _feeling),
    Lane("touchpoints", "Touchpoints", _touchpoints),
    Lane("gaps", "Missing touchpoints", _gaps),
    Lane("frontstage", "Frontstage", _blueprint("frontstage"), "line of interaction"),
    Lane("backstage", "Backstage", _blueprint("backstage"), "line of visibility"),
    Lane("support", "Support processes", _blueprint("support"), "line of internal interaction"),
    Lane("wait_time", "Wait time", _wait),
    Lane("pain_points", "Pain points", _pains),
    Lane("opportunities", "Opportunities", _opportunities),
)
