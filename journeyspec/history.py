"""A project's history: what each recent commit changed in its journeys, from git.

Read-only and bounded: the last ``limit`` commits (merges left out: their changes are in
the commits they merge) that touch the journeys folder, each journey file read at the
commit and its parent with ``git cat-file`` (never a checkout) and compared with the
semantic diff. A project outside a git repository, or without git, has no history.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

from journeyspec import git, model, phases, schema
from journeyspec.diff.changes import Change
from journeyspec.diff.compare import compare
from journeyspec.diff.phrases import PART_NAMES
from journeyspec.errors import UsageError
from journeyspec.loader import MAX_FILE_BYTES, load_document
from journeyspec.project import YAML_SUFFIXES, ProjectConfig

LIMIT = 40
_FIELDS = "%H%x1f%as%x1f%an%x1f%s"

# "invalid": the commit left the file unreadable as a journey; "repaired": readable again.
Status = Literal["added", "removed", "changed", "invalid", "repaired"]
_ABSENT = "absent"  # no such file at that revision (as opposed to an invalid one: None)


@dataclass(frozen=True)
class JourneyEdit:
    """One journey as one commit changed it."""

    id: str
    title: str
    status: Status
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Revision:
    """One commit that changed at least one journey."""

    sha: str
    date: dt.date
    author: str
    subject: str
    journeys: tuple[JourneyEdit, ...]


def history(config: ProjectConfig, *, limit: int = LIMIT) -> tuple[Revision, ...]:
    """The recent commits that changed the project's journeys, newest first."""
    top = git.toplevel(config.root)
    if top is None:
        return ()
    folder = os.path.relpath(config.path("journeys").resolve(), top.resolve())
    if folder.split(os.sep)[0] == "..":
        return ()
    folder = folder.replace(os.sep, "/")
    try:
        _, log = git.run(top, "log", f"-n{limit}", "--no-merges", f"--format={_FIELDS}", "--",
                         folder)  # fmt: skip
        with _Blobs(top) as blobs:
            revisions = _revisions(log, folder, _Reader(config, top, blobs))
    except (UsageError, OSError):  # git missing or failing midway: no history, not half
        return ()
    return tuple(revisions)


def _revisions(log: str, folder: str, reader: _Reader) -> list[Revision]:
    revisions = []
    for line in log.splitlines():
        sha, date, author, subject = line.split("\x1f", 3)
        if sha in reader.shallow:
            continue  # its parents were not fetched: comparing would call everything new
        edits = tuple(e for p in reader.changed(sha, folder) if (e := reader.edit(sha, p)))
        if edits:
            revisions.append(Revision(sha, dt.date.fromisoformat(date), author, subject, edits))
    return revisions


def newest(revisions: tuple[Revision, ...]) -> dt.date | None:
    return max((r.date for r in revisions), default=None)


class _Reader:
    def __init__(self, config: ProjectConfig, top: Path, blobs: _Blobs) -> None:
        self.top, self.blobs = top, blobs
        self.scale = config.emotion_scale
        self.phase_sets = phases.phase_sets(config.phases)
        self.shallow = _shallow(top)

    def changed(self, sha: str, folder: str) -> list[str]:
        """The journey files ``sha`` added, changed or deleted (paths from the top)."""
        names = git.names(self.top, "diff-tree", "--root", "--no-commit-id", "-r", "-z",
                          "--name-only", sha, "--", folder)  # fmt: skip
        return sorted(n for n in names if os.path.splitext(n)[1] in YAML_SUFFIXES)

    def edit(self, sha: str, path: str) -> JourneyEdit | None:
        old, new = self.journey(f"{sha}^", path), self.journey(sha, path)
        if isinstance(new, model.Journey):
            if isinstance(old, model.Journey):
                changes = tuple(compare(old, new))
                return JourneyEdit(new.id, new.title, "changed", changes) if changes else None
            return JourneyEdit(new.id, new.title, "added" if old == _ABSENT else "repaired", ())
        if isinstance(old, model.Journey):
            return JourneyEdit(old.id, old.title, "removed" if new == _ABSENT else "invalid", ())
        return None  # never a valid journey on either side: nothing a reader could compare

    def journey(self, revision: str, path: str) -> model.Journey | str | None:
        """The journey in ``path`` at ``revision``: ``_ABSENT`` without the file, None when
        the file is not a valid journey."""
        found, raw = self.blobs.get(revision, path)
        if not found:
            return _ABSENT
        if raw is None:  # larger than the loader reads: never held in memory
            return None
        document = load_document(raw, path)
        data = document.data
        if document.errors or not isinstance(data, dict):
            return None
        if not schema.surely_valid("journey", data) and schema.validate(document, "journey"):
            return None
        return model.journey_from(data, path, self.scale, self.phase_sets)


