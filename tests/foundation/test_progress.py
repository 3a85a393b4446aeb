"""The progress bar of lint and build: drawn on a real terminal (a pseudo-terminal here),
never in CI, off a terminal or with --quiet; and colour as NO_COLOR and FORCE_COLOR say."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.corpus import write_corpus
from tests.conftest import Runner

JOURNEYSPEC = str(Path(sys.executable).parent / "journeyspec")
CLEAR = "\r\x1b[K"


def on_a_terminal(args: list[str], cwd: Path, **env: str) -> tuple[int, str, str]:
    """Run journeyspec with stderr on a pseudo-terminal; exit code, stdout, the terminal."""
    master, slave = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR")}
    environment.update({"TERM": "xterm", **env})
    with subprocess.Popen(
        [JOURNEYSPEC, *args], cwd=cwd, env=environment, stdout=subprocess.PIPE, stderr=slave
    ) as process:
        os.close(slave)
        seen = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal is closed once the process is gone
                break
            if not chunk:
                break
            seen += chunk
        assert process.stdout is not None
        stdout = process.stdout.read().decode()
        code = process.wait(timeout=600)
    os.close(master)
    return code, stdout, seen.decode()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 journeys: enough for the worker pool, whose results arrive as they finish."""
    root = tmp_path_factory.mktemp("corpus") / "project"
    write_corpus(root, 60)
    return root


def test_lint_draws_progress_on_a_terminal_and_clears_it(corpus: Path) -> None:
    code, stdout, terminal = on_a_terminal(["lint", "--format", "json"], corpus)
    assert code == 1  # the corpus has planted findings
    assert f"{CLEAR}checking [{'#' * 24}] 60/60" in terminal
    assert terminal.endswith(CLEAR)  # nothing left on the line for the next prompt
    assert stdout.startswith("{") and "\r" not in stdout


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--quiet"], {}),
        (["-q"], {}),
        ([], {"CI": "true"}),
        ([], {"TERM": "dumb"}),
    ],
)
def test_no_progress_when_quiet_in_ci_or_on_a_dumb_terminal(
    corpus: Path, args: list[str], env: dict[str, str]
) -> None:
    code, _, terminal = on_a_terminal(["lint", "--format", "json", *args], corpus, **env)
    assert code == 1
    assert terminal == ""


def test_no_progress_off_a_terminal(corpus: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "CI"}
    done = subprocess.run(
        [JOURNEYSPEC, "lint", "--format", "json"],
        cwd=corpus,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr == ""


def test_build_shows_each_phase(minimal_project: Path) -> None:
    code, stdout, terminal = on_a_terminal(["build"], minimal_project)
    assert code == 0, terminal
    assert stdout.startswith("Built the site of 1 journey in ")
    assert f"{CLEAR}checking [{'#' * 24}] 1/1" in terminal
    assert f"{CLEAR}planning the pages…" in terminal
    assert "writing pages [" in terminal
    assert f"{CLEAR}drawing " in terminal and " diagrams…" in terminal
    assert terminal.endswith(CLEAR)
    quiet = on_a_terminal(["build", "--quiet"], minimal_project)
    assert quiet[0] == 0 and quiet[2] == ""


@pytest.mark.parametrize(
    ("env", "coloured"),
    [
        ({"NO_COLOR": "", "FORCE_COLOR": "1"}, True),
        ({"NO_COLOR": "", "FORCE_COLOR": "0"}, False),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),  # NO_COLOR wins
        ({"NO_COLOR": ""}, False),  # not a terminal
    ],
)
def test_force_color_colours_output_off_a_terminal(
    minimal_project: Path, run: Runner, env: dict[str, str], coloured: bool
) -> None:
    journey = minimal_project / "journeys/first-purchase.yaml"
    journey.write_text(journey.read_text().replace("persona: budi", "persona: bud"))
    for args in (("validate",), ("lint", "--format", "text")):
        result = run(*args, cwd=minimal_project, env=env)
        assert result.exit_code == 1
        assert ("\x1b[31merror\x1b[0m" in result.stdout) is coloured, args
