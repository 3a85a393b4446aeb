"""Words for change items, shared by the text and Markdown renderers (``code`` marks ids)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from journeyspec.diff.changes import Change
from journeyspec.wording import clip

PART_NAMES = {
    "journey": "journey", "stage": "stage", "step": "step", "touchpoint": "touchpoint",
    "pain-point": "pain point", "opportunity": "opportunity", "kpi": "KPI",
    "evidence": "evidence", "persona": "persona", "team": "team", "channel": "channel",
    "shared-touchpoint": "shared touchpoint", "study": "study", "theme": "theme",
}  # fmt: skip
# Fields whose values are ids (shown as code); enum values are shown plain, text quoted.
_ENUMS = frozenset({"kind", "status", "severity", "impact", "effort", "direction", "phase", "type"})
IDS = frozenset({
    "owner", "channel", "persona", "actor", "current_state", "based_on", "step", "touchpoint",
    "stage", "touchpoints", "next", "tags", "addresses", "kpis", "evidence", "emotion.evidence",
    "preferred_channels", "themes", "research",
})  # fmt: skip
_TEXT_LIMIT = 80
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
    if kind == "score":
        trend = f" ({change.trend})" if change.trend else ""
        return f"{named} emotion: {number(change.old)} → {number(change.new)}{trend}"
    if kind == "quick-win":
        now = "is now a quick win" if change.new else "is no longer a quick win"
        return f"{named} {now} (high impact, low effort)"
    label = kind.replace("_", " ")
    if kind == "emotion_scale":  # [min, max], one value
        low, high = (f"{plain(v[0])}..{plain(v[1])}" for v in (change.old, change.new))
        return f"{named} {label}: {low} → {high}"
    if isinstance(change.old, list) or isinstance(change.new, list):
        # Lists: what was added and removed ("next: −`b`" is a branch taken away).
        old_items, new_items = change.old or [], change.new or []
        parts = [f"+{_value(i, kind, code, quote)}" for i in new_items if i not in old_items]
        parts += [f"−{_value(i, kind, code, quote)}" for i in old_items if i not in new_items]
        return f"{named} {label}: {', '.join(parts) or 'reordered'}"
    # "<part> <field>: old → new", e.g. owner, severity, moment of truth, baseline.
    trend = f" ({change.trend})" if change.trend else ""
    old = _value(change.old, kind, code, quote)
    new = _value(change.new, kind, code, quote)
    return f"{named} {label}: {old} → {new}{trend}"


def _value(value: Any, kind: str, code: Code, quote: Callable[[str], str]) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict) and "value" in value and "date" in value:  # a measurement
        return f"{plain(value['value'])} on {value['date']}"
    if isinstance(value, dict) and "journey" in value and "stage" in value:  # a parent
        return f"{code(str(value['journey']))} stage {code(str(value['stage']))}"
    if isinstance(value, dict):  # an item of a list: a gap, an actor, a link, evidence
        shown = value.get("id") or value.get("title") or value.get("role") or value.get("text")
        return code(str(shown)) if shown else quote(clip(str(value), _TEXT_LIMIT))
    if isinstance(value, list):  # a demographic (key, value) pair
        return quote(clip(": ".join(map(str, value)), _TEXT_LIMIT))
    if isinstance(value, str):
        if kind in IDS:
            return code(value)
        return value if kind in _ENUMS else quote(clip(value, _TEXT_LIMIT))
    return plain(value)


def mark(change: Change) -> str:
    return {"added": "+", "removed": "-", "resolved": "-"}.get(change.change, "~")
