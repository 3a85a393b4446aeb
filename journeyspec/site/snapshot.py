"""What the live preview reads, as it is on disk: which files changed since the last build.

The file watcher only says that something changed; a snapshot of every file under the
watched folders (size, modification time, inode) says which files did, so a rebuild can
take only those. Comparing two snapshots costs one ``stat`` per file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

Stamp = tuple[int, int, int] | None  # size, mtime_ns, inode; None: not readable


@dataclass(frozen=True)
class Snapshot:
    """Every file under some folders (and some single files), stamped."""

    stamps: dict[Path, Stamp]

    @classmethod
    def take(cls, roots: Iterable[Path]) -> Snapshot:
        stamps: dict[Path, Stamp] = {}
        for root in roots:
            if root.is_dir():
                for here, folders, names in os.walk(root):
                    folders.sort()
                    for name in names:
                        path = Path(here, name)
                        stamps[path] = _stamp(path)
            elif os.path.lexists(root):
                stamps[root] = _stamp(root)
        return cls(stamps)

    def changed(self, since: Snapshot) -> set[Path]:
        """The files added, removed or changed since ``since``."""
        before, now = since.stamps, self.stamps
        return {p for p in before.keys() | now.keys() if before.get(p, 0) != now.get(p, 0)}


def _stamp(path: Path) -> Stamp:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns, found.st_ino
