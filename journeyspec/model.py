"""The journey model: typed, read-only views of validated files, each part knowing its pointer.

Built only from documents that passed the schema, so fields have the declared types.
Optional text is ``None`` when absent; lists are tuples (empty when absent).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from journeyspec.phases import BUILT_IN, PhaseSets, set_of
from journeyspec.sourcemap import join

DEFAULT_KIND = "current-state"  # a journey's kind when its file names none


def _t(data: dict[str, Any], key: str) -> tuple[Any, ...]:
    return tuple(data.get(key) or ())


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@dataclass(frozen=True, slots=True)
class Emotion:
    score: float
    label: str | None
    note: str | None
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Gap:
    id: str
    text: str
    pointer: str


# What a step writes in one of the project's own lanes (journeyspec.lanes): one text, a list
# of texts or a score, as the lane's declared kind says.
LaneValue = str | float | tuple[str, ...]
BLUEPRINT_LANES = ("physical_evidence", "frontstage", "backstage", "support")


@dataclass(frozen=True, slots=True)
class Lanes:
    """A step's lanes: the service blueprint's, and ``own``: the project's declared lanes
    the step fills, by id, in the order written. Truthy when a blueprint lane is filled."""

    physical_evidence: tuple[str, ...]
    frontstage: tuple[str, ...]
    backstage: tuple[str, ...]
    support: tuple[str, ...]
    own: tuple[tuple[str, LaneValue], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.physical_evidence or self.frontstage or self.backstage or self.support)

    def value(self, lane: str) -> LaneValue | None:
        """What the step writes in the project's lane ``lane``; None when nothing."""
        return next((value for key, value in self.own if key == lane), None)


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    name: str
    stage: str
    does: str | None
    thinks: tuple[str, ...]
    emotion: Emotion | None
    motivation: str | None
    actor: str | None
    touchpoints: tuple[str, ...]
    moment_of_truth: bool
    next: tuple[str, ...]
    gaps: tuple[Gap, ...]
    lanes: Lanes
    wait_time: str | None
    pointer: str
    # True when the file says ``next: []``: the journey ends at this step (a drop-off),
    # where a step with no ``next`` at all is followed by the next step in the file.
    ends: bool = False
    # For each of ``thinks``, the touchpoints the file says answer it (``answered_by``).
    answered_by: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class Stage:
    id: str
    name: str
    description: str | None
    phase: str | None
    owner: str | None
    handoff: str | None
    touchpoints: tuple[str, ...]
    steps: tuple[Step, ...]
    pointer: str

    def all_touchpoints(self) -> tuple[str, ...]:
        """The stage's own touchpoints and its steps', each once, in order of appearance."""
        seen = dict.fromkeys(self.touchpoints)
        for step in self.steps:
            seen.update(dict.fromkeys(step.touchpoints))
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Touchpoint:
    id: str
    name: str
    channel: str | None
    owner: str | None
    description: str | None
    link: str | None
    pointer: str
    # Where it is defined: "" in the journey itself, else the shared touchpoints registry.
    path: str = ""


@dataclass(frozen=True, slots=True)
class PainPoint:
    id: str
    title: str
    description: str | None
    step: str | None
    touchpoint: str | None
    severity: str | None
    evidence: tuple[str, ...]
    kpis: tuple[str, ...]
    pointer: str
    themes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Opportunity:
    id: str
    title: str
    description: str | None
    addresses: tuple[str, ...]
    impact: str | None
    effort: str | None
    owner: str | None
    due: dt.date | None
    status: str
    kpis: tuple[str, ...]
    link: str | None
    pointer: str
    themes: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()

    @property
    def quick_win(self) -> bool:
        return self.impact == "high" and self.effort == "low"


