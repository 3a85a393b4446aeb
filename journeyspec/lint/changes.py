"""Which journeys changed since a git revision, for ``lint --changed-since REF``."""

from __future__ import annotations

from journeyspec import git
from journeyspec.errors import UsageError
from journeyspec.project import YAML_SUFFIXES, ProjectConfig


def changed_journeys(config: ProjectConfig, ref: str) -> list[str]:
    """Project-relative paths of journey files changed since ``ref`` (committed, staged,
    unstaged or untracked) that still exist."""
    root = config.root
    if not git.in_repository(root):
        raise UsageError(f"--changed-since needs a git repository, and {root} is not in one")
    if not git.is_revision(root, ref):
        raise UsageError(
            f"--changed-since {ref}: no such git revision (try a branch, tag or commit)"
        )
    # --relative with the project root as working directory gives project-relative paths
    # even when the repository root lies above the project.
    _, changed = git.run(
        root, "diff", "--name-only", "--relative", "--no-renames", ref, "--", check=True
    )
    _, untracked = git.run(root, "ls-files", "--others", "--exclude-standard", check=True)
    journeys = config.path("journeys").resolve()
    chosen = set()
    for name in changed.splitlines() + untracked.splitlines():
        path = (root / name).resolve()
        if path.suffix in YAML_SUFFIXES and path.is_file() and path.is_relative_to(journeys):
            chosen.add(name)
    return sorted(chosen)
