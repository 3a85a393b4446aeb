"""The content cache and the worker pool change how fast lint is, never what it reports."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks.corpus import write_corpus
from journeyspec.cache import CACHE_DIR
from journeyspec.cachefolder import CacheFolder
from journeyspec.lint import lint
from journeyspec.loader import read_document
from journeyspec.project import load_config

DAY = dt.date(2026, 11, 1)
BROKEN = {
    "journeys/syntax.yaml": "journeyspec: 1\nid: [unclosed\n",
    "journeys/empty.yaml": "",
    "journeys/unknown-key.yaml": (
        "journeyspec: 1\nid: odd\ntitle: Odd\npersona: budi\ncolour: red\n"
        "stages:\n  - {id: s, name: S, owner: sales, touchpoints: [t]}\n"
        "touchpoints:\n  - {id: t, name: T}\n"
    ),
    "journeys/bad-reference.yaml": (
        "journeyspec: 1\nid: lost\ntitle: Lost\npersona: nobody\n"
        "stages:\n  - {id: s, name: S, owner: sales, touchpoints: [t]}\n"
        "touchpoints:\n  - {id: t, name: T}\n"
    ),
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Eight corpus journeys (one with a planted finding) and four broken files."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.delenv("JOURNEYSPEC_CACHE", raising=False)
    root = tmp_path / "project"
    write_corpus(root, 8)
    for relative, text in BROKEN.items():
        (root / relative).write_text(text, encoding="utf-8")
    return root


def report(root: Path) -> list[tuple[Any, ...]]:
    """Every field of every finding: a cached run must match to the letter."""
    result = lint(load_config(root), today=DAY)
    return [dataclasses.astuple(f) for f in result.findings]


def entries(root: Path) -> list[Path]:
    return sorted((root / CACHE_DIR / "files").glob("*/*.json"))


def test_a_warm_run_reports_exactly_what_a_cold_run_does(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = report(project)
    assert len(entries(project)) == 8 + len(BROKEN) + 12 + 2  # journeys, personas, registries
    assert report(project) == cold
    monkeypatch.setenv("JOURNEYSPEC_CACHE", "off")
    assert report(project) == cold
    rules = {finding[3] for finding in cold}
    assert {"syntax", "schema", "reference", "stage-no-owner"} <= rules


def test_an_edited_file_is_checked_again(project: Path) -> None:
    report(project)
    journey = project / "journeys/journey-00001.yaml"
    journey.write_text(
        journey.read_text(encoding="utf-8").replace("\nid: ", "\nid: Not-An-Id-", 1),
        encoding="utf-8",
    )
    found = [f for f in report(project) if f[0] == "journeys/journey-00001.yaml"]
    assert [(f[1], f[2], f[3]) for f in found] == [(2, 5, "schema")]
    assert len(entries(project)) == 8 + len(BROKEN) + 12 + 2  # the stale entry is gone


def test_the_cache_folder_is_tagged_and_ignored_by_git(project: Path) -> None:
    report(project)
    folder = project / CACHE_DIR
    assert (folder / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (folder / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: 8a477f")


def test_entries_forged_under_another_key_never_match(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    honest = report(project)
    for entry in entries(project):
        # Claim every file is valid and clean, as a committed cache could.
        seal, _, stored = entry.read_bytes().partition(b"\n")
        forged = json.loads(stored)
        forged.update(errors=[], findings=[])
        entry.write_bytes(seal + b"\n" + json.dumps(forged).encode())
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-user"))
    assert report(project) == honest


def test_a_damaged_entry_is_a_miss(project: Path) -> None:
    honest = report(project)
    for entry in entries(project):
        entry.write_text('{"text": true, "data":', encoding="utf-8")
    assert report(project) == honest


def test_a_linked_cache_folder_is_never_written_through(project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / CACHE_DIR).symlink_to(elsewhere)
    report(project)
    assert list(elsewhere.iterdir()) == []


def test_cache_off_writes_nothing(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOURNEYSPEC_CACHE", "off")
    report(project)
    assert not (project / CACHE_DIR).exists()


def test_loading_makes_no_reference_cycles(project: Path) -> None:
    # parallel.check_files pauses the cycle collector while loading on this promise.
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        documents = [read_document(p, p.name) for p in sorted(project.rglob("*.yaml"))]
        assert gc.collect() == 0
    finally:
        if enabled:
            gc.enable()
    assert any(d.errors for d in documents) and any(d.data for d in documents)


def test_workers_report_exactly_what_one_process_does(tmp_path: Path) -> None:
    root = tmp_path / "project"
    write_corpus(root, 50)  # past PARALLEL_FROM, so the pool is used
    for relative, text in BROKEN.items():
        (root / relative).write_text(text, encoding="utf-8")

    def run(jobs: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "JOURNEYSPEC_JOBS": jobs, "JOURNEYSPEC_CACHE": "off"}
        env.update(NO_COLOR="1", JOURNEYSPEC_TODAY="2026-11-01")
        command = [sys.executable, "-m", "journeyspec", "lint"]
        return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)

    alone, shared = run("1"), run("2")
    assert alone.returncode == shared.returncode == 1
    assert shared.stdout == alone.stdout
    assert "journeys/syntax.yaml:2:5: error[syntax]: the `[` opened on line 2" in alone.stdout


WRONG_SHAPES = (
    b"[]",
    b'{"x": 1}',
    b"null",
    b'"text"',
    b'{"text": "yes", "data": {}, "errors": [], "findings": []}',
    b'{"text": true, "data": {}, "errors": {}, "findings": []}',
    b'{"text": true, "data": {}, "errors": [[1, 2]], "findings": []}',
    b'{"text": true, "data": {}, "errors": [], "findings": [["1", 2, "r", "m", 2, "", ""]]}',
    b'{"text": true, "data": {}, "errors": [], "findings": [[true, 2, "r", "m", 2, "", ""]]}',
    b'{"text": true, "data": {}, "errors": [], "findings": [[1, 2, "r", "m", 99, "", ""]]}',
    b'{"text": true, "data": {}, "errors": [], "findings": [[1, 2, "r", "m", 2, "", null]]}',
    b'{"text": true, "data": {}, "errors": [], "findings": [], "more": 1}',
)


def seal(root: Path, entry: Path, payload: bytes) -> None:
    """Store ``payload`` in ``entry`` sealed with this user's own secret, as a bug could."""
    folder = CacheFolder.open(root)
    assert folder is not None
    folder.write(("files", entry.parent.name), entry.name, payload)
    folder.close()