@dataclass(frozen=True, slots=True)
class Kpi:
    id: str
    name: str
    description: str | None
    stage: str | None
    unit: str | None
    baseline: float | None
    target: float | None
    direction: str | None
    source: str | None
    owner: str | None
    pointer: str
    evidence: tuple[str, ...] = ()
    current: Measurement | None = None
    series: tuple[Measurement, ...] = ()

    @property
    def measurements(self) -> tuple[Measurement, ...]:
        """``series`` and ``current`` together, oldest first (``current`` last on a tie)."""
        both = (*self.series, self.current) if self.current else self.series
        return tuple(sorted(both, key=lambda m: m.date))

    @property
    def latest(self) -> Measurement | None:
        return self.measurements[-1] if self.measurements else None

    @property
    def better(self) -> str | None:
        """``increase`` or ``decrease``: the declared direction, else baseline to target."""
        if self.direction:
            return self.direction
        if self.baseline is None or self.target is None or self.baseline == self.target:
            return None
        return "increase" if self.target > self.baseline else "decrease"

    @property
    def on_target(self) -> bool | None:
        """Whether the latest value meets the target; ``None`` when that cannot be said."""
        latest, better = self.latest, self.better
        if latest is None or self.target is None or better is None:
            return None
        return latest.value >= self.target if better == "increase" else latest.value <= self.target

    @property
    def progress(self) -> float | None:
        """How far the latest value has come from baseline to target, in percent."""
        latest = self.latest
        if latest is None or self.baseline is None or self.target is None:
            return None
        if self.target == self.baseline:
            return None
        return (latest.value - self.baseline) / (self.target - self.baseline) * 100


@dataclass(frozen=True, slots=True)
class Measurement:
    value: float
    date: dt.date
    pointer: str


@dataclass(frozen=True, slots=True)
class Evidence:
    id: str | None
    kind: str
    title: str
    date: dt.date | None
    sample_size: int | None
    solicited: bool | None
    summary: str | None
    link: str | None
    pointer: str


@dataclass(frozen=True, slots=True)
class Parent:
    """The wider journey a sub-journey zooms into, and the stage of it."""

    journey: str
    stage: str


@dataclass(frozen=True, slots=True)
class Actor:
    role: str
    persona: str | None


