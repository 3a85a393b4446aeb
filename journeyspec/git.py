"""Git, read-only: the few questions `diff` and `lint --changed-since` ask a repository."""

from __future__ import annotations

import subprocess
from pathlib import Path

from journeyspec.errors import UsageError


def run(root: Path, *args: str, check: bool = False) -> tuple[int, str]:
    """``git ARGS`` in ``root``: exit code and standard output (paths unquoted).

    Output is read as UTF-8 whatever the locale; bytes that are not UTF-8 survive as
    surrogates (``os.fsencode`` gives them back), so every file name git prints is usable.
    Ask for NUL-separated names (``-z``) wherever a name could hold a newline.
    """
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=root,
            capture_output=True,
            encoding="utf-8",
            errors="surrogateescape",
            check=False,
        )
    except FileNotFoundError:
        raise UsageError(
            "comparing with git revisions needs git, and it is not installed"
        ) from None
    if check and done.returncode != 0:
        raise UsageError(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.returncode, done.stdout


def in_repository(root: Path) -> bool:
    return run(root, "rev-parse", "--is-inside-work-tree")[0] == 0


def is_revision(root: Path, revision: str) -> bool:
    """Whether ``revision`` names a commit; option-like names never do."""
    if revision.startswith("-"):
        return False
    return run(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")[0] == 0


def toplevel(folder: Path) -> Path | None:
    """The top of the git work tree holding ``folder``; ``None`` outside one or without git."""
    try:
        code, out = run(folder, "rev-parse", "--show-toplevel")
    except UsageError:
        return None
    top = out.removesuffix("\n")
    return Path(top) if code == 0 and top else None


def names(root: Path, *args: str) -> list[str]:
    """The file names a ``-z`` command (``diff --name-only -z``, ``ls-files -z``) prints."""
    _, output = run(root, *args, check=True)
    return [name for name in output.split("\0") if name]


def blob(root: Path, revision: str, path: str) -> bytes | None:
    """The content of ``path`` (relative to ``root``) at ``revision``; None if it had none."""
    done = subprocess.run(
        ["git", "cat-file", "blob", f"{revision}:./{path}"],
        cwd=root,
        capture_output=True,
        check=False,
    )
    return done.stdout if done.returncode == 0 else None


def tracked(folder: Path) -> list[str]:
    """The files git tracks in ``folder`` (relative to it); none outside a repository.

    Never raises: without git, or where git refuses to look (a repository owned by another
    user), there is nothing it tracks that we could know of.
    """
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", "ls-files", "-z", "--", "."],
            cwd=folder,
            capture_output=True,
            check=False,
        )
    except OSError:
        return []
    if done.returncode != 0:
        return []
    return [name for name in done.stdout.decode("utf-8", "replace").split("\0") if name]
