"""The benchmark suite at tiny sizes, so the corpus and the runner never rot (no timing asserts)."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.corpus import MARKER, PLANTED, planted, write_corpus
from journeyspec.lint import lint
from journeyspec.project import load_config
from journeyspec.validation import validate_project

REPO = Path(__file__).resolve().parent.parent


def test_corpus_is_a_valid_project_with_one_planted_finding_per_seventh_journey(
    tmp_path: Path,
) -> None:
    write_corpus(tmp_path, 8, seed=1)
    config = load_config(tmp_path)
    validation = validate_project(config)
    assert validation.findings == []
    assert len(validation.portfolio.journeys) == 8
    assert len(validation.portfolio.personas) == 12

    result = lint(config, today=dt.date(2026, 11, 1))
    assert {f.path for f in result.findings} == {"journeys/journey-00003.yaml"}
    assert {f.rule for f in result.findings} == {planted(3)} == {PLANTED[0]}


def test_corpus_size_and_determinism(tmp_path: Path) -> None:
    write_corpus(tmp_path / "a", 2, seed=7)
    write_corpus(tmp_path / "b", 2, seed=7)
    first = (tmp_path / "a/journeys/journey-00001.yaml").read_bytes()
    assert first == (tmp_path / "b/journeys/journey-00001.yaml").read_bytes()
    assert 300 <= first.count(b"\n") <= 450
    assert 12_000 <= len(first) <= 18_000


def test_corpus_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(SystemExit, match="not empty and was not written by this generator"):
        write_corpus(tmp_path, 1)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_corpus_rewrites_its_own_folder(tmp_path: Path) -> None:
    write_corpus(tmp_path, 3)
    write_corpus(tmp_path, 1)
    assert sorted(p.name for p in (tmp_path / "journeys").iterdir()) == ["journey-00000.yaml"]
    assert (tmp_path / MARKER).is_file()


@pytest.mark.slow
def test_runner_prints_every_figure(tmp_path: Path) -> None:
    tiny = ["--journeys", "3", "--rss-journeys", "6", "--build-rss-journeys", "2"]
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.run",
            *tiny,
            "--repeat",
            "2",
            "--preview-timeout",
            "300",
            "--workdir",
            str(tmp_path / "work"),
        ],
        cwd=REPO,
        env={**os.environ, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert re.search(
        r"^Machine: \d+ cores, Python 3\.\d+.*; load average before [\d.]+, [\d.]+, [\d.]+, "
        r"after [\d.]+, [\d.]+, [\d.]+$",
        done.stdout,
        re.M,
    )
    rows = re.findall(r"^\| (\w+) \|.*$", done.stdout, re.M)
    assert rows == ["1", "1w", "2", "3", "4", "3n", "4n", "4e", "5", "5b", "6"]
    assert "failed" not in done.stdout
    table = {line.split(" | ")[0][2:]: line for line in done.stdout.splitlines() if "| " in line}
    seconds, times = r"[\d.]+ s", r"[\d.]+×(?: faster)?"
    timed = rf"{seconds} \| {seconds} \| {times} \| {seconds} \| {seconds} \| {times}"
    for number in ["1", "1w", "2", "3", "4", "3n", "4n", "6"]:
        # Both sides' wall and CPU and both ratios, judged by the CPU ratio.
        assert re.search(rf"\| {timed} \| [≤≥] [\d.]+×.* \| (yes|\*\*no\*\*) \|$", table[number])
    for number, unit in [("4e", " s"), ("5", " MB"), ("5b", " MB")]:
        assert re.search(
            rf"\| {seconds} \| — \| — \| ({seconds}|—) \| — \| [\d.]+{unit} \| ≤ [\d.]+{unit} \| "
            r"(yes|\*\*no\*\*) \|$",
            table[number],
        ), table[number]


def test_corners_benchmark_runs_at_a_tiny_size() -> None:
    tiny = ["--personas", "5", "--blob-mb", "1", "--journeys", "2", "--repeat", "1"]
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.corners", *tiny],
        cwd=REPO,
        env={**os.environ, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(
        r"validate, 5 chained personas: [\d.]+ s \(CPU [\d.]+ s\)\n"
        r"diff HEAD, 2 journeys beside a 1 MB unrelated file: [\d.]+ s, peak memory \d+ MB\n",
        done.stdout,
    )


def test_runner_measures_only_the_groups_asked_for(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--journeys", "3", "--repeat", "1",
         "--only", "lint", "--workdir", str(tmp_path / "work")],
        cwd=REPO, env={**os.environ, "NO_COLOR": "1"},
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert re.findall(r"^\| (\w+) \|.*$", done.stdout, re.M) == ["1", "1w", "2"]


def test_peak_memory_counts_an_address_space_once() -> None:
    """PSS of a tree: a vfork child shares its parent's memory and is not counted again;
    a forked one has its own."""
    from benchmarks.measure import _same_memory, _tree_pss

    assert _same_memory(os.getpid(), os.getpid())
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert not _same_memory(os.getpid(), child.pid)
        assert _tree_pss(os.getpid()) > 0
    finally:
        child.kill()
        child.wait()
