"""The pre-commit hooks in .pre-commit-hooks.yaml, run as pre-commit runs them: the hook's
``entry`` with the staged files its ``files`` pattern matches appended, in the repository root."""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from journeyspec.scaffold import init_repository
from tests.conftest import REPO
from tests.workflow.repo import git

HOOKS: list[dict[str, Any]] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
BIN = Path(sys.executable).parent


def run_hook(hook: dict[str, Any], root: Path) -> tuple[int, str, list[str]]:
    """Exit code, output and file list of the hook over the repository's tracked files."""
    pattern = re.compile(hook["files"])
    files = [f for f in git(root, "ls-files").splitlines() if pattern.search(f)]
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "NO_COLOR": "1",
           "JOURNEYSPEC_TODAY": "2026-03-01"}  # fmt: skip
    env.pop("GITHUB_ACTIONS", None)
    done = subprocess.run(
        [*shlex.split(hook["entry"]), *files], cwd=root, env=env, capture_output=True, text=True
    )
    return done.returncode, done.stdout + done.stderr, files


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hooks")
    init_repository(root, today=dt.date(2026, 3, 1))
    git(root, "init", "-q")
    git(root, "add", "-A")
    return root


def test_hooks_are_declared() -> None:
    assert [(h["id"], h["entry"], h["language"]) for h in HOOKS] == [
        ("journeyspec-validate", "journeyspec validate", "python"),
        ("journeyspec-lint", "journeyspec lint", "python"),
    ]


@pytest.mark.parametrize("hook", HOOKS, ids=lambda h: h["id"])
def test_hooks_pass_on_a_clean_repository(hook: dict[str, Any], repository: Path) -> None:
    code, output, files = run_hook(hook, repository)
    assert files == [
        "journeys/first-order.yaml",
        "journeyspec.yaml",
        "personas/sam.yaml",
        "registry/channels.yaml",
        "registry/teams.yaml",
    ]  # not mkdocs.yml, .pre-commit-config.yaml or the workflow
    assert code == 0, output


@pytest.mark.parametrize("hook", HOOKS, ids=lambda h: h["id"])
def test_hooks_fail_on_a_broken_journey(hook: dict[str, Any], tmp_path: Path) -> None:
    init_repository(tmp_path, today=dt.date(2026, 3, 1))
    journey = tmp_path / "journeys" / "first-order.yaml"
    journey.write_text(journey.read_text().replace("persona: sam", "persona: nobody"))
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    code, output, _ = run_hook(hook, tmp_path)
    assert code == 1
    assert "journeys/first-order.yaml:9:10: error[reference]: unknown persona `nobody`" in output
