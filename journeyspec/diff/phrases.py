"""Words for change items, shared by the text and Markdown renderers (``code`` marks ids)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from journeyspec.diff.changes import Change

PART_NAMES = {
    "journey": "journey", "stage": "stage", "step": "step", "touchpoint": "touchpoint",
    "pain-point": "pain point", "opportunity": "opportunity", "kpi": "KPI",
}  # fmt: skip
Code = Callable[[str], str]


def number(value: float | None) -> str:
    if value is None:
        return "none"
    shown = f"{value:g}"
    return f"+{shown}" if value > 0 else shown


def plain(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, float | int) and not isinstance(value, bool):
        return f"{value:g}"
    return str(value)


def place(value: dict[str, Any], code: Code) -> str:
    return f"{code(value['stage'])} #{value['position']}"


def describe(change: Change, code: Code, quote: Callable[[str], str]) -> str:
    """One line saying what happened, e.g. ``step `pay` emotion: -1 → +1 (better)``."""
    what = f"{PART_NAMES[change.part]} {code(change.id)}"
    named = f"{what} {quote(change.name)}" if change.name else what
    kind = change.change
    if kind in ("added", "removed", "resolved"):
        where = f" in stage {code(change.stage)}" if change.stage else ""
        return f"{kind} {named}{where}"
    if kind == "moved":
        if change.part == "stage":
            return f"moved {named} from position {change.old} to {change.new}"
        return f"moved {named} from {place(change.old, code)} to {place(change.new, code)}"
    if kind == "renamed":
        title = "retitled" if change.part == "journey" else "renamed"
        return f"{title} {what}: {quote(change.old)} → {quote(change.new)}"
    if kind == "touchpoints":
        added = [t for t in change.new if t not in change.old]
        removed = [t for t in change.old if t not in change.new]
        parts = [f"+{code(t)}" for t in added] + [f"−{code(t)}" for t in removed]
        return f"{named} touchpoints: {', '.join(parts) or 'reordered'}"
    if kind == "score":
        trend = f" ({change.trend})" if change.trend else ""
        return f"{named} emotion: {number(change.old)} → {number(change.new)}{trend}"
    # owner, channel, severity, status, baseline, target: "<part> <field>: old → new".
    trend = f" ({change.trend})" if change.trend else ""
    old, new = _value(change.old, kind, code), _value(change.new, kind, code)
    return f"{named} {kind}: {old} → {new}{trend}"


def _value(value: Any, kind: str, code: Code) -> str:
    if value is None:
        return "none"
    if kind in ("owner", "channel"):
        return code(str(value))
    return plain(value)


def mark(change: Change) -> str:
    return {"added": "+", "removed": "-", "resolved": "-"}.get(change.change, "~")
