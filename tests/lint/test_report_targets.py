"""A report written to a FILE never replaces one of the project's own files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Runner


@pytest.mark.parametrize(
    "target", ["journeys/first-purchase.yaml", "registry/teams.yaml", "journeyspec.yaml"]
)
def test_report_onto_a_project_file_is_refused(
    minimal_project: Path, run: Runner, target: str
) -> None:
    before = {p: p.read_bytes() for p in minimal_project.rglob("*") if p.is_file()}
    result = run("lint", "--format", f"json:{target}", cwd=minimal_project)
    assert result.exit_code == 2
    assert f"--format json:{target} would replace a file of the project" in result.stderr
    assert {p: p.read_bytes() for p in minimal_project.rglob("*") if p.is_file()} == before


def test_report_to_a_new_file_and_again_over_it(minimal_project: Path, run: Runner) -> None:
    plain = run("lint", cwd=minimal_project).exit_code
    for _ in range(2):  # CI reruns write the same report file again
        result = run("lint", "--format", "sarif:out/lint.sarif", cwd=minimal_project)
        assert result.exit_code == plain
        assert result.stderr.endswith("; wrote out/lint.sarif\n")
    assert '"version": "2.1.0"' in (minimal_project / "out/lint.sarif").read_text()


def test_a_run_with_every_report_in_files_still_says_what_it_found(
    project: Path, run: Runner
) -> None:
    result = run("lint", "--format", "sarif:lint.sarif", "--format", "junit:lint.xml", cwd=project)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "journeyspec: 5 files checked, 2 errors, 0 warnings, 0 infos; wrote lint.sarif, lint.xml\n"
    )
