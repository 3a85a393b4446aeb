"""Every hostile case through ``validate``, ``lint``, ``build`` and ``fmt`` as real, limited
processes.

For each: no traceback, the expected exit code, the exact ``file:line:col`` and message
where the input has a position, at most 5 s of CPU and 500 MB of address space, and a
failing build leaves the previous ``site/`` byte for byte as it was.

The limits are enforced by the kernel (``RLIMIT_CPU``, ``RLIMIT_AS``), not measured: an
expansion bomb or a runaway loop is killed and fails the test, while a machine busy with
other work cannot make a correct run fail. A wall-clock timeout (six times longer) still
catches a process that blocks without using CPU, such as one reading from a FIFO.
"""

from __future__ import annotations

import hashlib
import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_FILES, write_files
from tests.hostile.corpus import ACROSS, CASES, Case

MEMORY_LIMIT = 500 * 1024 * 1024
CPU_SECONDS = 5
WALL_SECONDS = 30.0
COMMANDS = ("validate", "lint", "build", "fmt")
TERMINAL_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x9b]")


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def journeyspec(*args: str, cwd: Path, timeout: float = WALL_SECONDS) -> tuple[int, str]:
    """Run the real command line in ``cwd``; exit code and stdout + stderr."""
    done = subprocess.run(
        [sys.executable, "-m", "journeyspec", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=timeout,
        preexec_fn=_limit,
        env={**os.environ, "NO_COLOR": "1", "JOURNEYSPEC_TODAY": "2026-06-01"},
    )
    return done.returncode, done.stdout + done.stderr


def tree_digest(folder: Path) -> str:
    """A hash of every path, link target and file byte under ``folder``."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        if path.is_symlink():
            digest.update(os.readlink(path).encode())
        elif path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="session")
def previous_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site that an earlier, successful ``journeyspec build`` of the minimal project made."""
    root = write_files(tmp_path_factory.mktemp("previous"), MINIMAL_FILES)
    code, output = journeyspec("build", cwd=root, timeout=120)
    assert code == 0, output
    return root / "site"


def test_the_corpus_is_big_enough_and_names_are_unique() -> None:
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_hostile_input(case: Case, command: str, tmp_path: Path, previous_site: Path) -> None:
    root = write_files(tmp_path / "project", MINIMAL_FILES)
    case.setup(root)
    if command == "build":
        shutil.copytree(previous_site, root / "site", symlinks=True)
        before = tree_digest(root / "site")

    # A build publishes valid files with lint errors too: hostile text must get through
    # every page, not stop at the gate that refuses lint errors by default.
    extra = ("--allow-errors",) if command == "build" else ()
    code, output = journeyspec(command, *extra, cwd=root)

    assert code not in (-9, -24), "killed at a limit (5 CPU seconds or 500 MB)"  # SIGKILL/XCPU
    assert "Traceback" not in output
    assert "internal error" not in output
    assert code in case.expected(command), output[-3000:]
    lines = output.splitlines()
    # Nothing from a file may take over the terminal or flood the log.
    assert not TERMINAL_CONTROL.search(output), "control characters reached the output"
    assert max(map(len, lines), default=0) <= 400, "an output line is over 400 characters"
    # fmt does not look across files: what it says of ``ACROSS`` cases is not validate's.
    quiet = command == "fmt" and case.codes == ACROSS
    if case.where is not None and not quiet:
        path, line, col, message = case.where
        place = f"{path}:{line}:{col}:"
        assert any(place in text and message in text for text in lines), output[-3000:]
    if case.unplaced is not None and not quiet:
        path, message = case.unplaced
        assert any(path in text and message in text for text in lines), output[-3000:]
    if command == "build" and code != 0:
        assert tree_digest(root / "site") == before


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_a_link_out_of_the_project_is_not_read_even_when_named(
    command: str, tmp_path: Path
) -> None:
    # Before the fix, naming the link read it, and the error excerpt printed its secret.
    root = write_files(tmp_path / "project", MINIMAL_FILES)
    secret = tmp_path / "secret.yaml"
    secret.write_text("password: hunter2\n", encoding="utf-8")
    os.symlink(secret, root / "journeys/linked.yaml")

    code, output = journeyspec(command, "journeys/linked.yaml", cwd=root)

    assert code == 1, output
    assert "hunter2" not in output
    assert "journeys/linked.yaml:0:0: error[project]: file links to a place outside" in output
