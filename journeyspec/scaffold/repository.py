"""``journeyspec init``: the files of a new journeys repository, planned then written.

The plan is config, MkDocs settings, a sample journey with its persona, teams and channels,
the JSON Schemas (so editors' schema modelines work offline), a GitHub Actions workflow, a
pre-commit configuration and an editing guide. It lints clean and builds as planned.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from journeyspec import __version__, clock
from journeyspec.durations import add_duration
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


def init_repository(
    target: Path, *, name: str = DEFAULT_NAME, today: dt.date | None = None
) -> Written:
    """Scaffold ``target`` (created when missing); existing files are never touched."""
    target.mkdir(parents=True, exist_ok=True)
    return write_new(target, plan_repository(name=name, today=today))
