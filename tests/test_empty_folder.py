"""Commands that check or publish refuse a folder that holds no project (exit 2), rather
than report a clean result for the wrong folder; an empty project is named, not refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeyspec import api
from journeyspec.errors import UsageError
from tests.conftest import Runner


@pytest.mark.parametrize("command", ["validate", "lint", "build"])
def test_a_folder_without_a_project_is_refused(tmp_path: Path, run: Runner, command: str) -> None:
    (tmp_path / "notes.yaml").write_text("a: 1\n", encoding="utf-8")
    result = run(command, cwd=tmp_path)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"journeyspec: no journeyspec project in {tmp_path.resolve()}: looked for "
        "journeyspec.yaml there and in every folder above it, and for a journeys/ folder; run "
        "this in your project, name it with --config, or start one with `journeyspec init`\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.yaml"]


def test_the_api_refuses_what_is_no_project(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file or folder"):
        api.check(tmp_path / "nonexistent")
    with pytest.raises(UsageError, match="no journeyspec project in"):
        api.check(tmp_path)
    with pytest.raises(UsageError, match="no journeyspec project in"):
        api.build(tmp_path)


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_a_project_without_files_is_named(tmp_path: Path, run: Runner, command: str) -> None:
    (tmp_path / "journeys").mkdir()
    result = run(command, cwd=tmp_path)
    assert (result.exit_code, result.stdout) == (0, "✓ 0 files checked, no problems\n")
    assert result.stderr == (
        f"journeyspec: no journey, persona or registry files found in {tmp_path.resolve()} "
        "(journeys go in journeys/); run this in your project, or `journeyspec init` to start one\n"
    )


def test_a_project_with_files_gets_no_note(minimal_project: Path, run: Runner) -> None:
    assert run("validate", cwd=minimal_project).stderr == ""
