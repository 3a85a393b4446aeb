"""A journey as read from a sheet or a diagram, before it has ids: what every reader makes.

``document`` turns a draft into the journey's data in the schema's shape: ids made from
names (unique in the journey), touchpoints, channels and teams matched to the project's
registries by id or name, scores checked against the emotion scale, pain points and
opportunities anchored on their step. What cannot be matched is left out and noted.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from jsonschema import Draft202012Validator

from journeyspec.escaping import BIDI
from journeyspec.importing.channels import solve_channels
from journeyspec.model import Portfolio
from journeyspec.rules.template_placeholder import MARKER
from journeyspec.schema import load_schema


@dataclass(frozen=True)
class Note:
    """Something the source held that the journey does not (or holds only in part)."""

    where: str  # "file.csv row 4, column 3 (channels)"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class DraftPain:
    title: str
    id: str | None = None  # given by the steps table; made from the title otherwise


@dataclass
class DraftStep:
    name: str
    where: str  # where the step was read, for notes
    id: str | None = None
    does: str | None = None
    thinks: list[str] = field(default_factory=list)
    score: float | None = None
    label: str | None = None
    moment_of_truth: bool = False
    touchpoints: list[str] = field(default_factory=list)  # names
    channels: list[str] = field(default_factory=list)  # names or ids
    pains: list[DraftPain] = field(default_factory=list)
    opportunities: list[str] = field(default_factory=list)  # titles
    actors: list[str] = field(default_factory=list)  # names, as a diagram gives them


@dataclass
class DraftStage:
    name: str
    where: str
    id: str | None = None
    owner: str | None = None  # a team id or name
    steps: list[DraftStep] = field(default_factory=list)


@dataclass
class DraftJourney:
    source: str  # the file, as shown to the user
    id: str | None = None
    title: str | None = None
    stages: list[DraftStage] = field(default_factory=list)
    # From export's pain-points and opportunities tables: id -> (where, row); (where, row).
    pain_rows: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)
    opportunity_rows: list[tuple[str, dict[str, str]]] = field(default_factory=list)


@dataclass(frozen=True)
class Choices:
    """What the user chose on the command line (None: left to the importer)."""

    persona: str | None = None
    owner: str | None = None


_DASHES = re.compile(r"[^a-z0-9]+")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BREAKS = re.compile(r"\r\n?|[\u2028\u2029]")


def clean(text: str) -> str:
    """``text`` without control characters (which YAML files cannot hold as they are);
    every kind of line break becomes ``\\n``. Tabs stay."""
    return _CONTROLS.sub("", _BREAKS.sub("\n", text))


ID_MAX = 64


def slug(text: str, fallback: str) -> str:
    """``text`` as an id: lowercase ASCII words joined by hyphens, at most 64 characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    made = _DASHES.sub("-", ascii_text.lower()).strip("-")[:ID_MAX].strip("-")
    return made or fallback


