"""What the live preview reads, as it is on disk: which files changed since the last build.

The file watcher only says that something changed; a snapshot of every file under the
watched folders (size, modification time, inode) says which files did, so a rebuild can
take only those. Comparing two snapshots costs one ``stat`` per file. A file modified in
the last seconds is stamped with a checksum of its bytes too, and so is it in the next
snapshot: the clock that stamps modification times ticks coarsely, and two saves of the
same size within one tick would otherwise look like one.
"""

from __future__ import annotations

import os
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# size, mtime_ns, inode, crc32 (None: not taken); None: not readable
Stamp = tuple[int, int, int, int | None] | None
RECENT_NS = 2_000_000_000  # modified this recently: its bytes are checksummed too


@dataclass(frozen=True)
class Snapshot:
    """Every file under some folders (and some single files), stamped."""

    stamps: dict[Path, Stamp]

    @classmethod
    def take(cls, roots: Iterable[Path], since: Snapshot | None = None) -> Snapshot:
        """``since``: the snapshot this one will be compared with."""
        before = since.stamps if since is not None else {}
        stamps: dict[Path, Stamp] = {}
        for root in roots:
            if root.is_dir():
                for here, folders, names in os.walk(root):
                    folders.sort()
                    for name in names:
                        path = Path(here, name)
                        stamps[path] = _stamp(path, before.get(path))
            elif os.path.lexists(root):
                stamps[root] = _stamp(root, before.get(root))
        return cls(stamps)

    def changed(self, since: Snapshot) -> set[Path]:
        """The files added, removed or changed since ``since``."""
        before, now = since.stamps, self.stamps
        return {p for p in before.keys() | now.keys() if before.get(p, 0) != now.get(p, 0)}


def _stamp(path: Path, before: Stamp) -> Stamp:
    try:
        found = path.stat()
        wanted = time.time_ns() - found.st_mtime_ns < RECENT_NS or (
            before and before[3] is not None
        )
        crc = zlib.crc32(path.read_bytes()) if wanted and path.is_file() else None
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns, found.st_ino, crc
