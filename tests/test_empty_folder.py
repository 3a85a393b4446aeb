"""validate and lint in a folder with no project files say where they looked."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Runner


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_a_folder_without_files_is_named(tmp_path: Path, run: Runner, command: str) -> None:
    result = run(command, cwd=tmp_path)
    assert (result.exit_code, result.stdout) == (0, "✓ 0 files checked, no problems\n")
    assert result.stderr == (
        f"journeyspec: no journey, persona or registry files found in {tmp_path.resolve()} "
        "(journeys go in journeys/); run this in your project, or `journeyspec init` to start one\n"
    )


def test_a_project_with_files_gets_no_note(minimal_project: Path, run: Runner) -> None:
    assert run("validate", cwd=minimal_project).stderr == ""
