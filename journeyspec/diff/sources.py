"""The two sides of a diff: a project as it is in a folder, or as it was at a git revision.

A revision is read with ``git ls-tree`` and ``git cat-file`` into a temporary folder (never a
checkout, so the working tree and index are untouched); only the project's YAML files are
copied, at the same place relative to the project root, so paths in both states match.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from journeyspec import git, pyproject
from journeyspec.errors import UsageError
from journeyspec.project import YAML_SUFFIXES, ProjectConfig, config_in, load_config


@dataclass(frozen=True)
class Side:
    """One state to compare: its label for reports and its project settings."""

    label: str
    config: ProjectConfig


@contextmanager
def open_side(spec: str | None, current: ProjectConfig) -> Iterator[Side]:
    """``spec`` as a project state: None is the working tree, a folder is read as it is,
    anything else is a git revision of the repository holding ``current``."""
    if spec is None:
        yield Side("working tree", current)
        return
    folder = Path(spec)
    if folder.is_dir():
        yield Side(spec, _config(folder.resolve()))
        return
    with tempfile.TemporaryDirectory(prefix="journeyspec-diff-") as temp:
        root = Path(temp)
        _extract(spec, current, root)
        yield Side(spec, _config(root))


def _config(folder: Path) -> ProjectConfig:
    # Only the folder's own journeyspec.yaml: walking up from a temporary folder or a
    # sibling checkout must not pick up an unrelated project's settings.
    candidate = config_in(folder)
    if candidate is not None:
        return load_config(folder, config_file=candidate)
    return ProjectConfig(root=folder)


def _extract(revision: str, current: ProjectConfig, target: Path) -> None:
    root = current.root
    if not git.in_repository(root):
        raise UsageError(f"{revision}: not a folder, and {root} is not in a git repository")
    if not git.is_revision(root, revision):
        raise UsageError(
            f"{revision}: neither a folder nor a git revision (a branch, tag or commit)"
        )
    _, prefix = git.run(root, "rev-parse", "--show-prefix")
    prefix = prefix.strip()
    _, listing = git.run(root, "ls-tree", "-r", "-z", "--full-tree", revision, "--", prefix or ".")
    blobs: list[tuple[str, PurePosixPath]] = []
    for entry in listing.split("\0"):
        if not entry:
            continue
        meta, name = entry.split("\t", 1)
        mode, kind, sha = meta.split()
        relative = PurePosixPath(name).relative_to(prefix) if prefix else PurePosixPath(name)
        wanted = relative.suffix in YAML_SUFFIXES or relative == PurePosixPath(pyproject.NAME)
        if kind == "blob" and mode in ("100644", "100755") and wanted:
            blobs.append((sha, relative))
    for (_, relative), content in zip(blobs, _cat(root, [sha for sha, _ in blobs]), strict=True):
        path = target.joinpath(*relative.parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def _cat(root: Path, shas: list[str]) -> list[bytes]:
    """The contents of blobs, read in one ``git cat-file --batch`` call."""
    if not shas:
        return []
    done = subprocess.run(
        ["git", "cat-file", "--batch"],
        cwd=root,
        input=("\n".join(shas) + "\n").encode(),
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        raise UsageError(f"git cat-file failed: {done.stderr.decode(errors='replace').strip()}")
    out, contents, at = done.stdout, [], 0
    for _ in shas:
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        contents.append(out[header_end + 1 : header_end + 1 + size])
        at = header_end + 1 + size + 1
    return contents
