"""``journeyspec init``: the files of a new journeys repository, planned then written.

The plan is config, MkDocs settings, a sample journey with its persona, teams and channels,
the JSON Schemas (so editors' schema modelines work offline), a GitHub Actions workflow, a
pre-commit configuration and an editing guide. It lints clean and builds as planned.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from journeyspec import __version__, clock, pyproject
from journeyspec.durations import add_duration
from journeyspec.project import CONFIG_NAME, YAML_SUFFIXES, config_in
from journeyspec.scaffold.files import PlannedFile, Written, write_new
from journeyspec.scaffold.rendering import project_templates, render
from journeyspec.schema import SCHEMA_NAMES, schema_text

DEFAULT_NAME = "Customer journeys"


def plan_repository(*, name: str = DEFAULT_NAME, today: dt.date | None = None) -> list[PlannedFile]:
    day = today or clock.today()
    context = {
        "name": name,
        "version": __version__,
        "today": day.isoformat(),
        "due": add_duration(day, "P6M").isoformat(),
    }
    files = [
        PlannedFile(
            template.removeprefix("project/").removesuffix(".j2"), render(template, **context)
        )
        for template in project_templates()
    ]
    files += [PlannedFile(f"schemas/{n}.schema.json", schema_text(n)) for n in SCHEMA_NAMES]
    return sorted(files, key=lambda f: f.path)


# The sample's data: its journey names this persona, these teams and these channels, so it
# is written all together or not at all.
SAMPLE = (
    "journeys/first-order.yaml",
    "personas/sam.yaml",
    "registry/channels.yaml",
    "registry/teams.yaml",
)


def init_repository(
    target: Path, *, name: str = DEFAULT_NAME, today: dt.date | None = None
) -> Written:
    """Scaffold ``target`` (created when missing); existing files are never touched.

    In a folder that already holds a project the sample data is left out: its journey
    would name teams, channels and a persona the project's registries do not have.
    """
    target.mkdir(parents=True, exist_ok=True)
    plan = plan_repository(name=name, today=today)
    reasons: dict[str, str] = {}
    if holds_project(target):
        reasons = dict.fromkeys(SAMPLE, _SAMPLE_LEFT_OUT)
    configured = config_in(target)
    if configured is not None and configured.name == pyproject.NAME:
        reasons[CONFIG_NAME] = _CONFIGURED_IN_PYPROJECT
    written = write_new(target, [f for f in plan if f.path not in reasons])
    for path, why in reasons.items():
        if target.joinpath(*path.split("/")).exists():
            written.skipped.append(path)
        else:
            written.left_out[path] = why
    written.skipped.sort()
    return written


_SAMPLE_LEFT_OUT = (
    "sample data: this folder holds a project already, "
    "whose teams, channels and personas the sample would not match"
)
_CONFIGURED_IN_PYPROJECT = (
    "the project is configured in pyproject.toml's [tool.journeyspec] table, "
    "which a journeyspec.yaml would override"
)


def holds_project(target: Path) -> bool:
    """Whether ``target`` already holds project data: a configuration, a registry, or a
    journey or persona file where the scaffold would put them."""
    if config_in(target) is not None:
        return True
    if any((target / path).exists() for path in SAMPLE if path.startswith("registry/")):
        return True
    return any(
        name.endswith(YAML_SUFFIXES)
        for folder in ("journeys", "personas")
        for _, _, names in os.walk(target / folder)
        for name in names
    )
