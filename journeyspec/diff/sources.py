"""The two sides of a diff: a project as it is in a folder, or as it was at a git revision.

A revision is read with ``git ls-tree`` and ``git cat-file`` into a temporary folder (never a
checkout, so the working tree and index are untouched); only the project's files (its
journeyspec.yaml, then what its settings name: journeys, personas, registries) are copied,
streamed, at the same place relative to the project root, so paths in both states match.
"""

from __future__ import annotations

import os
import posixpath
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from journeyspec import git, pyproject
from journeyspec.errors import UsageError
from journeyspec.loader import MAX_FILE_BYTES
from journeyspec.project import (
    CONFIG_NAME,
    YAML_SUFFIXES,
    ProjectConfig,
    config_in,
    load_config,
    require_project,
)
from journeyspec.schema import REGISTRIES

# The files that say which files are the project's: extracted first.
_SETTINGS = (PurePosixPath(CONFIG_NAME), PurePosixPath(pyproject.NAME))


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
        require_project(current)
        yield Side("working tree", current)
        return
    folder = Path(spec)
    if _is_folder(folder):
        yield Side(spec, _folder(spec, folder.resolve()))
        return
    with tempfile.TemporaryDirectory(prefix="journeyspec-diff-") as temp:
        root = Path(temp)
        _extract(spec, current, root)
        yield Side(spec, _config(root))


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long for a file name can still be tried as a revision
        return False


def _folder(spec: str, folder: Path) -> ProjectConfig:
    """A folder named to compare must hold a project: comparing two folders that hold
    none would report "no journey changes" about the wrong folders."""
    config = _config(folder)
    try:
        require_project(config)
    except UsageError:
        raise UsageError(
            f"{spec} holds no journeyspec project (no {CONFIG_NAME} and no "
            f"{config.paths['journeys']}/ folder in it); name a project's folder or a git "
            "revision"
        ) from None
    return config


def _config(folder: Path) -> ProjectConfig:
    # Only the folder's own journeyspec.yaml: walking up from a temporary folder or a
    # sibling checkout must not pick up an unrelated project's settings.
    if config_in(folder) is not None:
        return load_config(folder)  # finds it, refused if it links out of ``folder``
    return ProjectConfig(root=folder)


def _extract(revision: str, current: ProjectConfig, target: Path) -> None:
    """Write the project files of ``revision`` into ``target``: its journeyspec.yaml first,
    then only the files its settings make part of the project (journeys, personas, the two
    registries), each streamed from git to disk; nothing else in the tree is read."""
    root = current.root
    if not git.in_repository(root):
        raise UsageError(f"{revision}: not a folder, and {root} is not in a git repository")
    if not git.is_revision(root, revision):
        raise UsageError(
            f"{revision}: neither a folder nor a git revision (a branch, tag or commit)"
        )
    _, prefix = git.run(root, "rev-parse", "--show-prefix")
    prefix = prefix.strip()
    blobs: dict[PurePosixPath, str] = {}
    for entry in _ls_tree(root, revision, prefix).split(b"\0"):
        if not entry:
            continue
        meta, raw_name = entry.split(b"\t", 1)
        # Names are bytes to git: one that is not UTF-8 keeps its bytes (surrogateescape),
        # as the working tree's names do, instead of failing to decode the whole listing.
        name = os.fsdecode(raw_name)
        mode, kind, sha = meta.decode("ascii").split()
        relative = PurePosixPath(name).relative_to(prefix) if prefix else PurePosixPath(name)
        # A crafted tree can hold entries named ".." (git itself refuses to check them
        # out): written as they are, they would land outside the temporary folder.
        if set(name.split("/")) & {"", ".", ".."}:
            continue
        wanted_kind = relative.suffix in YAML_SUFFIXES or relative in _SETTINGS
        if kind == "blob" and mode in ("100644", "100755") and wanted_kind:
            blobs[relative] = sha
    _cat(root, [(blobs[s], target / s.name) for s in _SETTINGS if s in blobs])
    wanted = _Wanted(_config(target))
    _cat(
        root,
        [
            (sha, target.joinpath(*r.parts))
            for r, sha in blobs.items()
            if wanted(r) and r not in _SETTINGS
        ],
    )


def _ls_tree(root: Path, revision: str, prefix: str) -> bytes:
    command = ["git", "ls-tree", "-r", "-z", "--full-tree", revision, "--", prefix or "."]
    done = subprocess.run(command, cwd=root, capture_output=True, check=False)
    if done.returncode != 0:
        raise UsageError(f"git ls-tree failed: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


class _Wanted:
    """Whether a file of a revision is one the project's discovery would read there."""

    def __init__(self, config: ProjectConfig) -> None:
        paths = {key: posixpath.normpath(value) for key, value in config.paths.items()}
        self.folders = [paths.get("journeys", "journeys"), paths.get("personas", "personas")]
        self.files = {paths.get(name) for name in REGISTRIES}

    def __call__(self, relative: PurePosixPath) -> bool:
        name = relative.as_posix()
        return name in self.files or any(
            folder == "." or name.startswith(folder + "/") for folder in self.folders
        )


def _cat(root: Path, blobs: list[tuple[str, Path]]) -> None:
    """Write each blob (sha, destination) to its file, streamed through one
    ``git cat-file --batch``: no blob is ever held in memory whole, and one larger than the
    loader reads is written sparse at its full size (the loader refuses it by its size)."""
    if not blobs:
        return
    requests = ("\n".join(sha for sha, _ in blobs) + "\n").encode()
    header: list[bytes] = []
    with subprocess.Popen(
        ["git", "cat-file", "--batch"],
        cwd=root,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdin and process.stdout and process.stderr
        # Fed from a thread: git answers while it reads, and both pipes have small buffers.
        feeder = threading.Thread(target=_feed, args=(process.stdin, requests), daemon=True)
        feeder.start()
        for _, path in blobs:
            header = process.stdout.readline().split()
            if len(header) != 3:
                break
            _copy(process.stdout, int(header[2]), path)
            process.stdout.read(1)  # the newline after each blob
        stderr = process.stderr.read().decode(errors="replace").strip()
        feeder.join()
    if process.returncode != 0 or len(header) != 3:
        shown = stderr or b" ".join(header).decode(errors="replace")
        raise UsageError(f"git cat-file failed: {shown}")


def _feed(stream: IO[bytes], data: bytes) -> None:
    try:
        stream.write(data)
        stream.close()
    except BrokenPipeError:  # git stopped early; its error is reported by the reader
        pass


def _copy(source: IO[bytes], size: int, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    kept = min(size, MAX_FILE_BYTES + 1)
    with path.open("wb") as out:
        left = kept
        while left:
            chunk = source.read(min(left, _CHUNK))
            if not chunk:
                raise UsageError("git cat-file ended in the middle of a file")
            out.write(chunk)
            left -= len(chunk)
        skipped = size - kept
        while skipped:
            chunk = source.read(min(skipped, _CHUNK))
            if not chunk:
                raise UsageError("git cat-file ended in the middle of a file")
            skipped -= len(chunk)
        out.truncate(size)


_CHUNK = 1 << 16