@dataclass(frozen=True, slots=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Scope:
    starts: str | None
    ends: str | None
    focus: str


@dataclass(frozen=True, slots=True)
class Journey:
    """One journey map. ``path`` is the file it came from, relative to the project root."""

    path: str
    id: str
    title: str
    description: str | None
    kind: str
    status: str
    persona: str
    actors: tuple[Actor, ...]
    owner: str | None
    objective: str | None
    scenario: str | None
    scope: Scope
    tags: tuple[str, ...]
    last_reviewed: dt.date | None
    review_interval: str | None
    current_state: str | None
    emotion_scale: tuple[int, int]
    links: tuple[Link, ...]
    stages: tuple[Stage, ...]
    touchpoints: tuple[Touchpoint, ...]
    pain_points: tuple[PainPoint, ...]
    opportunities: tuple[Opportunity, ...]
    kpis: tuple[Kpi, ...]
    evidence: tuple[Evidence, ...]
    # The ordered phases of the set the stages' ``phase`` values come from; () when no
    # stage names a phase (see journeyspec.phases).
    phases: tuple[str, ...] = ()
    parent: Parent | None = None
    # The shared touchpoints (from the registry) this journey refers to, in id order.
    shared_touchpoints: tuple[Touchpoint, ...] = ()

    @property
    def steps(self) -> tuple[Step, ...]:
        """Every step of every stage, in order."""
        return tuple(step for stage in self.stages for step in stage.steps)

    def touchpoint(self, touchpoint_id: str) -> Touchpoint | None:
        """The journey's own touchpoint with this id, else the shared one it refers to."""
        return next(
            (t for t in (*self.touchpoints, *self.shared_touchpoints) if t.id == touchpoint_id),
            None,
        )

    def stage_of(self, step_id: str) -> Stage | None:
        return next((s for s in self.stages if any(p.id == step_id for p in s.steps)), None)

    def pain_points_at(self, step_id: str) -> tuple[PainPoint, ...]:
        """Pain points anchored on the step, directly or through one of its touchpoints."""
        step = next((s for s in self.steps if s.id == step_id), None)
        touchpoints = set(step.touchpoints) if step else set()
        return tuple(
            p
            for p in self.pain_points
            if p.step == step_id or (p.step is None and p.touchpoint in touchpoints)
        )

    def opportunities_for(self, item_id: str) -> tuple[Opportunity, ...]:
        return tuple(o for o in self.opportunities if item_id in o.addresses)

    def kpis_of(self, stage_id: str) -> tuple[Kpi, ...]:
        return tuple(k for k in self.kpis if k.stage == stage_id)

    def citations(self) -> Iterator[tuple[str, str]]:
        """Every ``(pointer, id)`` where the journey cites evidence: its own evidence items
        or studies of the research library, from emotions, pain points, opportunities, KPIs."""
        for step in self.steps:
            if step.emotion is not None:
                for i, cited in enumerate(step.emotion.evidence):
                    yield join(step.pointer, "emotion", "evidence", i), cited
        parts: tuple[PainPoint | Opportunity | Kpi, ...] = (
            *self.pain_points,
            *self.opportunities,
            *self.kpis,
        )
        for part in parts:
            for i, cited in enumerate(part.evidence):
                yield join(part.pointer, "evidence", i), cited


@dataclass(frozen=True, slots=True)
class Persona:
    path: str
    id: str
    name: str
    role: str | None
    description: str | None
    quote: str | None
    based_on: str | None
    segment: str | None
    tags: tuple[str, ...]
    demographics: tuple[tuple[str, str], ...]
    goals: tuple[str, ...]
    motivations: tuple[str, ...]
    pain_points: tuple[str, ...]
    current_solutions: tuple[str, ...]
    decision_criteria: tuple[str, ...]
    expectations: tuple[str, ...]
    preferred_channels: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    research: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Team:
    path: str
    id: str
    name: str
    description: str | None
    lead: str | None
    contact: str | None
    pointer: str


@dataclass(frozen=True, slots=True)
class Channel:
    path: str
    id: str
    name: str
    description: str | None
    type: str | None
    pointer: str


@dataclass(frozen=True, slots=True)
class Study:
    """One study of the research library, cited by id from journeys and personas."""

    path: str
    id: str
    title: str
    method: str
    date: dt.date | None
    sample_size: int | None
    solicited: bool | None
    summary: str | None
    link: str | None
    owner: str | None
    pointer: str

    def as_evidence(self) -> Evidence:
        """The study told as an evidence item (its method as the kind), for registers."""
        return Evidence(
            self.id,
            self.method,
            self.title,
            self.date,
            self.sample_size,
            self.solicited,
            self.summary,
            self.link,
            self.pointer,
        )


@dataclass(frozen=True, slots=True)
class Theme:
    path: str
    id: str
    name: str
    description: str | None
    pointer: str


@dataclass(frozen=True, slots=True)
class Outline:
    """What other files need to know of a journey file: its id, kind and current-state map.

    Made for every journey file with an id, valid or not. The linter judges each journey in
    a worker process and never holds every model at once, so checks that look across
    journeys (duplicate ids, ``current_state``) read outlines instead.
    """

    id: str
    path: str
    kind: str  # DEFAULT_KIND when the file leaves it out, as in the model
    current_state: str | None
    parent: Parent | None = None
    stages: tuple[str, ...] = ()  # the ids of its stages, which sub-journeys may name


def outline_of(data: dict[str, Any], path: str) -> Outline | None:
    """The outline of a journey file's data; ``None`` when it has no usable id."""
    journey_id, kind = data.get("id"), data.get("kind", DEFAULT_KIND)
    current = data.get("current_state")
    if not isinstance(journey_id, str):
        return None
    parent = data.get("parent")
    stages = data.get("stages")
    return Outline(
        journey_id,
        path,
        kind if isinstance(kind, str) else DEFAULT_KIND,
        current if isinstance(current, str) else None,
        _parent(parent),
        tuple(s["id"] for s in stages if isinstance(s, dict) and isinstance(s.get("id"), str))
        if isinstance(stages, list)
        else (),
    )


def _parent(data: Any) -> Parent | None:
    if not isinstance(data, dict):
        return None
    journey, stage = data.get("journey"), data.get("stage")
    if isinstance(journey, str) and isinstance(stage, str):
        return Parent(journey, stage)
    return None


@dataclass(frozen=True)
class Portfolio:
    """Everything a project holds, resolved: what the linter judges and the site shows."""

    journeys: tuple[Journey, ...]
    personas: dict[str, Persona]
    teams: dict[str, Team]
    channels: dict[str, Channel]
    touchpoints: dict[str, Touchpoint] = field(default_factory=dict)  # the shared ones
    studies: dict[str, Study] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)

    def children_of(self, journey_id: str) -> tuple[Journey, ...]:
        """The sub-journeys that zoom into a stage of this journey."""
        return self._children.get(journey_id, ())

    def journey(self, journey_id: str) -> Journey | None:
        return self._by_id.get(journey_id)

    def journeys_of_persona(self, persona_id: str) -> Iterator[Journey]:
        return iter(self._by_persona.get(persona_id, ()))

    def future_states_of(self, journey_id: str) -> tuple[Journey, ...]:
        return self._future_states.get(journey_id, ())

    # Rules ask these once per journey: a scan each time made a lint quadratic in the
    # portfolio's size. Built on first use; the order within each group is the portfolio's.
    @cached_property
    def _by_id(self) -> dict[str, Journey]:
        found: dict[str, Journey] = {}
        for journey in self.journeys:
            found.setdefault(journey.id, journey)
        return found

    @cached_property
    def _by_persona(self) -> dict[str, tuple[Journey, ...]]:
        return _grouped((j.persona, j) for j in self.journeys)

    @cached_property
    def _children(self) -> dict[str, tuple[Journey, ...]]:
        return _grouped((j.parent.journey, j) for j in self.journeys if j.parent)

    @cached_property
    def _future_states(self) -> dict[str, tuple[Journey, ...]]:
        return _grouped((j.current_state, j) for j in self.journeys if j.current_state)