def test_an_entry_of_the_wrong_shape_is_a_miss(project: Path) -> None:
    honest = report(project)
    for shape in WRONG_SHAPES:
        for entry in entries(project):
            seal(project, entry, shape)
        assert report(project) == honest, shape


def test_wrong_shapes_never_make_lint_exit_2(project: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1", "JOURNEYSPEC_TODAY": "2026-11-01"}
    command = [sys.executable, "-m", "journeyspec", "lint"]
    honest = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    for number, entry in enumerate(entries(project)):
        seal(project, entry, WRONG_SHAPES[number % len(WRONG_SHAPES)])
    again = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    assert (again.returncode, again.stdout, again.stderr) == (1, honest.stdout, honest.stderr)


def test_a_linked_shard_or_entry_is_never_followed(project: Path, tmp_path: Path) -> None:
    honest = report(project)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.json").write_text("{}\n", encoding="utf-8")
    (outside / "keep.tmp").write_text("mine\n", encoding="utf-8")
    first, second, *_ = entries(project)
    first.unlink()
    first.symlink_to(outside / "keep.json")
    shutil.rmtree(second.parent)
    second.parent.symlink_to(outside)
    assert report(project) == honest
    assert sorted(p.name for p in outside.iterdir()) == ["keep.json", "keep.tmp"]
    assert (outside / "keep.json").read_text(encoding="utf-8") == "{}\n"
    assert first.is_symlink() and second.parent.is_symlink()  # left alone, not cleaned


def test_cache_off_reads_no_entry(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    honest = report(project)
    folder = CacheFolder.open(project)
    assert folder is not None
    for entry in entries(project):
        stored = json.loads(folder.read(("files", entry.parent.name), entry.name) or b"")
        if stored["findings"] and not stored["errors"]:
            # Sealed with this user's key, so a hit were it read: "no schema findings".
            seal(project, entry, json.dumps({**stored, "findings": []}).encode())
    folder.close()
    assert report(project) != honest
    monkeypatch.setenv("JOURNEYSPEC_CACHE", "off")
    assert report(project) == honest
