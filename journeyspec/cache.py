"""The content cache: each file's load and schema results, keyed by its bytes.

A file whose bytes, schema and journeyspec code are unchanged is not parsed nor validated
again: its data and findings come from ``.journeyspec-cache/files/`` in the project root.
Entries are JSON (never pickle: a cache file must not be able to run code). Their names
are keyed hashes whose key is a per-user secret kept outside the project, so entries
committed to a repository (say, by a pull request hoping to hide findings) never match.
``JOURNEYSPEC_CACHE=off`` turns the cache off; any error reading or writing it does too.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journeyspec import __version__
from journeyspec.findings import Finding, Severity

CACHE_DIR = ".journeyspec-cache"
FORMAT = 2  # 2: entries in shards
# The modules whose code decides a file's data and findings: a change to any of them (in a
# development checkout, where the version stays put) must invalidate every entry.
_CODE = (
    "loader",
    "scalars",
    "nesting",
    "schema",
    "sourcemap",
    "findings",
    "cache",
    "bidi",
    "escaping",
)
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# journeyspec's cache; safe to delete.\n"


@dataclass(frozen=True)
class Entry:
    """What a file's bytes gave: data, load errors, schema findings (``path`` left out)."""

    has_text: bool
    data: Any
    errors: list[Finding]
    findings: list[Finding]


class FileCache:
    """Entries under ``root/.journeyspec-cache/files``; a cache that fails just misses."""

    def __init__(self, root: Path, secret: bytes, fingerprint: bytes) -> None:
        self.folder = root / CACHE_DIR / "files"
        self._secret, self._fingerprint = secret, fingerprint
        self.used: set[str] = set()
        self._shards: set[str] = set()

    def key(self, raw: bytes, schema: str) -> str:
        digest = hashlib.blake2b(self._fingerprint, key=self._secret, digest_size=20)
        digest.update(schema.encode() + b"\0")
        digest.update(raw)
        return digest.hexdigest()

    def get(self, key: str, path: str) -> Entry | None:
        self.used.add(key)
        try:
            stored = json.loads(self._entry(key).read_bytes())
            return Entry(
                stored["text"],
                stored["data"],
                [_finding(path, item) for item in stored["errors"]],
                [_finding(path, item) for item in stored["findings"]],
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, entry: Entry) -> None:
        self.used.add(key)
        stored = {
            "text": entry.has_text,
            "data": entry.data,
            "errors": [_fields(f) for f in entry.errors],
            "findings": [_fields(f) for f in entry.findings],
        }
        try:
            payload = json.dumps(stored, separators=(",", ":")).encode()
            target = self._entry(key)
            if target.parent.name not in self._shards:
                _prepare(self.folder.parent)
                target.parent.mkdir(exist_ok=True)
                self._shards.add(target.parent.name)
            # Written aside and renamed, so a reader never sees half an entry. The name is
            # this process's own (mkstemp's random names cost ~15% of a cold lint), and
            # O_EXCL never follows or reuses what is there.
            temporary = target.with_name(f"{target.stem}.{os.getpid()}.tmp")
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(handle, "wb") as out:
                out.write(payload)
            os.replace(temporary, target)
        except (OSError, ValueError):
            return

    def prune(self) -> None:
        """Remove entries no file of this run used (old versions of files), and any file
        left half-written by a run that was stopped."""
        try:
            shards = os.listdir(self.folder)
        except OSError:
            return
        for shard in shards:
            try:
                names = os.listdir(self.folder / shard)
            except OSError:  # not a shard: a file of an older layout, or a stray
                if shard.endswith((".json", ".tmp")):
                    (self.folder / shard).unlink(missing_ok=True)
                continue
            for name in names:
                stale = name.endswith(".json") and shard + name.split(".")[0] not in self.used
                if stale or name.endswith(".tmp"):
                    (self.folder / shard / name).unlink(missing_ok=True)

    def _entry(self, key: str) -> Path:
        # Two-character shards, as git keeps its objects: some filesystems scan a folder
        # on every file created in it, and one folder of 1,000 entries made a cold lint of
        # 1,000 journeys spend a second creating them.
        return self.folder / key[:2] / f"{key[2:]}.json"


def open_cache(root: Path) -> FileCache | None:
    """The project's cache, or ``None`` when it is off or cannot be used safely."""
    if os.environ.get("JOURNEYSPEC_CACHE", "").lower() in ("0", "off", "no", "false"):
        return None
    folder = root / CACHE_DIR
    # A link could send our writes anywhere; a file in the way is not ours to touch.
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        return None
    secret = _secret()
    if secret is None:
        return None
    return FileCache(root, secret, fingerprint())


def fingerprint() -> bytes:
    """Identifies the code and schemas that produced an entry."""
    from journeyspec.schema import SCHEMA_NAMES, schema_text

    digest = hashlib.blake2b(f"{FORMAT}:{__version__}".encode(), digest_size=20)
    here = Path(__file__).resolve().parent
    for module in _CODE:
        source = here / f"{module}.py"
        digest.update(source.read_bytes() if source.is_file() else module.encode())
    for name in SCHEMA_NAMES:
        digest.update(schema_text(name).encode())
    return digest.digest()


def _secret() -> bytes | None:
    """This user's random cache key, made once, kept in the user's cache folder."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    path = Path(base) / "journeyspec" / "cache-key"
    try:
        key = path.read_bytes() if path.is_file() else b""
        if len(key) != 32:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent)  # private to the user
            with os.fdopen(handle, "wb") as out:
                out.write(secrets.token_bytes(32))
            os.replace(temporary, path)
            key = path.read_bytes()  # another process may have won the race: use its key
    except (OSError, RuntimeError):  # RuntimeError: no home folder
        return None
    return key if len(key) == 32 else None


def _prepare(folder: Path) -> None:
    """Create the cache folder, tagged so git, backups and tools leave it alone."""
    if (folder / "files").is_dir():
        return
    (folder / "files").mkdir(parents=True, exist_ok=True)
    (folder / ".gitignore").write_text("# journeyspec's cache\n*\n", encoding="utf-8")
    (folder / "CACHEDIR.TAG").write_text(_TAG, encoding="utf-8")


def _fields(finding: Finding) -> list[Any]:
    f = finding
    return [f.line, f.col, f.rule, f.message, int(f.severity), f.pointer, f.hint]


def _finding(path: str, item: list[Any]) -> Finding:
    line, col, rule, message, severity, pointer, hint = item
    return Finding(path, line, col, rule, message, Severity(severity), pointer, hint)