class Ids:
    """Ids handed out in one journey: a name seen twice gets ``-2``, ``-3``..."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, wanted: str | None, name: str, fallback: str) -> str:
        """An unused id: ``wanted`` when it is one, else made from it or from ``name``."""
        base = wanted if wanted and _valid_id(wanted) else slug(wanted or name, fallback)
        made, n = base, 1
        while made in self.used:
            n += 1
            suffix = f"-{n}"
            made = base[: ID_MAX - len(suffix)].rstrip("-") + suffix
        self.used.add(made)
        return made


def _valid_id(text: str) -> bool:
    return len(text) <= ID_MAX and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", text) is not None


def _limits() -> tuple[int, int]:
    """The longest name and the longest text the journey schema accepts."""
    step = load_schema("journey")["$defs"]["step"]["properties"]
    return int(step["name"].get("maxLength", 5000)), int(step["does"].get("maxLength", 50000))


class _Builder:
    def __init__(self, draft: DraftJourney, portfolio: Portfolio, scale: tuple[int, int]):
        self.draft, self.portfolio, self.scale = draft, portfolio, scale
        self.notes: list[Note] = []
        self.ids = Ids()
        self.name_max, self.text_max = _limits()
        self.touchpoints: dict[str, dict[str, Any]] = {}  # name -> touchpoint
        self.pains: dict[str, dict[str, Any]] = {}  # id -> pain point
        self.opportunities: list[dict[str, Any]] = []
        self.persona = ""  # the journey's persona, once chosen
        self.pain_steps: dict[str, list[str]] = {}  # pain id -> the steps listing it
        self.step_touchpoints: dict[str, list[str]] = {}  # step id -> its touchpoint ids
        # (touchpoint names, channel ids, where) per step: solved once all steps are read
        self.channel_lists: list[tuple[list[str], list[str], str]] = []

    def id(self, wanted: str | None, name: str, fallback: str, where: str) -> str:
        made = self.ids.take(wanted, name, fallback)
        if wanted and made != wanted:
            self.notes.append(Note(where, f"id {wanted!r} became {made!r} (ids are unique "
                                   "lowercase words joined by hyphens)"))  # fmt: skip
        return made

    def text(self, value: str, where: str, *, name: bool = False) -> str:
        if BIDI.search(value):
            self.notes.append(
                Note(
                    where,
                    "bidi control characters taken out: they can make text read "
                    "differently from what it holds",
                )
            )
            value = BIDI.sub("", value)
        limit = self.name_max if name else self.text_max
        if len(value) > limit:
            self.notes.append(
                Note(where, f"{len(value):,} characters; cut to the {limit:,} a journey keeps")
            )
            return value[:limit]
        return value

    def team(self, given: str | None, where: str) -> str | None:
        if not given:
            return None
        teams = self.portfolio.teams
        if given in teams:
            return given
        by_name = [t for t, team in teams.items() if team.name.casefold() == given.casefold()]
        if by_name:
            return by_name[0]
        self.notes.append(Note(where, f"owner {given!r} is not a team of the project; left out"))
        return None

    def channel(self, given: str, where: str) -> str | None:
        channels = self.portfolio.channels
        if given in channels:
            return given
        by_name = [c for c, ch in channels.items() if ch.name.casefold() == given.casefold()]
        if by_name:
            return by_name[0]
        self.notes.append(Note(where, f"channel {given!r} is not in the channels registry"))
        return None

    def step(self, drafted: DraftStep, stage_owner: str | None) -> dict[str, Any]:
        where = drafted.where
        step: dict[str, Any] = {
            "id": self.id(drafted.id, drafted.name, "step", where),
            "name": self.text(drafted.name, where, name=True),
        }
        if drafted.does:
            step["does"] = self.text(drafted.does, where)
        if drafted.thinks:
            step["thinks"] = [self.text(t, where) for t in drafted.thinks]
        if drafted.score is not None:
            low, high = self.scale
            if low <= drafted.score <= high:
                emotion: dict[str, Any] = {"score": _number(drafted.score)}
                if drafted.label:
                    emotion["label"] = self.text(drafted.label, where, name=True)
                step["emotion"] = emotion
            else:
                self.notes.append(
                    Note(where, f"score {drafted.score:g} is outside the scale {low}..{high}")
                )
        if drafted.actors:
            self._actor(drafted.actors, step, where)
        touchpoint_ids = self._touchpoints(drafted, where)
        if touchpoint_ids:
            step["touchpoints"] = touchpoint_ids
        self.step_touchpoints[step["id"]] = touchpoint_ids
        if drafted.moment_of_truth:
            step["moment_of_truth"] = True
        pain_ids = [self._pain(p, step["id"], where) for p in drafted.pains]
        for title in drafted.opportunities:
            opportunity: dict[str, Any] = {
                "id": self.ids.take(None, title, "opportunity"),
                "title": self.text(title, where, name=True),
            }
            if pain_ids:
                opportunity["addresses"] = list(dict.fromkeys(pain_ids))
            owner = stage_owner
            if owner:
                opportunity["owner"] = owner
            self.opportunities.append(opportunity)
        return step

    def _actor(self, actors: list[str], step: dict[str, Any], where: str) -> None:
        """The step's actor when it is another persona than the journey's; a step has one."""
        known = {p.name.casefold(): pid for pid, p in self.portfolio.personas.items()}
        ids = []
        for actor in actors:
            persona = actor if actor in self.portfolio.personas else known.get(actor.casefold())
            if persona is None:
                self.notes.append(Note(where, f"actor {actor!r} is not a persona of the project"))
            else:
                ids.append(persona)
        ids = list(dict.fromkeys(ids))
        if self.persona in ids and len(ids) > 1:
            ids.remove(self.persona)
        if ids and ids[0] != self.persona:
            step["actor"] = ids[0]
        if len(ids) > 1:
            dropped = ", ".join(ids[1:])
            self.notes.append(Note(where, f"a step has one actor: {dropped} left out"))

    def _touchpoints(self, drafted: DraftStep, where: str) -> list[str]:
        channels = [self.channel(c, where) for c in drafted.channels]
        ids = []
        for name in drafted.touchpoints:
            touchpoint = self.touchpoints.get(name)
            if touchpoint is None:
                touchpoint = {
                    "id": self.ids.take(None, name, "touchpoint"),
                    "name": self.text(name, where, name=True),
                }
                self.touchpoints[name] = touchpoint
            ids.append(touchpoint["id"])
        if channels and not drafted.touchpoints:
            self.notes.append(Note(where, "channels without a touchpoint to carry them"))
        elif None not in channels:  # an unknown channel was noted already
            known = [c for c in channels if c is not None]
            self.channel_lists.append((drafted.touchpoints, known, where))
        return list(dict.fromkeys(ids))

    def _channels(self) -> None:
        """Give each touchpoint the channel the steps' lists say it has."""
        lists = [(names, channels) for names, channels, _ in self.channel_lists]
        found, guessed = solve_channels(lists)
        for name, channel in found.items():
            if channel is not None:
                self.touchpoints[name]["channel"] = channel
        for names, channels, where in self.channel_lists:
            unsure = [n for n in dict.fromkeys(names) if n not in found or n in guessed]
            if not unsure or not channels:
                continue
            said = ", ".join(f"{n!r}: {found.get(n) or 'none'}" for n in unsure)
            self.notes.append(
                Note(
                    where,
                    f"the sheet does not say which touchpoint has which channel "
                    f"({', '.join(channels)}); chosen {said}: check them",
                )
            )
            guessed -= set(unsure)  # said once, at the first step naming them

    def _pain(self, drafted: DraftPain, step_id: str, where: str) -> str:
        if drafted.id is not None and drafted.id in self.pains:
            self.pain_steps[drafted.id].append(step_id)
            return drafted.id  # the table names it at each step it shows on
        pain_id = self.id(drafted.id, drafted.title, "pain-point", where)
        self.pains[pain_id] = {
            "id": pain_id,
            "title": self.text(drafted.title, where, name=True),
            "step": step_id,
        }
        self.pain_steps[pain_id] = [step_id]
        return pain_id

    def _pain_row(self, pain: dict[str, Any], where: str, row: dict[str, str]) -> None:
        """What the pain-points table says of a pain point: title, severity, anchor."""
        if row.get("title"):
            pain["title"] = self.text(row["title"], where, name=True)
        self._field(pain, "pain_point", "severity", row.get("severity"), where)
        if row.get("evidence"):
            self.notes.append(Note(where, f"evidence {row['evidence']!r} not imported "
                                   "(the sheets do not define it)"))  # fmt: skip
        listed = self.pain_steps.get(pain["id"], [])
        if row.get("step") and row["step"] in self.step_touchpoints:
            pain["step"] = row["step"]
            if row.get("touchpoint"):
                why = "the steps table names touchpoints, not their ids"
                self.notes.append(Note(where, f"touchpoint {row['touchpoint']!r} left out: {why}"))
        elif not row.get("step") and row.get("touchpoint") and listed:
            # Anchored on a touchpoint: the one every step it is listed at shares.
            shared = set.intersection(*(set(self.step_touchpoints[s]) for s in listed))
            if len(shared) == 1:
                pain.pop("step", None)
                pain["touchpoint"] = shared.pop()
            else:
                self.notes.append(Note(where, f"touchpoint {row['touchpoint']!r} is not told "
                                       "apart by the sheets: anchored on a step"))  # fmt: skip

    def _field(
        self, target: dict[str, Any], kind: str, key: str, value: str | None, where: str
    ) -> None:
        if not value:
            return
        if _valid(kind, key, value):
            target[key] = value
        else:
            self.notes.append(Note(where, f"{key} {value!r} is not a valid {key}; left out"))

    def _tables(self) -> None:
        """Pain points only the pain-points table has, then the opportunities table."""
        for pain_id, (where, row) in self.draft.pain_rows.items():
            if pain_id in self.pains:
                self._pain_row(self.pains[pain_id], where, row)
                continue
            made = self.id(pain_id, row.get("title", ""), "pain-point", where)
            pain: dict[str, Any] = {"id": made, "title": row.get("title") or made}
            self.pains[made] = pain
            self._pain_row(pain, where, row)
        for where, row in self.draft.opportunity_rows:
            opportunity: dict[str, Any] = {
                "id": self.id(row.get("id") or None, row.get("title", ""), "opportunity", where),
                "title": self.text(row.get("title") or "Untitled", where, name=True),
            }
            for key in ("status", "impact", "effort", "due", "link"):
                self._field(opportunity, "opportunity", key, row.get(key), where)
            owner = self.team(row.get("owner"), where)
            if owner:
                opportunity["owner"] = owner
            known = set(self.pains) | set(self.step_touchpoints)
            addresses = split_list(row.get("addresses", ""))
            if [a for a in addresses if a not in known]:
                left = ", ".join(a for a in addresses if a not in known)
                self.notes.append(Note(where, f"addresses {left}: not in the sheets; left out"))
            if [a for a in addresses if a in known]:
                opportunity["addresses"] = list(dict.fromkeys(a for a in addresses if a in known))
            if row.get("kpis"):
                self.notes.append(Note(where, f"kpis {row['kpis']!r} not imported "
                                       "(the sheets do not define them)"))  # fmt: skip
            self.opportunities.append(opportunity)

    def build(self, choices: Choices) -> dict[str, Any]:
        draft = self.draft
        journey_id = self.id(draft.id, draft.title or "", "imported-journey", draft.source)
        persona = self.persona = self._persona(choices)
        journey: dict[str, Any] = {
            "journeyspec": 1,
            "id": journey_id,
            "title": self.text(draft.title, draft.source, name=True)
            if draft.title
            else f"{MARKER} name the journey imported as {journey_id}",
            "status": "draft",
            "persona": persona,
        }
        if choices.owner:
            journey["owner"] = choices.owner
        to_fill = [f"check the persona ({persona})"]
        if not choices.owner:
            to_fill.append("name the owning team (owner)")
        journey["objective"] = (
            f"{MARKER} say why this map exists; imported from {draft.source}: "
            + " and ".join(to_fill)
        )
        stages = []
        for drafted in draft.stages:
            owner = self.team(drafted.owner, drafted.where) or choices.owner
            stage: dict[str, Any] = {
                "id": self.id(drafted.id, drafted.name, "stage", drafted.where),
                "name": self.text(drafted.name, drafted.where, name=True),
            }
            if owner:
                stage["owner"] = owner
            stage["steps"] = [self.step(s, owner) for s in drafted.steps]
            if not stage["steps"]:
                del stage["steps"]
            stages.append(stage)
        journey["stages"] = stages
        self._channels()
        self._tables()
        for key, values in (
            ("touchpoints", list(self.touchpoints.values())),
            ("pain_points", list(self.pains.values())),
            ("opportunities", self.opportunities),
        ):
            if values:
                journey[key] = values
        return journey

    def _persona(self, choices: Choices) -> str:
        if choices.persona:
            return choices.persona
        known = {p.name.casefold(): pid for pid, p in self.portfolio.personas.items()}
        for stage in self.draft.stages:
            for step in stage.steps:
                for actor in step.actors:
                    if actor in self.portfolio.personas:
                        return actor
                    if actor.casefold() in known:
                        return known[actor.casefold()]
        return sorted(self.portfolio.personas)[0]


def document(
    draft: DraftJourney, portfolio: Portfolio, scale: tuple[int, int], choices: Choices
) -> tuple[dict[str, Any], list[Note]]:
    """The journey's data for ``draft`` and what could not be carried into it."""
    builder = _Builder(draft, portfolio, scale)
    journey = builder.build(choices)
    return journey, builder.notes


def split_list(cell: str) -> list[str]:
    """A cell's list, as the export joins them (``"; "``) or as people write them."""
    return [part for part in re.split(r"\s*(?:;|\n)\s*", cell.strip()) if part]


def _valid(kind: str, key: str, value: str) -> bool:
    """Whether ``value`` is what the journey schema accepts for ``key`` of a ``kind``."""
    schema = load_schema("journey")
    fragment = schema["$defs"][kind]["properties"][key]
    return bool(Draft202012Validator({**fragment, "$defs": schema["$defs"]}).is_valid(value))


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value