class _Blobs:
    """Files at revisions through one ``git cat-file --batch`` for the whole history (not
    a process per file); a blob larger than the loader reads is skipped unread."""

    def __init__(self, top: Path) -> None:
        try:
            self.process = subprocess.Popen(
                ["git", "cat-file", "--batch"],
                cwd=top,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError as exc:
            raise UsageError(f"git cat-file could not start: {exc}") from None

    def __enter__(self) -> _Blobs:
        return self

    def __exit__(self, *exc: object) -> None:
        with self.process:  # closes the pipes, then waits for git
            pass

    def get(self, revision: str, path: str) -> tuple[bool, bytes | None]:
        """Whether ``path`` is a file at ``revision``, and its bytes (None: too large)."""
        if "\n" in path:
            return False, None  # the batch protocol is one request a line
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and stdout is not None
        stdin.write(f"{revision}:{path}\n".encode("utf-8", "surrogateescape"))
        stdin.flush()
        header = stdout.readline().split()
        if len(header) != 3:  # "<name> missing", "ambiguous", or git died
            if not header:
                raise UsageError("git cat-file stopped answering")
            return False, None
        kind, size = header[1], int(header[2])
        if kind != b"blob" or size > MAX_FILE_BYTES:
            _skip(stdout, size + 1)
            return kind == b"blob", None
        data = _read(stdout, size)
        _skip(stdout, 1)
        return True, data


def _read(stream: IO[bytes], size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = stream.read(min(left, 1 << 16))
        if not chunk:
            raise UsageError("git cat-file ended in the middle of a file")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _skip(stream: IO[bytes], size: int) -> None:
    while size:
        chunk = stream.read(min(size, 1 << 16))
        if not chunk:
            raise UsageError("git cat-file ended in the middle of a file")
        size -= len(chunk)


def summary(edit: JourneyEdit) -> tuple[str, ...]:
    """What a reader wants to know of an edit, in plain words: pain points added and
    resolved, feelings that moved, opportunities that changed status, then a count of the
    rest (renames, owners, thoughts...)."""
    said: list[str] = list(_STATUS_WORDS.get(edit.status, ()))
    rest: dict[str, None] = {}
    for c in edit.changes:
        if c.part == "pain-point" and c.change in ("added", "resolved", "removed"):
            said.append(f"pain point “{c.name}” {'added' if c.change == 'added' else 'resolved'}")
        elif c.part == "step" and c.change == "score":
            trend = f" ({c.trend})" if c.trend else ""
            said.append(f"feeling at “{c.name}” {_score(c.old)} → {_score(c.new)}{trend}")
        elif c.part == "opportunity" and c.change in ("added", "removed", "status"):
            what = f"{c.old} → {c.new}" if c.change == "status" else c.change
            said.append(f"opportunity “{c.name}” {what}")
        else:
            rest[f"{PART_NAMES[c.part]} {c.change.replace('_', ' ').replace('.', ' ')}"] = None
    if rest:
        said.append(f"also: {', '.join(rest)}")
    return tuple(said)


def _shallow(top: Path) -> frozenset[str]:
    """The commits at the edge of a shallow clone (CI often fetches one commit only)."""
    code, name = git.run(top, "rev-parse", "--git-path", "shallow")
    path = top / name.strip()
    if code != 0 or not path.is_file():
        return frozenset()
    return frozenset(path.read_text(encoding="ascii", errors="replace").split())


_STATUS_WORDS = {
    "invalid": ("the file stopped being a valid journey",),
    "repaired": ("the file is a valid journey again",),
}


def _score(value: float | None) -> str:
    if value is None:
        return "unscored"
    shown = f"{value:g}".replace("-", "−")
    return f"+{shown}" if value > 0 else shown
