"""Validation: load every file, check it against its schema and its references, build the model.

Personas and the registries come first: they are few, and every journey refers to them.
Then each journey file is loaded, checked, modelled and, given a ``judge``, linted in a
worker process (``parallel.check_files``): what comes back is its findings, its outline
and, only when asked for, its model, so no process ever holds every journey's data.
Checks across journeys (ids defined twice, ``current_state``) run last, on outlines.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from journeyspec import model, phases, references
from journeyspec.cache import open_cache
from journeyspec.findings import Finding
from journeyspec.lanes import Lane, check_lanes
from journeyspec.loader import Document
from journeyspec.parallel import Checked, Job, Progress, check_files, keep
from journeyspec.project import (
    Project,
    ProjectConfig,
    discover,
    display_path,
    refusal,
    schema_for,
    select,
)
from journeyspec.schema import REGISTRIES

# Whether a file not asked for by path is selected too, given its path and its data.
Also = Callable[[str, Any], bool]

# Judges a journey that passed its schema and reference checks, in the worker that read it:
# given its model, its document (with text) and the personas and registries (no journeys).
Judge = Callable[[model.Journey, Document, model.Portfolio], Any]


@dataclass
class Validation:
    """The outcome of validating a project: findings, and the model of every valid file.

    A journey that made it into the portfolio keeps no ``data`` in its document: read the
    model instead. Validated with ``models=False``, the portfolio holds no journeys, only
    personas and registries; ``members`` still names every journey it would hold.
    """

    project: Project
    findings: list[Finding]
    portfolio: model.Portfolio
    selected: set[str] | None  # display paths asked for; None = the whole project
    outlines: dict[str, model.Outline] = field(default_factory=dict)  # path -> every journey
    members: dict[str, model.Outline] = field(default_factory=dict)  # id -> portfolio journey
    judged: dict[str, Any] = field(default_factory=dict)  # path -> what the judge made

    def document(self, path: str) -> Document | None:
        return self._by_path.get(path)

    @cached_property
    def _by_path(self) -> dict[str, Document]:
        # Looked up once per journey by the linter and reporters: a scan each time would
        # make a run quadratic in the number of files. The first document of a path wins.
        documents: dict[str, Document] = {}
        for document, _ in self.project.documents:
            documents.setdefault(document.path, document)
        return documents

    @property
    def invalid_paths(self) -> set[str]:
        return {f.path for f in self.findings}


def validate_project(
    config: ProjectConfig,
    paths: Sequence[str] = (),
    *,
    judge: Judge | None = None,
    models: bool = True,
    also: Also | None = None,
    progress: Progress | None = None,
    overlay: Mapping[str, bytes] | None = None,
) -> Validation:
    """Check the project (or, with ``paths``, those files against the whole project).

    ``judge`` runs on every valid (selected) journey where it was read; what it returns is
    in ``judged``. ``models=False`` keeps journey models out of the result (and memory).
    With ``also``, the selection is ``paths`` (none: no file) plus every journey and
    persona file ``also`` accepts (``lint --changed-since``: the files using what changed).
    ``progress`` hears of each journey file checked.
    ``overlay`` holds texts to check instead of the files' (unsaved editor buffers), by
    project-relative path.
    """
    files, refused = discover(config)
    jobs: list[Job] = [(f.path, display_path(f.path, config.root), f.schema) for f in files]
    selected = select(paths, config) if paths or also else None
    if selected is not None:
        # Files discovery refused (links out of the project) are never read by name either.
        known = {display for _, display, _ in jobs} | {f.path for f in refused}
        for extra in sorted(selected - known):
            path = config.root / extra
            why = refusal(path, config.root)
            schema = schema_for(path, config)
            if schema == "config" and path.suffix == ".toml":
                continue  # pyproject.toml: TOML, checked when the settings were loaded
            if why is None:
                jobs.append((path, extra, schema))
            else:  # named, but a link out of the project or a device: refused as in discovery
                refused.append(Finding(extra, 0, 0, "project", why[0], hint=why[1]))

    others = [job for job in jobs if job[2] != "journey"]
    journey_jobs = [job for job in jobs if job[2] == "journey"]
    cache = open_cache(config.root)
    registry = Registry(
        list(zip(check_files(cache, others, keep, overlay=overlay), others, strict=True))
    )
    if selected is not None and also is not None:
        selected |= {
            checked.document.path
            for checked, (_, _, kind) in registry.checked
            if kind == "persona" and also(checked.document.path, checked.document.data)
        }
    examine = Examiner(registry, config, judge, selected, models, also)
    examined = check_files(cache, journey_jobs, examine, progress, overlay=overlay)
    if selected is not None:
        selected |= {e.document.path for e in examined if e.selected}
    if cache is not None:
        cache.prune()  # entries of files that are gone or have changed
    return assemble(config, jobs, refused, registry, examined, selected)


def assemble(
    config: ProjectConfig,
    jobs: Sequence[Job],
    refused: list[Finding],
    registry: Registry,
    examined: Sequence[Examined],
    selected: set[str] | None,
) -> Validation:
    """The validation of a project from its files checked one by one (``registry`` for the
    personas and registries, ``examined`` for the journeys, each in the order of ``jobs``):
    the checks across journeys (ids defined twice, ``current_state``, ``parent``) run here,
    on outlines, so a language server that re-examines one journey runs only these again.
    """
    # Back in the order of the jobs: each kind's documents came back in its own order.
    registry_documents = iter(c.document for c, _ in registry.checked)
    journey_documents = iter(e.document for e in examined)
    documents = [
        (next(journey_documents if kind == "journey" else registry_documents), kind)
        for _, _, kind in jobs
    ]
    project = Project(config, documents, refused)

    findings = [*project.errors, *registry.findings]
    outlines = {e.document.path: e.outline for e in examined if e.outline is not None}
    journeys = [(e.document, e.outline) for e in examined if e.outline is not None]
    index = _without_journeys(registry.index)
    findings.extend(references.define_journeys(index, journeys))
    members: dict[str, model.Outline] = {}
    by_id: dict[str, model.Outline] = {}
    for _, outline in journeys:
        by_id.setdefault(outline.id, outline)
    cycles = references.parent_cycles(by_id)
    kept: list[model.Journey] = []
    judged: dict[str, Any] = {}
    for item in examined:
        findings.extend(item.problems)
        if item.outline is None:
            continue
        across = references.check_across(item.document, item.outline, index, by_id, cycles)
        findings.extend(across)
        if not item.valid or across or item.outline.id in members:
            continue
        members[item.outline.id] = item.outline
        if item.journey is not None:
            kept.append(item.journey)
        if item.judged is not None:
            judged[item.document.path] = item.judged
    kept.sort(key=lambda j: (j.title.casefold(), j.id))
    portfolio = registry.with_journeys(tuple(kept))
    if selected is not None:
        findings = [f for f in findings if f.path in selected]
    return Validation(
        project, sorted(set(findings)), portfolio, selected, outlines, members, judged
    )


def _without_journeys(index: references.Index) -> references.Index:
    """A new index holding ``index``'s personas and registries, to add journeys to: the
    registry's own stays as it was, so the journeys can be assembled again after an edit."""
    fresh = references.Index()
    fresh.ids.update({kind: ids for kind, ids in index.ids.items() if kind != "journey"})
    return fresh


