"""The content cache: each file's load and schema results, keyed by its bytes.

A file whose bytes, schema and journeyspec code are unchanged is not parsed nor validated
again: its data and findings come from ``.journeyspec-cache/files/`` in the project root.
Entries are JSON (never pickle: a cache file must not be able to run code). Their names
are keyed hashes under a per-user secret kept outside the project, and each is sealed
with a MAC under the same secret (see ``cachefolder``), so entries committed to a
repository (say, by a pull request hoping to hide findings) never match. An entry of the
wrong shape is a miss. ``JOURNEYSPEC_CACHE=off`` turns the cache off; any error reading
or writing it does too.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journeyspec import __version__
from journeyspec.cachefolder import CACHE_DIR, CacheFolder
from journeyspec.findings import Finding, Severity

__all__ = ["CACHE_DIR", "Entry", "FileCache", "fingerprint", "open_cache"]

FORMAT = 3  # 2: entries in shards; 3: sealed entries
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
    "cachefolder",
    "bidi",
    "escaping",
)
_AREA = "files"
_FIELDS = (int, int, str, str, int, str, str)  # line, col, rule, message, severity, pointer, hint


@dataclass(frozen=True)
class Entry:
    """What a file's bytes gave: data, load errors, schema findings (``path`` left out)."""

    has_text: bool
    data: Any
    errors: list[Finding]
    findings: list[Finding]


class FileCache:
    """Entries under ``root/.journeyspec-cache/files``; a cache that fails just misses."""

    def __init__(self, folder: CacheFolder, fingerprint: bytes) -> None:
        self.folder = folder
        self._fingerprint = fingerprint
        self.used: set[str] = set()

    def key(self, raw: bytes, schema: str) -> str:
        digest = hashlib.blake2b(self._fingerprint, key=self.folder.secret, digest_size=20)
        digest.update(schema.encode() + b"\0")
        digest.update(raw)
        return digest.hexdigest()

    def get(self, key: str, path: str) -> Entry | None:
        self.used.add(key)
        payload = self.folder.read((_AREA, key[:2]), f"{key[2:]}.json")
        if payload is None:
            return None
        try:
            stored = json.loads(payload)
        except ValueError:
            return None
        return _entry(stored, path)

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
        except ValueError:  # data JSON cannot hold (NaN is fine; a cycle is not)
            return
        # Two-character shards, as git keeps its objects: some filesystems scan a folder
        # on every file created in it, and one folder of 1,000 entries made a cold lint of
        # 1,000 journeys spend a second creating them.
        self.folder.write((_AREA, key[:2]), f"{key[2:]}.json", payload)

    def prune(self) -> None:
        """Remove entries no file of this run used (old versions of files), and any file
        left half-written by a run that was stopped. Only regular files are removed, in
        the folders the cache makes; no link is followed."""
        loose, shards = self.folder.listing((_AREA,))
        # Files of an older layout, directly in files/.
        self.folder.remove((_AREA,), [n for n in loose if n.endswith((".json", ".tmp"))])
        for shard in shards:
            names, _ = self.folder.listing((_AREA, shard))
            stale = [
                name
                for name in names
                if name.endswith(".tmp")
                or (name.endswith(".json") and shard + name.split(".")[0] not in self.used)
            ]
            self.folder.remove((_AREA, shard), stale)


def open_cache(root: Path) -> FileCache | None:
    """The project's cache, or ``None`` when it is off or cannot be used safely."""
    folder = CacheFolder.open(root)
    return None if folder is None else FileCache(folder, fingerprint())


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


def _fields(finding: Finding) -> list[Any]:
    f = finding
    return [f.line, f.col, f.rule, f.message, int(f.severity), f.pointer, f.hint]


def _entry(stored: Any, path: str) -> Entry | None:
    """The entry ``stored`` holds, or ``None`` when it is not the shape ``put`` writes."""
    if not isinstance(stored, dict) or set(stored) != {"text", "data", "errors", "findings"}:
        return None
    text, errors, findings = stored["text"], stored["errors"], stored["findings"]
    if not isinstance(text, bool) or not isinstance(errors, list):
        return None
    if not isinstance(findings, list):
        return None
    made = [_finding(path, item) for item in errors + findings]
    if any(finding is None for finding in made):
        return None
    done = [f for f in made if f is not None]
    return Entry(text, stored["data"], done[: len(errors)], done[len(errors) :])


def _finding(path: str, item: Any) -> Finding | None:
    if not isinstance(item, list) or len(item) != len(_FIELDS):
        return None
    # bool is an int to isinstance, but never a line, a column or a severity.
    if any(type(value) is not kind for value, kind in zip(item, _FIELDS, strict=True)):
        return None
    line, col, rule, message, severity, pointer, hint = item
    if severity not in Severity.__members__.values():
        return None
    return Finding(path, line, col, rule, message, Severity(severity), pointer, hint)
