"""Validation: load every file, check it against its schema and its references, build the model."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from journeyspec import model, references
from journeyspec.findings import Finding
from journeyspec.loader import Document, read_document
from journeyspec.project import (
    Project,
    ProjectConfig,
    load_project,
    schema_for,
    select,
)
from journeyspec.schema import validate


@dataclass
class Validation:
    """The outcome of validating a project: findings, and the model of every valid file."""

    project: Project
    findings: list[Finding]
    portfolio: model.Portfolio
    selected: set[str] | None  # display paths asked for; None = the whole project

    def document(self, path: str) -> Document | None:
        return next((d for d, _ in self.project.documents if d.path == path), None)

    @property
    def invalid_paths(self) -> set[str]:
        return {f.path for f in self.findings}


def validate_project(config: ProjectConfig, paths: Sequence[str] = ()) -> Validation:
    """Check the project (or, with ``paths``, those files against the whole project)."""
    project = load_project(config)
    selected = select(paths, config) if paths else None
    if selected is not None:
        # Files discovery refused (links out of the project) are never read by name either.
        known = {d.path for d, _ in project.documents} | {f.path for f in project.errors}
        for extra in sorted(selected - known):
            path = config.root / extra
            project.documents.append((read_document(path, extra), schema_for(path, config)))

    findings: list[Finding] = list(project.errors)
    valid: dict[str, bool] = {}
    for document, schema in project.documents:
        problems = document.errors or validate(document, schema)
        findings.extend(problems)
        valid[document.path] = not problems

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
        elif kind == "persona":
            personas.setdefault(data["id"], model.persona_from(data, document.path))
        elif kind == "teams":
            teams.update(model.teams_from(data, document.path))
        elif kind == "channels":
            channels.update(model.channels_from(data, document.path))
    journeys.sort(key=lambda j: (j.title.casefold(), j.id))
    return model.Portfolio(tuple(journeys), personas, teams, channels)