class Registry:
    """The personas and registries, checked and indexed: what every journey refers to."""

    def __init__(self, checked: list[tuple[Checked, Job]]) -> None:
        self.checked = checked
        self.findings: list[Finding] = []
        valid: dict[str, bool] = {}
        usable: dict[str, list[Document]] = {"persona": [], **{k: [] for k in REGISTRIES}}
        for item, (_, _, kind) in checked:
            self.findings.extend(item.problems)
            valid[item.document.path] = not item.problems
            # References are checked even in files with schema errors, so one run reports all.
            if kind in usable and isinstance(item.document.data, dict):
                usable[kind].append(item.document)
        self.index, duplicates = references.build_index(usable)
        self.findings.extend(duplicates)
        for document in usable["persona"]:
            problems = references.check_persona(document, self.index)
            self.findings.extend(problems)
            valid[document.path] = valid[document.path] and not problems
        self.personas: dict[str, model.Persona] = {}
        self.teams: dict[str, model.Team] = {}
        self.channels: dict[str, model.Channel] = {}
        self.touchpoints: dict[str, model.Touchpoint] = {}
        self.studies: dict[str, model.Study] = {}
        self.themes: dict[str, model.Theme] = {}
        for item, (_, _, kind) in checked:
            data, path = item.document.data, item.document.path
            if not valid[path]:
                continue
            if kind == "persona":
                self.personas.setdefault(data["id"], model.persona_from(data, path))
            elif kind == "teams":
                self.teams.update(model.teams_from(data, path))
            elif kind == "channels":
                self.channels.update(model.channels_from(data, path))
            elif kind == "touchpoints":
                self.touchpoints.update(model.touchpoints_from(data, path))
            elif kind == "research":
                self.studies.update(model.studies_from(data, path))
            elif kind == "themes":
                self.themes.update(model.themes_from(data, path))
        self.portfolio = self.with_journeys(())

    def with_journeys(self, journeys: tuple[model.Journey, ...]) -> model.Portfolio:
        return model.Portfolio(
            journeys,
            self.personas,
            self.teams,
            self.channels,
            self.touchpoints,
            self.studies,
            self.themes,
        )


