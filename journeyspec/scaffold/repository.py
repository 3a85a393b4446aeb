"""``journeyspec init``: the files of a new journeys repository, planned then written.

The plan is config, MkDocs settings, a sample journey with its persona, teams and channels,
the JSON Schemas (so editors' schema modelines work offline), a GitHub Actions workflow, a
pre-commit configuration and an editing guide. It lints clean and builds as planned.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from journeyspec import __version__, clock, pyproject
from journeyspec.diff.markdown import MARKER
from journeyspec.durations import add_duration
from journeyspec.errors import JourneyspecError, UsageError
from journeyspec.project import CONFIG_NAME, YAML_SUFFIXES, config_in, load_config
from journeyspec.scaffold.files import PlannedFile, Written, write_new
from journeyspec.scaffold.rendering import project_templates, render
from journeyspec.schema import SCHEMA_NAMES, schema_text

DEFAULT_NAME = "Customer journeys"
# journeyspec is not on a package index under its name: the scaffolded workflow installs
# the release that wrote it from its source repository (where the pre-commit hooks come
# from too), unless ``init --install`` says otherwise.
DEFAULT_INSTALL = f"git+https://github.com/journeyspec/journeyspec@v{__version__}"
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]|\$\{\{")


def install_spec(spec: str) -> str:
    """``spec`` when it can stand in the workflow as what ``pip install`` is given; a
    ``UsageError`` for what cannot (options, line breaks, GitHub ``${{ }}`` expressions)."""
    if not spec.strip():
        raise UsageError("--install needs a pip requirement, e.g. a git URL at a tag")
    if _UNSAFE.search(spec):
        raise UsageError(
            f"--install {spec!r}: line breaks, control characters and ${{{{ are not allowed"
        )
    if spec.lstrip().startswith("-"):
        raise UsageError(f"--install {spec!r}: give a requirement, not a pip option")
    return spec.strip()


def plan_repository(
    *, name: str = DEFAULT_NAME, today: dt.date | None = None, install: str = DEFAULT_INSTALL
) -> list[PlannedFile]:
    day = today or clock.today()
    context = {
        "name": name,
        "version": __version__,
        "install": install_spec(install),
        "default_install": install == DEFAULT_INSTALL,
        "marker": MARKER,
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
    target: Path,
    *,
    name: str = DEFAULT_NAME,
    today: dt.date | None = None,
    install: str = DEFAULT_INSTALL,
) -> Written:
    """Scaffold ``target`` (created when missing); existing files are never touched.

    In a folder that already holds a project the sample data is left out: its journey
    would name teams, channels and a persona the project's registries do not have.
    """
    plan = plan_repository(name=name, today=today, install=install)
    _refuse_data_folder(target)
    target.mkdir(parents=True, exist_ok=True)
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


def _refuse_data_folder(target: Path) -> None:
    """Refuse a folder inside another project's journeys or personas folder: that project
    would read every YAML file of the scaffold as one of its journeys or personas."""
    here = target.resolve()
    outer = next((p for p in here.parents if config_in(p) is not None), None)
    if outer is None:
        return
    try:
        config = load_config(outer)
    except JourneyspecError:
        return  # its configuration is broken: it reads nothing until that is fixed
    for key in ("journeys", "personas"):
        folder = config.path(key).resolve()
        if here.is_relative_to(folder):
            raise UsageError(
                f"{here} is inside the {key} folder of the project in {config.root}, "
                f"which would read the new files as its {key}; run init in a folder of "
                "its own, or in that project's root to add what it lacks"
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
