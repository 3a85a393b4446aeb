"""Lint in worker processes: each journey is judged where it was read, checks across
journeys run afterwards on outlines, and the findings are exactly a one-process run's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from benchmarks.corpus import write_corpus
from journeyspec.findings import Finding
from journeyspec.lint import lint
from journeyspec.parallel import PARALLEL_FROM
from journeyspec.project import load_config

TODAY = dt.date(2026, 11, 1)


def _plant(root: Path) -> None:
    """Cross-journey problems only the main process can see, after every file is read."""
    journeys = root / "journeys"
    first = (journeys / "journey-00000.yaml").read_text(encoding="utf-8")
    future = (journeys / "journey-00009.yaml").read_text(encoding="utf-8")
    # The same id as journey-00000: the later file (by name) is the duplicate.
    (journeys / "zz-duplicate.yaml").write_text(first, encoding="utf-8")
    # A future state whose current state is itself a future state (journey-00009).
    (journeys / "zz-future.yaml").write_text(
        future.replace("id: mobility-first-purchase-00009", "id: zz-future", 1).replace(
            "current_state: energy-first-purchase-00008",
            "current_state: mobility-first-purchase-00009",
        ),
        encoding="utf-8",
    )
    # The same, with the finding suppressed: neither the finding nor "unused" may appear.
    (journeys / "zz-future-quiet.yaml").write_text(
        future.replace("id: mobility-first-purchase-00009", "id: zz-future-quiet", 1).replace(
            "current_state: energy-first-purchase-00008",
            "# journeyspec: disable-next-line future-state-without-current-state -- on purpose\n"
            "current_state: mobility-first-purchase-00009",
        ),
        encoding="utf-8",
    )
    # A current state that names no journey at all.
    (journeys / "zz-dangling.yaml").write_text(
        future.replace("id: mobility-first-purchase-00009", "id: zz-dangling", 1).replace(
            "current_state: energy-first-purchase-00008", "current_state: energy-first-purchse"
        ),
        encoding="utf-8",
    )


def _run(root: Path, jobs: str, monkeypatch: pytest.MonkeyPatch) -> list[Finding]:
    monkeypatch.setenv("JOURNEYSPEC_JOBS", jobs)
    monkeypatch.setenv("JOURNEYSPEC_CACHE", "off")
    return lint(load_config(root), today=TODAY, models=False).findings


def test_workers_find_exactly_what_one_process_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_corpus(tmp_path, PARALLEL_FROM + 12, seed=3)
    _plant(tmp_path)
    parallel = _run(tmp_path, "2", monkeypatch)
    serial = _run(tmp_path, "1", monkeypatch)
    assert parallel == serial

    planted = [(f.path, f.line, f.col, f.rule, f.message) for f in serial if "/zz-" in f.path]
    assert planted == [
        (
            "journeys/zz-dangling.yaml",
            18,
            16,
            "reference",
            "unknown journey `energy-first-purchse`",
        ),
        ("journeys/zz-duplicate.yaml", 2, 5, "reference", "duplicate journey id "
         "`accounting-first-purchase-00000`"),
        (
            "journeys/zz-future.yaml",
            18,
            16,
            "future-state-without-current-state",
            "`mobility-first-purchase-00009` is itself a future-state map; point at the "
            "current-state map",
        ),
    ]  # fmt: skip
    dangling = next(f for f in serial if f.path == "journeys/zz-dangling.yaml")
    assert dangling.hint == "did you mean `energy-first-purchase-00008`?"
    duplicate = next(f for f in serial if f.path == "journeys/zz-duplicate.yaml")
    assert duplicate.hint == "journeys/journey-00000.yaml:2:5 uses it already; ids must be unique"


def test_a_lint_that_only_reports_keeps_no_models(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_corpus(tmp_path, PARALLEL_FROM + 2, seed=3)
    monkeypatch.setenv("JOURNEYSPEC_CACHE", "off")
    config = load_config(tmp_path)
    lean = lint(config, today=TODAY, models=False)
    full = lint(config, today=TODAY)
    assert lean.findings == full.findings
    assert lean.validation.portfolio.journeys == ()
    assert len(full.validation.portfolio.journeys) == PARALLEL_FROM + 2
    assert lean.validation.members.keys() == {j.id for j in full.validation.portfolio.journeys}
    # Registries and personas are there either way: reporters and rules name them.
    assert lean.validation.portfolio.personas.keys() == full.validation.portfolio.personas.keys()
