"""The cache folder: sealed entries, never reached, written or removed through a link.

``.journeyspec-cache/`` lives in the project, where a pull request can commit anything:
links out of the project, FIFOs, entries forged to hide findings or to put a script into the
site. So the folder earns no trust:

- Everything happens through directory descriptors opened with ``O_NOFOLLOW``, so no link
  is followed at any depth, for reading, writing or pruning, whatever changes meanwhile.
- A folder holding something journeyspec never writes there (a link, a FIFO or another
  special file, a folder of another name) is left alone for the run, as if absent: never
  read, written into or cleaned.
- Every entry is sealed: it starts with a MAC of its place and bytes under this user's secret,
  kept in the user cache folder outside the project. An entry without a valid seal (planted,
  copied from another user or machine, torn) is a miss, and is never served.

``JOURNEYSPEC_CACHE=off`` turns every cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import re
import secrets
import stat
import tempfile
import threading
from pathlib import Path

CACHE_DIR = ".journeyspec-cache"
MAX_ENTRY_BYTES = 64 * 1024 * 1024  # far above any entry; a bound on what a read may hold
_MAC_HEX = 64
_SHARD = re.compile(r"[0-9a-f]{2}")
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# journeyspec's cache; safe to delete.\n"
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
# O_NONBLOCK: opening a FIFO planted under an entry's name must not wait for a writer.
_READ_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
_NEW_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC

Area = tuple[str, ...]  # a folder inside the cache folder, such as ("files", "ab")


def cache_off() -> bool:
    """Whether ``JOURNEYSPEC_CACHE`` turns the caches off."""
    return os.environ.get("JOURNEYSPEC_CACHE", "").strip().lower() in ("0", "off", "no", "false")


class CacheFolder:
    """One cache folder, held open by descriptor; any error in it is a miss, never raised."""

    def __init__(self, parent: int, name: str, secret: bytes) -> None:
        self.secret = secret
        self._parent, self._name = parent, name
        self._fd: int | None = None
        self._lock = threading.Lock()

    @classmethod
    def open(cls, root: Path, name: str = CACHE_DIR) -> CacheFolder | None:
        """The folder ``name`` in ``root`` (made on the first write), or ``None`` when the
        caches are off, there is no safe secret, or the folder is not journeyspec's alone."""
        if cache_off():
            return None
        secret = user_secret(root)
        if secret is None:
            return None
        try:
            parent = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except OSError:
            return None
        folder = cls(parent, name, secret)
        try:
            folder._fd = os.open(name, _DIR_FLAGS, dir_fd=parent)
        except FileNotFoundError:
            return folder
        except OSError:  # a link, a file, a FIFO...: not ours
            folder.close()
            return None
        if not _only_ours(folder._fd):
            folder.close()
            return None
        return folder

    def read(self, area: Area, name: str) -> bytes | None:
        """The payload of a sealed entry; ``None`` when absent, foreign, torn or not a file."""
        if self._fd is None:
            return None
        try:
            folder = _walk(self._fd, area, create=False)
        except OSError:
            return None
        try:
            handle = os.open(name, _READ_FLAGS, dir_fd=folder)
        except OSError:
            return None
        finally:
            os.close(folder)
        try:
            with os.fdopen(handle, "rb") as stream:
                info = os.fstat(handle)
                if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
                    return None
                stored = stream.read(MAX_ENTRY_BYTES + 1)
        except OSError:
            return None
        mac, payload = stored[:_MAC_HEX], stored[_MAC_HEX + 1 :]
        if stored[_MAC_HEX : _MAC_HEX + 1] != b"\n":
            return None
        return payload if hmac.compare_digest(mac, self._seal(area, name, payload)) else None

    def write(self, area: Area, name: str, payload: bytes) -> None:
        """Seal and store an entry: written aside, then renamed, so no reader sees half."""
        if len(payload) + _MAC_HEX + 1 > MAX_ENTRY_BYTES:
            return  # never read back
        try:
            folder = _walk(self._folder(), area, create=True)
        except OSError:
            return
        # The name is this thread's own, and O_EXCL never reuses or follows what is there.
        temporary = f"{name}.{os.getpid()}-{threading.get_native_id()}.tmp"
        try:
            handle = os.open(temporary, _NEW_FLAGS, 0o600, dir_fd=folder)
            with os.fdopen(handle, "wb") as out:
                out.write(self._seal(area, name, payload) + b"\n" + payload)
            os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
        except OSError:
            _unlink(folder, temporary)
        finally:
            os.close(folder)

    def listing(self, area: Area) -> tuple[list[str], list[str]]:
        """The regular files and the folders in ``area`` (links and the rest left out)."""
        files: list[str] = []
        folders: list[str] = []
        if self._fd is None:
            return files, folders
        try:
            folder = _walk(self._fd, area, create=False)
        except OSError:
            return files, folders
        try:
            with os.scandir(folder) as found:
                for entry in found:
                    if entry.is_file(follow_symlinks=False):
                        files.append(entry.name)
                    elif entry.is_dir(follow_symlinks=False):
                        folders.append(entry.name)
        except OSError:
            pass
        finally:
            os.close(folder)
        return files, folders

    def remove(self, area: Area, names: list[str]) -> None:
        """Delete these entries of ``area``: only regular files, never what a link names."""
        if self._fd is None or not names:
            return
        try:
            folder = _walk(self._fd, area, create=False)
        except OSError:
            return
        try:
            for name in names:
                _unlink(folder, name)
        finally:
            os.close(folder)

    def close(self) -> None:
        for fd in (self._fd, self._parent):
            if fd is not None and fd >= 0:
                os.close(fd)
        self._fd, self._parent = None, -1

    def __del__(self) -> None:
        self.close()

    def _seal(self, area: Area, name: str, payload: bytes) -> bytes:
        place = "/".join((*area, name)).encode()
        digest = hashlib.blake2b(key=self.secret, digest_size=_MAC_HEX // 2, person=b"jsp-entry")
        digest.update(place + b"\0")
        digest.update(payload)
        return digest.hexdigest().encode()

    def _folder(self) -> int:
        """The folder's descriptor, making and tagging it first if needed."""
        with self._lock:
            if self._fd is None:
                with contextlib.suppress(FileExistsError):  # another worker made it
                    os.mkdir(self._name, 0o777, dir_fd=self._parent)
                self._fd = os.open(self._name, _DIR_FLAGS, dir_fd=self._parent)
                # Tagged so git, backups and other tools leave it alone.
                _create(self._fd, ".gitignore", b"# journeyspec's cache\n*\n")
                _create(self._fd, "CACHEDIR.TAG", _TAG.encode())
            return self._fd


def user_secret(root: Path) -> bytes | None:
    """This user's random cache key, made once, kept in the user cache folder; ``None`` when
    that folder is unknown or inside the project (where a pull request could plant a key)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    try:
        # A relative XDG_CACHE_HOME is invalid (XDG spec) and would point into the project.
        folder = (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "journeyspec"
        path = folder / "cache-key"
        if path.resolve().is_relative_to(root.resolve()):
            return None
        key = _read_key(path)
        if len(key) != 32:
            folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=folder)  # private to the user
            with os.fdopen(handle, "wb") as out:
                out.write(secrets.token_bytes(32))
            os.replace(temporary, path)
            key = _read_key(path)  # another process may have won the race: use its key
    except (OSError, RuntimeError):  # RuntimeError: no home folder
        return None
    return key if len(key) == 32 else None


def _read_key(path: Path) -> bytes:
    try:
        handle = os.open(path, _READ_FLAGS)
    except FileNotFoundError:
        return b""
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise OSError(f"{path} is not a file")
        return stream.read(33)


def _only_ours(top: int) -> bool:
    """Whether the folder holds only what journeyspec writes there: regular files, and
    ``files/`` with regular files and two-hex-digit shard folders of regular files."""
    try:
        kinds = _kinds(top)
        if any(kind == "other" or (kind == "dir" and name != "files") for name, kind in kinds):
            return False
        if ("files", "dir") not in kinds:
            return True
        files = os.open("files", _DIR_FLAGS, dir_fd=top)
        try:
            for name, kind in _kinds(files):
                if kind == "other" or (kind == "dir" and not _SHARD.fullmatch(name)):
                    return False
                if kind == "dir":
                    shard = os.open(name, _DIR_FLAGS, dir_fd=files)
                    try:
                        if any(inner != "file" for _, inner in _kinds(shard)):
                            return False
                    finally:
                        os.close(shard)
        finally:
            os.close(files)
    except OSError:
        return False
    return True


def _kinds(folder: int) -> list[tuple[str, str]]:
    """Each name in ``folder`` with its kind, links included as ``other`` (never followed)."""
    with os.scandir(folder) as found:
        return [
            (
                entry.name,
                "file"
                if entry.is_file(follow_symlinks=False)
                else "dir"
                if entry.is_dir(follow_symlinks=False)
                else "other",
            )
            for entry in found
        ]


def _walk(top: int, area: Area, *, create: bool) -> int:
    """A new descriptor for ``area`` below ``top``, following no link on the way."""
    fd = os.dup(top)
    for part in area:
        if create:
            try:
                os.mkdir(part, 0o777, dir_fd=fd)
            except FileExistsError:
                pass
            except OSError:
                os.close(fd)
                raise
        try:
            inner = os.open(part, _DIR_FLAGS, dir_fd=fd)
        finally:
            os.close(fd)
        fd = inner
    return fd


def _create(folder: int, name: str, content: bytes) -> None:
    try:
        handle = os.open(name, _NEW_FLAGS, 0o644, dir_fd=folder)
    except OSError:  # there already, or not writable: either way not ours to replace
        return
    with os.fdopen(handle, "wb") as out:
        out.write(content)


def _unlink(folder: int, name: str) -> None:
    """Remove ``name`` if it is a regular file (unlinking never follows a link anyway)."""
    try:
        if stat.S_ISREG(os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode):
            os.unlink(name, dir_fd=folder)
    except OSError:
        pass
