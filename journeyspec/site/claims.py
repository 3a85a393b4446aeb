"""Working folders a build claims, and telling those a killed build left behind.

A build works in folders it creates: a staging folder beside the output, MkDocs' settings
in the temporary folder. Each holds a claim file, locked (``flock``) by the build while it
runs, that names the inode of the folder it was written into. A folder is debris of an
interrupted build only when all of this holds: its name starts with the prefix; it is a
real folder owned by this user (never a link); its claim is a regular file naming this
very folder; and nobody holds the lock (the kernel drops it when its holder dies, even by
``kill -9``). A claim copied or committed elsewhere names another inode, so it proves
nothing; a folder git tracks anything in is never removed either. Without ``fcntl``
(Windows) nothing is ever taken for debris.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from journeyspec import git

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

CLAIM = ".journeyspec-claim"
_OPEN = os.O_NOFOLLOW | os.O_CLOEXEC if hasattr(os, "O_NOFOLLOW") else 0


class Claim:
    """A new folder this process works in, claimed until ``remove``."""

    def __init__(self, parent: Path, prefix: str) -> None:
        self.path = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
        self._fd = os.open(self.path / CLAIM, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _OPEN, 0o600)
        if fcntl is not None:
            fcntl.flock(self._fd, fcntl.LOCK_EX)
        os.write(self._fd, _identity(self.path).encode("ascii"))

    def remove(self) -> None:
        """Delete the folder and everything in it, then let go of the claim."""
        shutil.rmtree(self.path, ignore_errors=True)
        with contextlib.suppress(OSError):
            os.close(self._fd)


def remove_abandoned(parent: Path, prefix: str) -> list[Path]:
    """Remove every folder in ``parent`` that a dead build claimed; the ones removed."""
    if fcntl is None:
        return []
    try:
        entries = [e for e in os.scandir(parent) if e.name.startswith(prefix)]
    except OSError:
        return []
    removed: list[Path] = []
    for entry in sorted(entries, key=lambda e: e.name):
        folder = Path(entry.path)
        with _abandoned(folder) as lock:
            if lock and not git.tracked(folder):
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
    return removed


@contextlib.contextmanager
def _abandoned(folder: Path) -> Iterator[bool]:
    """True, holding its lock while the block runs, when ``folder`` is a dead build's."""
    try:
        info = os.lstat(folder)
        fd = os.open(folder / CLAIM, os.O_RDONLY | os.O_NONBLOCK | _OPEN)
    except OSError:
        yield False
        return
    try:
        mine = stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()
        if not (mine and stat.S_ISREG(os.fstat(fd).st_mode)):
            yield False
            return
        if os.read(fd, 256) != _identity(folder).encode("ascii"):
            yield False
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # its build is still running
            yield False
            return
        yield True
    finally:
        os.close(fd)


def _identity(folder: Path) -> str:
    info = os.lstat(folder)
    return f"journeyspec build folder {info.st_dev}:{info.st_ino}\n"
