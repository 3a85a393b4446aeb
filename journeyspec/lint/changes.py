"""Which journeys changed since a git revision, for ``lint --changed-since REF``."""

from __future__ import annotations

import subprocess
from pathlib import Path

from journeyspec.errors import UsageError
from journeyspec.project import YAML_SUFFIXES, ProjectConfig


def changed_journeys(config: ProjectConfig, ref: str) -> list[str]:
    """Project-relative paths of journey files changed since ``ref`` (committed, staged,
    unstaged or untracked) that still exist."""
    root = config.root
    if _git(root, "rev-parse", "--is-inside-work-tree", check=False)[0] != 0:
        raise UsageError(f"--changed-since needs a git repository, and {root} is not in one")
    if (
        ref.startswith("-")
        or _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False)[0] != 0
    ):
        raise UsageError(
            f"--changed-since {ref}: no such git revision (try a branch, tag or commit)"
        )
    # --relative with the project root as working directory gives project-relative paths
    # even when the repository root lies above the project.
    _, changed = _git(root, "diff", "--name-only", "--relative", "--no-renames", ref, "--")
    _, untracked = _git(root, "ls-files", "--others", "--exclude-standard")
    journeys = config.path("journeys").resolve()
    chosen = set()
    for name in changed.splitlines() + untracked.splitlines():
        path = (root / name).resolve()
        if path.suffix in YAML_SUFFIXES and path.is_file() and path.is_relative_to(journeys):
            chosen.add(name)
    return sorted(chosen)


def _git(root: Path, *args: str, check: bool = True) -> tuple[int, str]:
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:
        raise UsageError("--changed-since needs git, and git is not installed") from None
    if check and done.returncode != 0:
        raise UsageError(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.returncode, done.stdout
