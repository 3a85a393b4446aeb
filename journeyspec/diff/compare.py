"""Comparing two versions of one journey, part by part, matched by id."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Protocol, TypeVar

from journeyspec.diff.changes import Change, Part, moved, trend
from journeyspec.model import Journey, Kpi, Stage, Step


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


_I = TypeVar("_I", bound=_Identified)


def compare(old: Journey, new: Journey) -> list[Change]:
    """Every semantic change from ``old`` to ``new``, in a stable order."""
    changes = [
        *_journey(old, new),
        *_stages(old, new),
        *_steps(old, new),
        *_touchpoints(old, new),
        *_pain_points(old, new),
        *_opportunities(old, new),
        *_kpis(old, new),
    ]
    return sorted(changes, key=Change.sort_key)


def _by_id(items: Sequence[_I]) -> dict[str, _I]:
    return {item.id: item for item in items}


def _presence(part: Part, old: dict[str, Any], new: dict[str, Any], gone: str = "removed",
              label: str = "name") -> Iterator[Change]:  # fmt: skip
    for key in new.keys() - old.keys():
        yield Change(part, key, "added", name=getattr(new[key], label))
    for key in old.keys() - new.keys():
        yield Change(part, key, gone, name=getattr(old[key], label))


def _field(part: Part, key: str, change: str, old: Any, new: Any, name: str,
           **extra: Any) -> Iterator[Change]:  # fmt: skip
    if old != new:
        yield Change(part, key, change, old, new, name, **extra)


def _journey(old: Journey, new: Journey) -> Iterator[Change]:
    yield from _field("journey", new.id, "renamed", old.title, new.title, new.title)
    yield from _field("journey", new.id, "owner", old.owner, new.owner, new.title)
    yield from _field("journey", new.id, "status", old.status, new.status, new.title)


def _stages(old: Journey, new: Journey) -> Iterator[Change]:
    before, after = _by_id(old.stages), _by_id(new.stages)
    yield from _presence("stage", before, after)
    shifted = moved([s.id for s in old.stages], [s.id for s in new.stages])
    for key in sorted(before.keys() & after.keys()):
        a, b = before[key], after[key]
        if key in shifted:
            yield Change(
                "stage", key, "moved", _index(old.stages, key), _index(new.stages, key), b.name
            )
        yield from _field("stage", key, "renamed", a.name, b.name, b.name)
        yield from _field("stage", key, "owner", a.owner, b.owner, b.name)
        yield from _field(
            "stage", key, "touchpoints", list(a.touchpoints), list(b.touchpoints), b.name
        )


def _steps(old: Journey, new: Journey) -> Iterator[Change]:
    before, after = _by_id(old.steps), _by_id(new.steps)
    for key in after.keys() - before.keys():
        yield Change("step", key, "added", name=after[key].name, stage=after[key].stage)
    for key in before.keys() - after.keys():
        yield Change("step", key, "removed", name=before[key].name, stage=before[key].stage)
    shifted = _reordered(old, new)
    for key in sorted(before.keys() & after.keys()):
        a, b = before[key], after[key]
        if key in shifted or a.stage != b.stage:
            yield Change(
                "step", key, "moved", _place(old, a), _place(new, b), b.name, stage=b.stage
            )
        yield from _field("step", key, "renamed", a.name, b.name, b.name, stage=b.stage)
        yield from _field(
            "step",
            key,
            "touchpoints",
            list(a.touchpoints),
            list(b.touchpoints),
            b.name,
            stage=b.stage,
        )
        yield from _score(old, new, a, b)


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


def _score(old: Journey, new: Journey, a: Step, b: Step) -> Iterator[Change]:
    low = a.emotion.score if a.emotion else None
    high = b.emotion.score if b.emotion else None
    if low != high:
        # A score on a different scale is not comparable: no trend then.
        comparable = old.emotion_scale == new.emotion_scale
        yield Change("step", b.id, "score", low, high, b.name,
                     trend(low, high, True if comparable else None), b.stage)  # fmt: skip


def _touchpoints(old: Journey, new: Journey) -> Iterator[Change]:
    before, after = _by_id(old.touchpoints), _by_id(new.touchpoints)
    yield from _presence("touchpoint", before, after)
    for key in sorted(before.keys() & after.keys()):
        a, b = before[key], after[key]
        yield from _field("touchpoint", key, "renamed", a.name, b.name, b.name)
        yield from _field("touchpoint", key, "owner", a.owner, b.owner, b.name)
        yield from _field("touchpoint", key, "channel", a.channel, b.channel, b.name)


def _pain_points(old: Journey, new: Journey) -> Iterator[Change]:
    before, after = _by_id(old.pain_points), _by_id(new.pain_points)
    yield from _presence("pain-point", before, after, gone="resolved", label="title")
    for key in sorted(before.keys() & after.keys()):
        a, b = before[key], after[key]
        yield from _field("pain-point", key, "severity", a.severity, b.severity, b.title)


def _opportunities(old: Journey, new: Journey) -> Iterator[Change]:
    before, after = _by_id(old.opportunities), _by_id(new.opportunities)
    yield from _presence("opportunity", before, after, label="title")
    for key in sorted(before.keys() & after.keys()):
        a, b = before[key], after[key]
        yield from _field("opportunity", key, "status", a.status, b.status, b.title)
        yield from _field("opportunity", key, "owner", a.owner, b.owner, b.title)


def _kpis(old: Journey, new: Journey) -> Iterator[Change]:
    before, after = _by_id(old.kpis), _by_id(new.kpis)
    yield from _presence("kpi", before, after)
    for key in sorted(before.keys() & after.keys()):
        a, b = before[key], after[key]
        better = _higher_is_better(b)
        yield from _field("kpi", key, "baseline", a.baseline, b.baseline, b.name,
                          trend=trend(a.baseline, b.baseline, better))  # fmt: skip
        yield from _field("kpi", key, "target", a.target, b.target, b.name)


def _higher_is_better(kpi: Kpi) -> bool | None:
    if kpi.direction is not None:
        return kpi.direction == "increase"
    if kpi.baseline is not None and kpi.target is not None and kpi.baseline != kpi.target:
        return kpi.target > kpi.baseline
    return None


def _index(stages: Sequence[Stage], key: str) -> int:
    return next(i for i, s in enumerate(stages, 1) if s.id == key)


def _place(journey: Journey, step: Step) -> dict[str, Any]:
    stage = next(s for s in journey.stages if s.id == step.stage)
    return {
        "stage": step.stage,
        "position": next(i for i, s in enumerate(stage.steps, 1) if s.id == step.id),
    }
