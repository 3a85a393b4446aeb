"""Writing scaffolded files without ever replacing one: each file is created exclusively."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from journeyspec.paths import NOFOLLOW


@dataclass(frozen=True)
class PlannedFile:
    path: str  # POSIX, relative to the target folder
    content: str


@dataclass
class Written:
    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # existed already: left byte for byte
    # (path, why): a folder on the way is a link or a file; nothing is written through it
    refused: list[tuple[str, str]] = field(default_factory=list)
    # Not written although missing, with why: the folder holds a project they would not fit.
    left_out: dict[str, str] = field(default_factory=dict)


def write_new(target: Path, files: list[PlannedFile]) -> Written:
    """Create each file that does not exist yet (and its folders); skip every one that does,
    including symlinks, whatever they point at; refuse one whose folder (below ``target``)
    is a link or a file: a committed ``journeys -> /elsewhere`` is never written through."""
    written = Written()
    for planned in files:
        parts = planned.path.split("/")
        blocked = _blocked(target, parts[:-1])
        if blocked is not None:
            written.refused.append((planned.path, blocked))
            continue
        path = target.joinpath(*parts)
        if os.path.lexists(path):
            written.skipped.append(planned.path)
            continue
        for depth in range(1, len(parts)):
            target.joinpath(*parts[:depth]).mkdir(exist_ok=True)
        try:
            # O_EXCL | O_NOFOLLOW: a file or link appearing after the check is not written to.
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW
            handle = os.open(path, flags, 0o644)
        except FileExistsError:
            written.skipped.append(planned.path)
            continue
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(planned.content)
        written.created.append(planned.path)
    return written


def _blocked(target: Path, folders: list[str]) -> str | None:
    """Why the folders ``folders`` below ``target`` cannot hold a new file, or None."""
    for depth in range(1, len(folders) + 1):
        folder = target.joinpath(*folders[:depth])
        shown = "/".join(folders[:depth])
        if folder.is_symlink():
            return f"{shown} is a link; journeyspec never writes through a link"
        if os.path.lexists(folder) and not folder.is_dir():
            return f"{shown} is a file where a folder is needed"
    return None