def _grouped(pairs: Iterator[tuple[str, Journey]]) -> dict[str, tuple[Journey, ...]]:
    groups: dict[str, list[Journey]] = {}
    for key, journey in pairs:
        groups.setdefault(key, []).append(journey)
    return {key: tuple(items) for key, items in groups.items()}


def journey_from(
    data: dict[str, Any],
    path: str,
    default_scale: tuple[int, int],
    phase_sets: PhaseSets = BUILT_IN,
    shared: Mapping[str, Touchpoint] | None = None,
) -> Journey:
    scale = data.get("emotion_scale")
    stages = tuple(_stage(s, join("/stages", i)) for i, s in enumerate(data["stages"]))
    scope = data.get("scope") or {}
    return Journey(
        path=path,
        id=data["id"],
        title=data["title"],
        description=data.get("description"),
        kind=data.get("kind", DEFAULT_KIND),
        status=data.get("status", "draft"),
        persona=data["persona"],
        actors=tuple(Actor(a["role"], a.get("persona")) for a in _t(data, "actors")),
        owner=data.get("owner"),
        objective=data.get("objective"),
        scenario=data.get("scenario"),
        scope=Scope(scope.get("starts"), scope.get("ends"), scope.get("focus", "end-to-end")),
        tags=_t(data, "tags"),
        last_reviewed=_date(data.get("last_reviewed")),
        review_interval=data.get("review_interval"),
        current_state=data.get("current_state"),
        emotion_scale=(scale["min"], scale["max"]) if scale else default_scale,
        links=tuple(Link(x["title"], x["url"]) for x in _t(data, "links")),
        stages=stages,
        touchpoints=tuple(
            Touchpoint(
                t["id"],
                t["name"],
                t.get("channel"),
                t.get("owner"),
                t.get("description"),
                t.get("link"),
                join("/touchpoints", i),
            )
            for i, t in enumerate(_t(data, "touchpoints"))
        ),
        pain_points=tuple(
            PainPoint(
                p["id"],
                p["title"],
                p.get("description"),
                p.get("step"),
                p.get("touchpoint"),
                p.get("severity"),
                _t(p, "evidence"),
                _t(p, "kpis"),
                join("/pain_points", i),
                _t(p, "themes"),
            )
            for i, p in enumerate(_t(data, "pain_points"))
        ),
        opportunities=tuple(
            Opportunity(
                o["id"],
                o["title"],
                o.get("description"),
                _t(o, "addresses"),
                o.get("impact"),
                o.get("effort"),
                o.get("owner"),
                _date(o.get("due")),
                o.get("status", "idea"),
                _t(o, "kpis"),
                o.get("link"),
                join("/opportunities", i),
                _t(o, "themes"),
                _t(o, "evidence"),
            )
            for i, o in enumerate(_t(data, "opportunities"))
        ),
        kpis=tuple(
            Kpi(
                k["id"],
                k["name"],
                k.get("description"),
                k.get("stage"),
                k.get("unit"),
                k.get("baseline"),
                k.get("target"),
                k.get("direction"),
                k.get("source"),
                k.get("owner"),
                join("/kpis", i),
                _t(k, "evidence"),
                _measurement(k.get("current"), join("/kpis", i, "current")),
                tuple(
                    _measurement(m, join("/kpis", i, "series", n))
                    for n, m in enumerate(_t(k, "series"))
                ),
            )
            for i, k in enumerate(_t(data, "kpis"))
        ),
        evidence=tuple(
            _evidence(e, join("/evidence", i)) for i, e in enumerate(_t(data, "evidence"))
        ),
        phases=set_of((s.phase for s in stages if s.phase), phase_sets),
        parent=_parent(data.get("parent")),
        shared_touchpoints=_shared(data, stages, shared or {}),
    )