@dataclass
class Examined:
    """What a worker made of one journey file."""

    document: Document
    problems: list[Finding]  # load, schema and reference findings (not across journeys)
    outline: model.Outline | None  # None when the file has no usable id
    valid: bool  # no problems: modelled, and judged when selected
    journey: model.Journey | None  # the model, when valid and asked for
    judged: Any  # what the judge made of it, or None
    selected: bool = False  # chosen by ``also`` (not by path)


class Examiner:
    """Everything done to a journey file in the worker that read it (see ``check_files``)."""

    def __init__(
        self,
        registry: Registry,
        config: ProjectConfig,
        judge: Judge | None,
        selected: set[str] | None,
        models: bool,
        also: Also | None,
    ) -> None:
        self.index, self.portfolio = registry.index, registry.portfolio
        self.scale, self.judge, self.models = config.emotion_scale, judge, models
        self.selected, self.also = selected, also
        self.phase_sets = phases.phase_sets(config.phases)  # the project's, then built in
        self.lanes: tuple[Lane, ...] = config.lanes

    def __call__(self, checked: Checked, job: Job) -> Examined:
        document, problems = checked.document, list(checked.problems)
        data = document.data
        chosen = self.also is not None and self.also(document.path, data)
        if not isinstance(data, dict):
            return Examined(document, problems, None, False, None, None, chosen)
        problems.extend(references.check_journey(document, self.index))
        problems.extend(phases.check_phases(document, self.phase_sets))
        problems.extend(check_lanes(document, self.lanes))
        outline = model.outline_of(data, document.path)
        if problems or outline is None:
            return Examined(document, problems, outline, False, None, None, chosen)
        journey = model.journey_from(
            data, document.path, self.scale, self.phase_sets, self.portfolio.touchpoints
        )
        judged = None
        wanted = self.selected is None or document.path in self.selected or chosen
        if self.judge is not None and wanted:
            judged = self.judge(journey, document, self.portfolio)
        # The model holds all the data did: keeping both cost 42 KB a journey.
        document.data = None
        return Examined(
            document, problems, outline, True, journey if self.models else None, judged, chosen
        )
