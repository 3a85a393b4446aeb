"""Comparing two versions of one journey (or of the personas and registries), part by part,
matched by id.

Every field of every part is compared: a field the format gains is reported without a
change here. Fields with their own wording (a new name is "renamed", an emotion score has
a trend, a KPI baseline too) are special cases of one loop over the model's fields;
``NOT_COMPARED`` names the few model fields left out, and why.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any, Protocol, TypeVar

from journeyspec.diff.changes import Change, Part, moved, trend
from journeyspec.model import Journey, Opportunity, Portfolio, Stage, Step


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


_I = TypeVar("_I", bound=_Identified)

# The containers of a journey: compared item by item, as parts.
_PARTS = ("stages", "touchpoints", "pain_points", "opportunities", "kpis", "evidence")
# Not fields of what a part says: its id (items are matched by it: a new id is an added
# item and a removed one), and where it is written (its file, its JSON pointer).
# ``shared_touchpoints``: a journey's view of the registry, whose changes are reported once.
_SKIPPED = {"id", "pointer", "path", "shared_touchpoints"}


def compare(old: Journey, new: Journey) -> list[Change]:
    """Every semantic change from ``old`` to ``new``, in a stable order."""
    changes = [
        *_fields("journey", new.id, old, new, new.title, skip=_PARTS),
        *_stages(old, new),
        *_steps(old, new),
        *_items("touchpoint", old.touchpoints, new.touchpoints),
        *_items("pain-point", old.pain_points, new.pain_points, gone="resolved"),
        *_opportunities(old, new),
        *_kpis(old, new),
        *_evidence("evidence", old.evidence, new.evidence),
    ]
    return sorted(changes, key=Change.sort_key)


def compare_registry(old: Portfolio, new: Portfolio) -> list[Change]:
    """Every change to the personas, teams and channels, in a stable order."""
    changes = [
        *_items("persona", tuple(old.personas.values()), tuple(new.personas.values())),
        *_items("team", tuple(old.teams.values()), tuple(new.teams.values())),
        *_items("channel", tuple(old.channels.values()), tuple(new.channels.values())),
        *_items(
            "shared-touchpoint", tuple(old.touchpoints.values()), tuple(new.touchpoints.values())
        ),
        *_items("study", tuple(old.studies.values()), tuple(new.studies.values())),
        *_items("theme", tuple(old.themes.values()), tuple(new.themes.values())),
    ]
    return sorted(changes, key=Change.sort_key)


def _by_id(items: Sequence[_I]) -> dict[str, _I]:
    return {item.id: item for item in items}


def _name(item: Any) -> str:
    return str(getattr(item, "name", None) or getattr(item, "title", None) or "")


def _items(
    part: Part, old: Sequence[_I], new: Sequence[_I], gone: str = "removed"
) -> Iterator[Change]:
    """Items added, removed (or ``gone``) and changed field by field, matched by id."""
    before, after = _by_id(old), _by_id(new)
    for key in after.keys() - before.keys():
        yield Change(part, key, "added", name=_name(after[key]))
    for key in before.keys() - after.keys():
        yield Change(part, key, gone, name=_name(before[key]))
    for key in sorted(before.keys() & after.keys()):
        yield from _fields(part, key, before[key], after[key], _name(after[key]))


def _fields(
    part: Part,
    key: str,
    a: Any,
    b: Any,
    name: str,
    *,
    stage: str | None = None,
    skip: Sequence[str] = (),
) -> Iterator[Change]:
    """A change for each field of ``a`` and ``b`` (the same kind of part) that differs."""
    for field in dataclasses.fields(a):
        if field.name in _SKIPPED or field.name in skip:
            continue
        old, new = getattr(a, field.name), getattr(b, field.name)
        if field.name == "emotion":
            yield from _emotion(part, key, old, new, name, stage)
        elif field.name in ("scope", "lanes"):
            for inner in dataclasses.fields(old):  # scope, lanes: one change per sub-field
                if inner.name == "own":  # the project's own lanes: one change per lane
                    own = (getattr(old, "own"), getattr(new, "own"))  # noqa: B009
                    yield from _own_lanes(part, key, *own, name, stage)
                    continue
                kind = f"{field.name}.{inner.name}"
                yield from _field(part, key, kind, getattr(old, inner.name),
                                  getattr(new, inner.name), name, stage=stage)  # fmt: skip
        else:
            kind = "renamed" if field.name in ("name", "title") else field.name
            yield from _field(part, key, kind, old, new, name, stage=stage)


def _own_lanes(
    part: Part,
    key: str,
    old: Sequence[tuple[str, Any]],
    new: Sequence[tuple[str, Any]],
    name: str,
    stage: str | None,
) -> Iterator[Change]:
    """``lanes.ID`` for each of the project's lanes whose value a step changed (None: the
    lane was empty on that side)."""
    before, after = dict(old), dict(new)
    for lane in dict.fromkeys([*before, *after]):
        yield from _field(part, key, f"lanes.{lane}", before.get(lane), after.get(lane), name,
                          stage=stage)  # fmt: skip


def _field(part: Part, key: str, change: str, old: Any, new: Any, name: str,
           **extra: Any) -> Iterator[Change]:  # fmt: skip
    if old != new:
        yield Change(part, key, change, _plain(old), _plain(new), name, **extra)


def _plain(value: Any) -> Any:
    """A model value as JSON-ready data, without where it is written."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in _SKIPPED
        }
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _stages(old: Journey, new: Journey) -> Iterator[Change]:
    before, after = _by_id(old.stages), _by_id(new.stages)
    for key in after.keys() - before.keys():
        yield Change("stage", key, "added", name=after[key].name)
    for key in before.keys() - after.keys():
        yield Change("stage", key, "removed", name=before[key].name)
    shifted = moved([s.id for s in old.stages], [s.id for s in new.stages])
    for key in sorted(before.keys() & after.keys()):
        a, b = before[key], after[key]
        if key in shifted:
            yield Change(
                "stage", key, "moved", _index(old.stages, key), _index(new.stages, key), b.name
            )
        yield from _fields("stage", key, a, b, b.name, skip=("steps",))


