"""Writing scaffolded files without ever replacing one: each file is created exclusively."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class PlannedFile:
    path: str  # POSIX, relative to the target folder
    content: str


@dataclass
class Written:
    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # existed already: left byte for byte
    # Not written although missing, with why: the folder holds a project they would not fit.
    left_out: dict[str, str] = field(default_factory=dict)


def write_new(target: Path, files: list[PlannedFile]) -> Written:
    """Create each file that does not exist yet (and its folders); skip every one that does,
    including symlinks, whatever they point at."""
    written = Written()
    for planned in files:
        path = target.joinpath(*planned.path.split("/"))
        if path.exists() or path.is_symlink():
            written.skipped.append(planned.path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            # O_EXCL: even a file appearing between the check and the write is not replaced.
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            written.skipped.append(planned.path)
            continue
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(planned.content)
        written.created.append(planned.path)
    return written
