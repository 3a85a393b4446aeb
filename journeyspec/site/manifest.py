"""The manifest a build leaves in the site it publishes: every file it wrote, and its hash.

``.journeyspec-site`` is JSON listing the sha256 of each file (and nothing that varies, so
two builds of the same input stay byte-identical). The next build may replace the folder
only when the manifest lists every file in it with its current hash: a file someone added
or edited, a link, a FIFO or any other special file means the folder holds something the
build did not write. A listed file that is gone is fine. A manifest can be forged only
for files whose exact bytes the forger knows, which is why ``output`` also refuses any
folder git tracks a file in.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

NAME = ".journeyspec-site"
FORMAT = "journeyspec-site/1"
_MAX_MANIFEST = 64 * 1024 * 1024
_OPEN = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


class NotOurs(Exception):
    """Raised when a folder holds something the build did not write; the message says what."""


def write_manifest(folder: Path) -> None:
    """List every file of the freshly built ``folder`` in its manifest."""
    files = {name: _hash(folder, name) for name in sorted(_walk(folder)) if name != NAME}
    text = json.dumps({"format": FORMAT, "files": files}, indent=0)
    (folder / NAME).write_text(text + "\n", encoding="utf-8")


def check_ours(folder: Path) -> None:
    """Return when every file in ``folder`` is as the manifest says; NotOurs otherwise."""
    listed = _listed(folder)
    for name in _walk(folder):
        if name == NAME:
            continue
        if name not in listed:
            raise NotOurs(f"{name} is not one of the files journeyspec built there")
        if _hash(folder, name) != listed[name]:
            raise NotOurs(f"{name} changed since journeyspec built it")


def _listed(folder: Path) -> dict[str, str]:
    """The files the manifest lists, with their hashes; NotOurs unless it describes ``folder``."""
    path = folder / NAME
    try:
        fd = os.open(path, _OPEN)
    except FileNotFoundError:
        raise NotOurs(f"it has no {NAME} manifest of a journeyspec build") from None
    except OSError as error:
        raise NotOurs(f"its {NAME} cannot be read ({error.strerror})") from None
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(stream.fileno())
        raw = stream.read(_MAX_MANIFEST + 1) if stat.S_ISREG(info.st_mode) else b""
    try:
        data = json.loads(raw)
    except ValueError:
        data = None
    ok = (
        isinstance(data, dict)
        and data.get("format") == FORMAT
        and isinstance(data.get("files"), dict)
        and all(isinstance(v, str) for v in data["files"].values())
    )
    if not ok or len(raw) > _MAX_MANIFEST:
        raise NotOurs(f"its {NAME} is not a manifest this version of journeyspec wrote")
    files: dict[str, str] = data["files"]
    return files


def _walk(folder: Path) -> Iterator[str]:
    """Every file under ``folder`` as a relative POSIX path; NotOurs at a link or device."""
    pending = [""]
    while pending:
        relative = pending.pop()
        try:
            entries = sorted(os.scandir(folder / relative), key=lambda e: e.name, reverse=True)
        except OSError as error:
            raise NotOurs(f"{relative or '.'} cannot be read ({error.strerror})") from None
        for entry in entries:
            name = f"{relative}/{entry.name}" if relative else entry.name
            if entry.is_dir(follow_symlinks=False):
                pending.append(name)
            elif entry.is_file(follow_symlinks=False):
                yield name
            else:
                kind = "a link" if entry.is_symlink() else "a special file"
                raise NotOurs(f"{name} is {kind}, which journeyspec never builds")


def _hash(folder: Path, name: str) -> str:
    try:
        fd = os.open(folder / name, _OPEN)
    except OSError as error:
        raise NotOurs(f"{name} cannot be read ({error.strerror})") from None
    digest = hashlib.sha256()
    with os.fdopen(fd, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise NotOurs(f"{name} is not a regular file")
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