def _shared(
    data: dict[str, Any], stages: tuple[Stage, ...], shared: Mapping[str, Touchpoint]
) -> tuple[Touchpoint, ...]:
    """The shared touchpoints a journey names (in stages, steps, answers and pain points)."""
    named = {t for stage in stages for t in stage.all_touchpoints()}
    named.update(a for stage in stages for step in stage.steps for x in step.answered_by for a in x)
    named.update(p["touchpoint"] for p in _t(data, "pain_points") if "touchpoint" in p)
    named.difference_update(t["id"] for t in _t(data, "touchpoints"))
    return tuple(shared[t] for t in sorted(named) if t in shared)


def _measurement(data: Any, pointer: str) -> Any:
    if not data:
        return None
    return Measurement(data["value"], dt.date.fromisoformat(data["date"]), pointer)


def _stage(data: dict[str, Any], pointer: str) -> Stage:
    steps = tuple(
        _step(s, data["id"], join(pointer, "steps", i)) for i, s in enumerate(_t(data, "steps"))
    )
    return Stage(
        data["id"],
        data["name"],
        data.get("description"),
        data.get("phase"),
        data.get("owner"),
        data.get("handoff"),
        _t(data, "touchpoints"),
        steps,
        pointer,
    )


def _step(data: dict[str, Any], stage: str, pointer: str) -> Step:
    emotion = data.get("emotion")
    if isinstance(emotion, int | float):  # the shorthand ``emotion: -1``
        emotion = {"score": emotion}
    lanes = data.get("lanes") or {}
    thinks = [t if isinstance(t, dict) else {"text": t} for t in _t(data, "thinks")]
    return Step(
        id=data["id"],
        name=data["name"],
        stage=stage,
        does=data.get("does"),
        thinks=tuple(t["text"] for t in thinks),
        emotion=Emotion(
            emotion["score"], emotion.get("label"), emotion.get("note"), _t(emotion, "evidence")
        )
        if emotion
        else None,
        motivation=data.get("motivation"),
        actor=data.get("actor"),
        touchpoints=_t(data, "touchpoints"),
        moment_of_truth=bool(data.get("moment_of_truth")),
        next=_t(data, "next"),
        gaps=tuple(
            Gap(g["id"], g["text"], join(pointer, "gaps", i))
            for i, g in enumerate(_t(data, "gaps"))
        ),
        lanes=Lanes(
            _t(lanes, "physical_evidence"),
            _t(lanes, "frontstage"),
            _t(lanes, "backstage"),
            _t(lanes, "support"),
            tuple(
                (str(key), tuple(value) if isinstance(value, list) else value)
                for key, value in lanes.items()
                if key not in BLUEPRINT_LANES and not str(key).startswith("x-")
            ),
        ),
        wait_time=data.get("wait_time"),
        pointer=pointer,
        ends=data.get("next") == [],
        answered_by=tuple(_t(t, "answered_by") for t in thinks),
    )


