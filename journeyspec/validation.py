"""Validation: load every file, check it against its schema and its references, build the model."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from journeyspec import model, references
from journeyspec.findings import Finding
from journeyspec.loader import Document
from journeyspec.parallel import Job, check_files
from journeyspec.project import (
    Project,
    ProjectConfig,
    discover,
    display_path,
    schema_for,
    select,
)


@dataclass
class Validation:
    """The outcome of validating a project: findings, and the model of every valid file.

    A journey that made it into the portfolio keeps no ``data`` in its document: read the
    model instead.
    """

    project: Project
    findings: list[Finding]
    portfolio: model.Portfolio
    selected: set[str] | None  # display paths asked for; None = the whole project

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


def validate_project(config: ProjectConfig, paths: Sequence[str] = ()) -> Validation:
    """Check the project (or, with ``paths``, those files against the whole project)."""
    files, refused = discover(config)
    jobs: list[Job] = [(f.path, display_path(f.path, config.root), f.schema) for f in files]
    selected = select(paths, config) if paths else None
    if selected is not None:
        # Files discovery refused (links out of the project) are never read by name either.
        known = {display for _, display, _ in jobs} | {f.path for f in refused}
        for extra in sorted(selected - known):
            path = config.root / extra
            jobs.append((path, extra, schema_for(path, config)))
    # Loading and schema checks, the bulk of the work, run per file: cached and in parallel.
    checked = check_files(config.root, jobs)
    documents = [(c.document, job[2]) for c, job in zip(checked, jobs, strict=True)]
    project = Project(config, documents, refused)

    findings: list[Finding] = list(project.errors)
    valid: dict[str, bool] = {}
    for item in checked:
        findings.extend(item.problems)
        valid[item.document.path] = not item.problems

    def usable(kind: str) -> list[Document]:
        # References are checked even in files with schema errors, so one run reports all.
        return [d for d, k in project.documents if k == kind and isinstance(d.data, dict)]

    index, duplicates = references.build_index(
        usable("journey"), usable("persona"), usable("teams"), usable("channels")
    )
    findings.extend(duplicates)
    for document in usable("journey"):
        problems = references.check_journey(document, index)
        findings.extend(problems)
        valid[document.path] = valid[document.path] and not problems
    for document in usable("persona"):
        findings.extend(references.check_persona(document, index))

    portfolio = _portfolio(config, project, valid)
    if selected is not None:
        findings = [f for f in findings if f.path in selected]
    return Validation(project, sorted(set(findings)), portfolio, selected)


def _portfolio(config: ProjectConfig, project: Project, valid: dict[str, bool]) -> model.Portfolio:
    journeys: list[model.Journey] = []
    personas: dict[str, model.Persona] = {}
    teams: dict[str, model.Team] = {}
    channels: dict[str, model.Channel] = {}
    seen: set[str] = set()
    for document, kind in project.documents:
        if not valid[document.path]:
            continue
        data = document.data
        if kind == "journey" and data["id"] not in seen:
            seen.add(data["id"])
            journeys.append(model.journey_from(data, document.path, config.emotion_scale))
            # The model holds all the data did: keeping both cost 42 KB a journey.
            document.data = None
        elif kind == "persona":
            personas.setdefault(data["id"], model.persona_from(data, document.path))
        elif kind == "teams":
            teams.update(model.teams_from(data, document.path))
        elif kind == "channels":
            channels.update(model.channels_from(data, document.path))
    journeys.sort(key=lambda j: (j.title.casefold(), j.id))
    return model.Portfolio(tuple(journeys), personas, teams, channels)
