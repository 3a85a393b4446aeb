"""The Python API: what the commands do, as functions that return values and never print.

::

    from journeyspec import api

    result = api.check("path/to/project")              # validate + lint
    for finding in result.findings:
        print(finding)                                  # path:line:col: severity[rule]: ...
    built = api.build("path/to/project")                # the site, in built.site_dir
    changes = api.diff("main", project="path/to/project")
    for journey in changes.journeys:
        print(journey.id, journey.status, [c.change for c in journey.changes])

``project`` is any folder inside a project (its ``journeyspec.yaml`` is found by walking
up), or settings from ``api.settings``; it defaults to the current directory. Errors are
``journeyspec.errors.JourneyspecError`` subclasses: ``ConfigError`` for a bad
``journeyspec.yaml``, ``UsageError`` for a path or revision that does not exist (or, for
``check`` and ``build``, a folder that holds no project),
``BuildError`` (``ProjectErrors``, with ``.findings``, when files are invalid) when the
site cannot be built.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from journeyspec.diff import DiffResult
from journeyspec.diff import diff as diff_states
from journeyspec.lint import LintResult, lint
from journeyspec.project import ProjectConfig, load_config, require_project

if TYPE_CHECKING:  # imported by build() only: MkDocs takes ~0.3 s to import
    from journeyspec.site.build import Built

__all__ = ["build", "check", "diff", "settings"]


Project = str | Path | ProjectConfig


def settings(project: Project = ".", *, config_file: str | Path | None = None) -> ProjectConfig:
    """The settings of the project holding folder ``project`` (or of ``config_file``);
    settings already loaded are returned as they are."""
    if isinstance(project, ProjectConfig):
        return project
    return load_config(Path(project), config_file=Path(config_file) if config_file else None)


def check(
    project: Project = ".", paths: Sequence[str] = (), *, today: dt.date | None = None
) -> LintResult:
    """Validate and lint the project (or, with ``paths``, those files against the whole
    project). ``result.findings`` are sorted by place; ``result.validation.portfolio`` is
    the model of every valid file. ``today`` pins the date rules compare against."""
    config = settings(project)
    require_project(config)
    return lint(config, paths, today=today)


def build(
    project: Project = ".", *, site_dir: str | Path | None = None, strict: bool = True
) -> Built:
    """Lint, then build the site (into ``site_dir``, default from mkdocs.yml, else
    ``site/``); the previous site is replaced only when the build succeeds. Lint errors
    stop the build (``ProjectErrors``) unless ``strict=False``; invalid files always do."""
    folder = Path(site_dir) if site_dir else None
    from journeyspec.site.build import build_site

    config = settings(project)
    require_project(config)
    return build_site(config, site_dir=folder, strict=strict)


def diff(
    base: str,
    head: str | None = None,
    *,
    project: Project = ".",
    today: dt.date | None = None,
) -> DiffResult:
    """What changed in each journey from ``base`` to ``head`` (git revisions or folders;
    ``head`` None is the working tree). Render it with
    ``journeyspec.diff.formats.RENDERERS[name](result)`` (``text``, ``markdown``, ``json``)."""
    return diff_states(settings(project), base, head, today=today)
