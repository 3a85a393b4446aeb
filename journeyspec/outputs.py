"""Where a command may write a file it was told to: never over a project input, never
through a link.

Reports (``lint --format NAME:FILE``), baselines (``--write-baseline``) and exports
(``export -o``) are the files a user names. A slip or a hostile pull request must not turn
one into the loss of a journey: a file the project is made of (its journeys, personas,
registries, ``journeyspec.yaml``, ``mkdocs.yml``, any YAML file, the schemas and the
MkDocs pages) is never replaced, not even with ``--force``, and nothing is written under
``.git``. A link in the named path, at or below the project root, is refused.
"""

from __future__ import annotations

import os
from pathlib import Path

from journeyspec import paths
from journeyspec.errors import UsageError
from journeyspec.project import YAML_SUFFIXES, ProjectConfig, discover

INPUT_FOLDERS = ("schemas", "docs", ".github")  # authored files that are not YAML
NEVER_UNDER = (".git",)


def output_path(raw: str | os.PathLike[str], config: ProjectConfig, *, what: str) -> Path:
    """The normalised ``raw`` for a write, checked for links and for being a project
    input, so that ``paths.write_file`` may follow. ``what`` names it in messages, as the
    user gave it (``--format json:out.json``)."""
    path = paths.normalise(raw)
    root = config.root
    paths.no_links_below(path, root)
    blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        raise UsageError(
            f"cannot write {paths.shown(what)}: {paths.shown(_relative(blocker))} is a file, "
            "not a folder"
        )
    where = path.parent.resolve() / path.name
    for folder in NEVER_UNDER:
        if where.is_relative_to(root / folder):
            raise UsageError(f"{paths.shown(what)} lies in {folder}/; write it elsewhere")
    if os.path.lexists(where) and is_input(where, config):
        raise UsageError(
            f"{paths.shown(what)} would replace a file of the project; "
            "write it to a new file instead"
        )
    return path


def is_input(path: Path, config: ProjectConfig) -> bool:
    """Whether ``path`` (its folder's links followed) is one of the files a project is
    made of: never replaced by a command's output."""
    root = config.root
    if not path.is_relative_to(root):
        return False
    if path.suffix in YAML_SUFFIXES:  # journeys, personas, registries, config, mkdocs.yml
        return True
    if any(path.is_relative_to(root / folder) for folder in INPUT_FOLDERS):
        return True
    if config.config_path is not None and path == config.config_path:
        return True
    files, _ = discover(config)
    return any(path == source.path.parent.resolve() / source.path.name for source in files)


def _relative(path: Path) -> str:
    """``path`` as the user would write it from here: relative when below the working folder."""
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