def _steps(old: Journey, new: Journey) -> Iterator[Change]:
    before, after = _by_id(old.steps), _by_id(new.steps)
    for key in after.keys() - before.keys():
        yield Change("step", key, "added", name=after[key].name, stage=after[key].stage)
    for key in before.keys() - after.keys():
        yield Change("step", key, "removed", name=before[key].name, stage=before[key].stage)
    shifted = _reordered(old, new)
    comparable = old.emotion_scale == new.emotion_scale
    for key in sorted(before.keys() & after.keys()):
        a, b = before[key], after[key]
        if key in shifted or a.stage != b.stage:
            yield Change(
                "step", key, "moved", _place(old, a), _place(new, b), b.name, stage=b.stage
            )
        for change in _fields("step", key, a, b, b.name, stage=b.stage, skip=("stage",)):
            if change.change == "score" and not comparable:
                # A score on a different scale is not comparable: no trend then.
                change = dataclasses.replace(change, trend=None)
            yield change


def _reordered(old: Journey, new: Journey) -> set[str]:
    """Steps that changed place among the steps staying in the same stage (moving a whole
    stage, or a step to another stage, does not make its neighbours "moved")."""
    shifted: set[str] = set()
    new_stages = _by_id(new.stages)
    for stage in old.stages:
        if stage.id not in new_stages:
            continue
        kept = {s.id for s in stage.steps} & {s.id for s in new_stages[stage.id].steps}
        shifted |= moved(
            [s.id for s in stage.steps if s.id in kept],
            [s.id for s in new_stages[stage.id].steps if s.id in kept],
        )
    return shifted


def _emotion(
    part: Part, key: str, a: Any, b: Any, name: str, stage: str | None
) -> Iterator[Change]:
    """A step's emotion: the score (with its trend), then label, note and evidence."""
    low, high = (a.score if a else None), (b.score if b else None)
    if low != high:
        yield Change(part, key, "score", low, high, name, trend(low, high, True), stage)
    for inner in ("label", "note", "evidence"):
        old = getattr(a, inner) if a else (() if inner == "evidence" else None)
        new = getattr(b, inner) if b else (() if inner == "evidence" else None)
        yield from _field(part, key, f"emotion.{inner}", old, new, name, stage=stage)


def _opportunities(old: Journey, new: Journey) -> Iterator[Change]:
    yield from _items("opportunity", old.opportunities, new.opportunities)
    before, after = _by_id(old.opportunities), _by_id(new.opportunities)
    for key in sorted(before.keys() & after.keys()):
        a, b = before[key], after[key]
        yield from _quick_win(a, b)


def _quick_win(a: Opportunity, b: Opportunity) -> Iterator[Change]:
    """Impact and effort together make a quick win (high impact, low effort): say when an
    opportunity becomes one or stops being one, not only that two ratings changed."""
    if a.quick_win != b.quick_win:
        yield Change("opportunity", b.id, "quick-win", a.quick_win, b.quick_win, b.title)


def _kpis(old: Journey, new: Journey) -> Iterator[Change]:
    for change in _items("kpi", old.kpis, new.kpis):
        if change.change in ("baseline", "current"):
            direction = next(k for k in new.kpis if k.id == change.id).better
            better = None if direction is None else direction == "increase"
            low, high = (_value_of(v) for v in (change.old, change.new))
            change = dataclasses.replace(change, trend=trend(low, high, better))
        yield change


def _evidence(part: Part, old: Sequence[Any], new: Sequence[Any]) -> Iterator[Change]:
    """Evidence items, matched by id (by title when they have none)."""
    before = {e.id or e.title: e for e in old}
    after = {e.id or e.title: e for e in new}
    for key in after.keys() - before.keys():
        yield Change(part, key, "added", name=after[key].title)
    for key in before.keys() - after.keys():
        yield Change(part, key, "removed", name=before[key].title)
    for key in sorted(before.keys() & after.keys()):
        yield from _fields(part, key, before[key], after[key], after[key].title)


def _value_of(value: Any) -> Any:
    """A baseline, or the value of a measurement (``current``)."""
    return value.get("value") if isinstance(value, dict) else value


def _index(stages: Sequence[Stage], key: str) -> int:
    return next(i for i, s in enumerate(stages, 1) if s.id == key)


def _place(journey: Journey, step: Step) -> dict[str, Any]:
    stage = next(s for s in journey.stages if s.id == step.stage)
    return {
        "stage": step.stage,
        "position": next(i for i, s in enumerate(stage.steps, 1) if s.id == step.id),
    }
