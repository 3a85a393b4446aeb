"""``journeyspec new``: a new journey or persona file from a template, with the schema modeline.

The file is checked against its schema and the project's ids before it is written, and an
existing file is never replaced.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from journeyspec.errors import UsageError
from journeyspec.loader import load_document
from journeyspec.model import Portfolio
from journeyspec.project import ProjectConfig, display_path
from journeyspec.rules import template_placeholder
from journeyspec.scaffold.files import PlannedFile, write_new
from journeyspec.scaffold.persona_models import GENERIC
from journeyspec.scaffold.persona_models import MODELS as PERSONA_MODELS
from journeyspec.scaffold.rendering import render
from journeyspec.scaffold.stage_models import MODELS
from journeyspec.schema import load_schema, validate

Kind = Literal["journey", "persona"]
KINDS: tuple[Kind, ...] = ("journey", "persona")
TEMPLATES = tuple(MODELS)
PERSONA_TEMPLATES = tuple(PERSONA_MODELS)
DEFAULT_TEMPLATE = "lifecycle-5"
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class NewFile:
    path: Path
    display: str


def modeline_target(config: ProjectConfig, folder: Path, kind: Kind) -> str:
    """Where the modeline points: the project's own copy of the schema when it has one
    (relative, so it works offline and in every clone), else the schema's published URL."""
    local = config.root / "schemas" / f"{kind}.schema.json"
    if local.is_file():
        return Path(os.path.relpath(local, folder)).as_posix()
    return str(load_schema(kind)["$id"])


def new_file(
    config: ProjectConfig,
    portfolio: Portfolio,
    kind: Kind,
    new_id: str,
    *,
    template: str | None = None,
    title: str | None = None,
    persona: str | None = None,
    owner: str | None = None,
) -> NewFile:
    """Write ``journeys/ID.yaml`` or ``personas/ID.yaml`` and return where it went.

    ``template``: a stage model for a journey (default lifecycle-5), a persona model for a
    persona (default: a generic one); one of the other kind is refused."""
    if not _ID.match(new_id) or len(new_id) > 64:
        raise UsageError(f"{new_id!r} is not an id: use lowercase words joined by hyphens")
    folder = config.path("journeys" if kind == "journey" else "personas")
    path = folder / f"{new_id}.yaml"
    display = display_path(path, config.root)
    if path.exists() or path.is_symlink():
        raise UsageError(f"{display} already exists; journeyspec new never replaces a file")
    context: dict[str, object] = {
        "id": new_id,
        "title": title or new_id.replace("-", " ").capitalize(),
        "schema": modeline_target(config, folder, kind),
        "todo": template_placeholder.MARKER,
    }
    _refuse_other_kind(kind, template)
    if kind == "journey":
        template = template or DEFAULT_TEMPLATE
        if template not in MODELS:
            raise UsageError(f"unknown template {template!r}; choose from {', '.join(MODELS)}")
        if portfolio.journey(new_id):
            raise UsageError(f"a journey with id {new_id!r} exists already")
        context |= {
            "model": MODELS[template],
            "persona": _persona(portfolio, persona),
            "owner": _owner(portfolio, owner),
        }
        text = render("journey.yaml.j2", **context)
    else:
        if new_id in portfolio.personas:
            raise UsageError(f"a persona with id {new_id!r} exists already")
        if template is not None and template not in PERSONA_MODELS:
            known = ", ".join(PERSONA_MODELS)
            raise UsageError(f"unknown persona template {template!r}; choose from {known}")
        model = PERSONA_MODELS[template] if template else GENERIC
        text = render("persona.yaml.j2", model=model, **context)
    _check(text, display, kind)
    written = write_new(config.root, [PlannedFile(display, text)])
    for _, why in written.refused:
        raise UsageError(f"{display} was not written: {why}")
    if not written.created:
        raise UsageError(f"{display} already exists; journeyspec new never replaces a file")
    return NewFile(path, display)


def _refuse_other_kind(kind: Kind, template: str | None) -> None:
    """A journey's stage model names no persona fields and a persona model no stages: one
    given for the other kind would be ignored, and the user would believe it was used."""
    if kind == "persona" and template in MODELS:
        raise UsageError(
            f"--template {template} is a journey template; persona templates: "
            f"{', '.join(PERSONA_MODELS)}"
        )
    if kind == "journey" and template in PERSONA_MODELS:
        raise UsageError(
            f"--template {template} is a persona template; journey templates: {', '.join(MODELS)}"
        )


def _persona(portfolio: Portfolio, chosen: str | None) -> str:
    if chosen is not None:
        if chosen not in portfolio.personas:
            known = ", ".join(sorted(portfolio.personas)) or "none yet"
            raise UsageError(f"no persona {chosen!r} (personas: {known})")
        return chosen
    if not portfolio.personas:
        raise UsageError("the project has no persona yet: run `journeyspec new persona ID` first")
    return sorted(portfolio.personas)[0]


def _owner(portfolio: Portfolio, chosen: str | None) -> str | None:
    if chosen is not None and chosen not in portfolio.teams:
        known = ", ".join(sorted(portfolio.teams)) or "none yet"
        raise UsageError(f"no team {chosen!r} (teams: {known})")
    return chosen


def _check(text: str, display: str, kind: Kind) -> None:
    # A template that renders an invalid file is a bug; say so instead of writing it.
    document = load_document(text, display)
    problems = document.errors or validate(document, kind)
    if problems:
        raise UsageError("the template produced an invalid file: " + str(problems[0]))