def _evidence(data: dict[str, Any], pointer: str) -> Evidence:
    return Evidence(
        data.get("id"),
        data["kind"],
        data["title"],
        _date(data.get("date")),
        data.get("sample_size"),
        data.get("solicited"),
        data.get("summary"),
        data.get("link"),
        pointer,
    )


def persona_from(data: dict[str, Any], path: str) -> Persona:
    return Persona(
        path=path,
        id=data["id"],
        name=data["name"],
        role=data.get("role"),
        description=data.get("description"),
        quote=data.get("quote"),
        based_on=data.get("based_on"),
        segment=data.get("segment"),
        tags=_t(data, "tags"),
        demographics=tuple((k, str(v)) for k, v in (data.get("demographics") or {}).items()),
        goals=_t(data, "goals"),
        motivations=_t(data, "motivations"),
        pain_points=_t(data, "pain_points"),
        current_solutions=_t(data, "current_solutions"),
        decision_criteria=_t(data, "decision_criteria"),
        expectations=_t(data, "expectations"),
        preferred_channels=_t(data, "preferred_channels"),
        evidence=tuple(
            _evidence(e, join("/evidence", i)) for i, e in enumerate(_t(data, "evidence"))
        ),
        research=_t(data, "research"),
    )


def teams_from(data: dict[str, Any], path: str) -> dict[str, Team]:
    return {
        t["id"]: Team(
            path,
            t["id"],
            t["name"],
            t.get("description"),
            t.get("lead"),
            t.get("contact"),
            join("/teams", i),
        )
        for i, t in enumerate(data["teams"])
    }


def channels_from(data: dict[str, Any], path: str) -> dict[str, Channel]:
    return {
        c["id"]: Channel(
            path, c["id"], c["name"], c.get("description"), c.get("type"), join("/channels", i)
        )
        for i, c in enumerate(data["channels"])
    }


def touchpoints_from(data: dict[str, Any], path: str) -> dict[str, Touchpoint]:
    """The shared touchpoints of the registry file at ``path``."""
    return {
        t["id"]: Touchpoint(
            t["id"],
            t["name"],
            t.get("channel"),
            t.get("owner"),
            t.get("description"),
            t.get("link"),
            join("/touchpoints", i),
            path,
        )
        for i, t in enumerate(data["touchpoints"])
    }


def studies_from(data: dict[str, Any], path: str) -> dict[str, Study]:
    return {
        s["id"]: Study(
            path,
            s["id"],
            s["title"],
            s["method"],
            _date(s.get("date")),
            s.get("sample_size"),
            s.get("solicited"),
            s.get("summary"),
            s.get("link"),
            s.get("owner"),
            join("/studies", i),
        )
        for i, s in enumerate(data["studies"])
    }


def themes_from(data: dict[str, Any], path: str) -> dict[str, Theme]:
    return {
        t["id"]: Theme(path, t["id"], t["name"], t.get("description"), join("/themes", i))
        for i, t in enumerate(data["themes"])
    }
