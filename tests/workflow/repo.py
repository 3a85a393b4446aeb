"""Helpers for workflow tests: a git repository in a temporary folder."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import write_files

GIT = [
    "git",
    "-c", "user.name=Test",
    "-c", "user.email=test@example.com",
    "-c", "commit.gpgsign=false",
    "-c", "init.defaultBranch=main",
]  # fmt: skip


def git(root: Path, *args: str) -> str:
    done = subprocess.run([*GIT, *args], cwd=root, capture_output=True, text=True, check=True)
    return done.stdout


def commit(root: Path, files: dict[str, str], message: str) -> str:
    """Write ``files``, commit everything, return the commit id."""
    write_files(root, files)
    if not (root / ".git").exists():
        git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD").strip()
