"""Paths a user or a pull request names: one gate for reading and writing them.

A path from the command line is made absolute and has its ``.`` and ``..`` collapsed
before it is checked, and only that normalised path is used afterwards, so
``journeys/../../secret.yaml`` is judged as the ``../secret.yaml`` it really is.
Reading takes regular files only, up to a size limit, and never waits on a FIFO.
Writing never goes through a link, never replaces anything but a regular file, and
replaces a file by renaming a complete new one into its place.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from journeyspec.errors import UsageError
from journeyspec.wording import clip

SHOWN = 200  # characters of a value quoted in a message
# Flags POSIX has and Windows lacks (where links need privileges and FIFOs do not exist),
# and the one Windows needs for bytes to stay bytes.
_COMMON = getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0) | _COMMON
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | _COMMON


class NotARegularFile(UsageError):
    """Raised when a path names a device, a FIFO, a socket or a folder where a file is read."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(
            f"{shown(path)} is not a regular file (a device, pipe, socket or folder); "
            "journeyspec reads plain files only"
        )


class FileTooLarge(UsageError):
    """Raised when a file is larger than the limit of what reads it."""

    def __init__(self, path: Path | str, size: int, limit: int) -> None:
        super().__init__(
            f"{shown(path)} is {size / 1048576:.1f} MB or more; "
            f"journeyspec reads files up to {limit // 1048576} MB"
        )
        self.size, self.limit = size, limit


def shown(value: object) -> str:
    """``value`` for a message: a 5,000-character name must not flood the terminal."""
    return clip(str(value), SHOWN)


def named(path: Path | str) -> str:
    """``path`` as short as it can be said from the working directory, for messages."""
    text = str(path)
    try:
        relative = os.path.relpath(text)
    except ValueError:
        return shown(text)
    return shown(text if relative.startswith("..") else relative)


def normalise(raw: str | os.PathLike[str], base: Path | None = None) -> Path:
    """``raw`` made absolute (from ``base``, else the working directory) with ``.`` and
    ``..`` collapsed as written, never by following a link."""
    return Path(os.path.normpath(os.path.join(base or os.getcwd(), os.fspath(raw))))


def inside(path: Path, root: Path) -> bool:
    """Whether the folder holding ``path`` is in ``root`` once its links are followed.

    The last part is not followed: whether a link may be read is the reader's question
    (``project.scan`` refuses links out of the project with a finding).
    """
    try:
        return (path.parent.resolve() / path.name).is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a link loop
        return False


def in_project(raw: str | os.PathLike[str], root: Path) -> Path:
    """The normalised ``raw``, which must exist and lie in the project at ``root``."""
    path = normalise(raw)
    if not os.path.lexists(path):
        raise UsageError(f"{shown(raw)}: no such file or folder")
    if not inside(path, root):
        # Another project's files would be judged by this project's layout and schemas.
        raise UsageError(
            f"{shown(raw)} is outside this project ({root}); run journeyspec from the "
            "project that holds it, or name its journeyspec.yaml with --config"
        )
    if path.is_relative_to(root):
        return path
    return path.parent.resolve() / path.name  # reached through a link above the project


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path`` (a link to one is followed), at most
    ``limit`` of them; NotARegularFile or FileTooLarge otherwise."""
    # O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer forever.
    handle = os.open(path, os.O_RDONLY | _NONBLOCK)
    with open(handle, "rb") as stream:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(path)
        if info.st_size > limit:
            raise FileTooLarge(path, info.st_size, limit)
        data = stream.read(limit + 1)  # the file may grow while it is read
    if len(data) > limit:
        raise FileTooLarge(path, len(data), limit)
    return data


def no_links_below(path: Path, root: Path) -> None:
    """Refuse ``path`` when any part of it at or below ``root`` is a link (or, for a path
    outside ``root``, when its last part is one): writes never go through a link."""
    if path.is_relative_to(root):
        parts = path.relative_to(root).parts
        candidates = [root.joinpath(*parts[: n + 1]) for n in range(len(parts))]
    else:
        candidates = [path]
    for candidate in candidates:
        if candidate.is_symlink():
            raise UsageError(
                f"{named(candidate)} is a link; journeyspec never writes through a link "
                "(remove the link, or name a path without one)"
            )


def write_file(path: Path, text: str | bytes, *, replace: bool, force_hint: str = "") -> None:
    """Create ``path`` with ``text`` (UTF-8; bytes as they are) or, with ``replace``, put it
    in place of the regular file there. A link, folder, FIFO or socket at ``path`` is
    refused; a character device (``/dev/null``) is written to as it is. Missing folders are
    created."""
    try:
        info: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        info = None
    if info is not None:
        _refuse_kind(path, info.st_mode)
        if stat.S_ISCHR(info.st_mode):
            _write_device(path, text.encode("utf-8") if isinstance(text, str) else text)
            return
        if not replace:
            raise UsageError(f"{named(path)} already exists{force_hint}")
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if info is None:
            _create(path, data)
        else:
            _replace(path, data, stat.S_IMODE(info.st_mode))
    except OSError as exc:  # named by the file asked for, not by a temporary file beside it
        raise OSError(exc.errno, exc.strerror, str(path)) from None


def _refuse_kind(path: Path, mode: int) -> None:
    if stat.S_ISLNK(mode):
        raise UsageError(
            f"{named(path)} is a link; journeyspec never writes through a link "
            "(remove the link, or name another file)"
        )
    if stat.S_ISDIR(mode):
        raise UsageError(f"{named(path)} is a folder; name a file to write")
    if not (stat.S_ISREG(mode) or stat.S_ISCHR(mode)):
        raise UsageError(f"{named(path)} is a pipe or socket, not a file to write")


def _write_device(path: Path, data: bytes) -> None:
    try:
        handle = os.open(path, os.O_WRONLY | NOFOLLOW)
        with open(handle, "wb") as stream:
            stream.write(data)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from None


def _create(path: Path, data: bytes) -> None:
    # O_EXCL | O_NOFOLLOW: a file or link that appears after the check is never written to.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW
    try:
        handle = os.open(path, flags, 0o644)
    except FileExistsError:
        raise UsageError(f"{named(path)} appeared while journeyspec was writing it") from None
    try:
        with open(handle, "wb") as stream:
            stream.write(data)
    except BaseException:
        path.unlink(missing_ok=True)  # ours: made above, exclusively
        raise


def _replace(path: Path, data: bytes, mode: int) -> None:
    # A complete file renamed over the old one: an interrupted or failed write (a full
    # disk) leaves the old file, and a rename replaces a link rather than following it.
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with open(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
