"""Change items: one value per semantic difference between two versions of a journey.

Every item names the ``part`` that changed (journey, stage, step, touchpoint, pain-point,
opportunity, kpi, evidence; persona, team, channel, shared-touchpoint, study, theme), its
``id``, the ``change`` and the ``old`` and ``new`` values. A change is ``added``,
``removed``, ``resolved`` (a pain point), ``moved``, ``renamed`` (name or title), ``score``
(a step's emotion score), ``quick-win`` (an opportunity becoming one or no longer one:
``old``/``new`` are booleans), or the name of the field that changed, as the format spells
it (``owner``, ``next``, ``moment_of_truth``, ``thinks``, ``impact``, ``current``...;
``scope.focus``, ``lanes.backstage``, ``emotion.label`` for the fields of a field). Values
are JSON data: lists for lists, ``YYYY-MM-DD`` for dates, ``{value, date}`` for a KPI
measurement. ``trend`` is ``better``/``worse`` for scores, KPI baselines and current values
when the direction is known.
``stage`` is the stage a step is in (the new one; the old one when removed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

Part = Literal[
    "journey", "stage", "step", "touchpoint", "pain-point", "opportunity", "kpi", "evidence",
    "persona", "team", "channel", "shared-touchpoint", "study", "theme",
]  # fmt: skip
Trend = Literal["better", "worse"]

# The order items are listed in: by part, then by kind of change.
PART_ORDER: tuple[Part, ...] = (
    "journey", "stage", "step", "touchpoint", "pain-point", "opportunity", "kpi", "evidence",
    "persona", "team", "channel", "shared-touchpoint", "study", "theme",
)  # fmt: skip
# Then the changes of other fields, by field name.
CHANGE_ORDER = (
    "added", "removed", "resolved", "moved", "renamed", "owner", "channel", "touchpoints",
    "score", "severity", "status", "quick-win", "baseline", "target",
)  # fmt: skip


@dataclass(frozen=True)
class Change:
    part: Part
    id: str
    change: str
    old: Any = None
    new: Any = None
    name: str = ""
    trend: Trend | None = None
    stage: str | None = None

    def sort_key(self) -> tuple[int, int, str, str]:
        known = self.change in CHANGE_ORDER
        order = CHANGE_ORDER.index(self.change) if known else len(CHANGE_ORDER)
        return (PART_ORDER.index(self.part), order, "" if known else self.change, self.id)


def moved(old: Sequence[str], new: Sequence[str]) -> set[str]:
    """Ids present in both orders that changed place: those outside a longest common
    subsequence, so moving one item reports that item, not everything it jumped over."""
    common = set(old) & set(new)
    a = [x for x in old if x in common]
    b = [x for x in new if x in common]
    lengths = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            lengths[i][j] = (
                lengths[i + 1][j + 1] + 1
                if a[i] == b[j]
                else max(lengths[i + 1][j], lengths[i][j + 1])
            )
    kept: set[str] = set()
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            kept.add(a[i])
            i, j = i + 1, j + 1
        elif lengths[i + 1][j] >= lengths[i][j + 1]:
            i += 1
        else:
            j += 1
    return common - kept


def trend(old: float | None, new: float | None, higher_is_better: bool | None) -> Trend | None:
    if old is None or new is None or old == new or higher_is_better is None:
        return None
    return "better" if (new > old) == higher_is_better else "worse"
