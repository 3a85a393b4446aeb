"""Baselines: written from a run, then only new findings fail; robust to edits above."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Result
from tests.lint.conftest import RETURNS

Run = Callable[..., Result]


def test_a_baseline_round_trip_reports_only_new_findings(project: Path, run: Run) -> None:
    written = run("lint", "--write-baseline", "lint-baseline.json", cwd=project)
    assert written.exit_code == 0
    assert written.stderr == "journeyspec: wrote 2 findings to lint-baseline.json\n"
    data = json.loads((project / "lint-baseline.json").read_text(encoding="utf-8"))
    assert data["format"] == "journeyspec-baseline" and data["version"] == 2
    assert [(e["path"], e["rule"], e["place"], e["count"]) for e in data["findings"]] == [
        ("journeys/returns.yaml", "stage-no-owner", "/stages/id=request", 1),
        ("journeys/returns.yaml", "stage-no-touchpoints", "/stages/id=request", 1),
    ]
    assert "line" not in data["findings"][0]

    clean = run("lint", "--baseline", "lint-baseline.json", "--format", "json", cwd=project)
    assert clean.exit_code == 0
    summary = json.loads(clean.stdout)["summary"]
    assert (summary["errors"], summary["baselined"]) == (0, 2)

    # Lines added above the accepted findings move them; they stay accepted. A new stage
    # without an owner is new.
    text = (project / "journeys/returns.yaml").read_text(encoding="utf-8")
    text = text.replace("stages:\n", "description: Refunds\nstages:\n").replace(
        "touchpoints:\n  - id: refund-email",
        "  - id: closing\n    name: Closing\n    touchpoints: [refund-email]\n"
        "touchpoints:\n  - id: refund-email",
    )
    (project / "journeys/returns.yaml").write_text(text, encoding="utf-8")
    new = run("lint", "--baseline", "lint-baseline.json", cwd=project)
    assert new.exit_code == 1
    assert "journeys/returns.yaml:20:5: error[stage-no-owner]: stage `closing` has no owner" in (
        new.stdout
    )
    assert "stage `request`" not in new.stdout
    assert new.stdout.endswith("✗ 5 files checked: 1 error (2 accepted by the baseline)\n")


def test_the_baseline_file_is_stable(project: Path, run: Run) -> None:
    run("lint", "--write-baseline", "a.json", cwd=project)
    run("lint", "--write-baseline", "b.json", cwd=project)
    assert (project / "a.json").read_bytes() == (project / "b.json").read_bytes()


def test_write_baseline_never_replaces_a_file_it_did_not_write(project: Path, run: Run) -> None:
    (project / "notes.json").write_text('{"mine": true}\n', encoding="utf-8")
    result = run("lint", "--write-baseline", "notes.json", cwd=project)
    assert result.exit_code == 2
    assert "notes.json exists and is not a journeyspec baseline" in result.stderr
    assert (project / "notes.json").read_text(encoding="utf-8") == '{"mine": true}\n'


def test_a_missing_or_damaged_baseline_is_a_usage_error(project: Path, run: Run) -> None:
    missing = run("lint", "--baseline", "nope.json", cwd=project)
    assert (missing.exit_code, missing.stderr) == (
        2,
        "journeyspec: baseline nope.json does not exist; create it with --write-baseline\n",
    )
    (project / "bad.json").write_text("{", encoding="utf-8")
    assert run("lint", "--baseline", "bad.json", cwd=project).exit_code == 2


def test_the_same_finding_in_another_file_is_new(project: Path, run: Run) -> None:
    run("lint", "--write-baseline", "base.json", cwd=project)
    twin = RETURNS.replace("id: returns", "id: returns-again").replace("Returns", "Returns again")
    (project / "journeys/twin.yaml").write_text(textwrap.dedent(twin), encoding="utf-8")
    result = run("lint", "--baseline", "base.json", "--format", "json", cwd=project)
    findings = json.loads(result.stdout)["findings"]
    assert {f["path"] for f in findings} == {"journeys/twin.yaml"}


CLEAN_STAGE = """\
  - id: browse
    name: Browse
    owner: marketing
    touchpoints: [refund-email]
    steps:
      - {id: reads, name: Reads the policy, touchpoints: [refund-email]}
"""


def test_items_inserted_above_keep_accepted_findings_accepted(project: Path, run: Run) -> None:
    run("lint", "--write-baseline", "base.json", cwd=project)
    journey = project / "journeys/returns.yaml"
    journey.write_text(
        journey.read_text(encoding="utf-8").replace("stages:\n", "stages:\n" + CLEAN_STAGE, 1),
        encoding="utf-8",
    )
    result = run("lint", "--baseline", "base.json", "--format", "json", cwd=project)
    assert (result.exit_code, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    assert (data["findings"], data["summary"]["baselined"]) == ([], 2)


def test_entries_that_no_longer_match_are_reported(project: Path, run: Run) -> None:
    run("lint", "--write-baseline", "base.json", cwd=project)
    journey = project / "journeys/returns.yaml"
    journey.write_text(
        journey.read_text(encoding="utf-8").replace(
            "    name: Request\n", "    name: Request\n    owner: marketing\n"
        ),
        encoding="utf-8",
    )
    result = run("lint", "--baseline", "base.json", cwd=project)
    assert result.exit_code == 0
    assert result.stderr == (
        "journeyspec: 1 baseline entry no longer matches a finding (fixed, or changed); "
        "refresh with --write-baseline base.json\n"
    )
    # Entries of files this run did not check are not judged.
    other = run("lint", "--baseline", "base.json", "journeys/first-purchase.yaml", cwd=project)
    assert (other.exit_code, other.stderr) == (0, "")


def test_a_version_1_baseline_is_refused_with_how_to_refresh(project: Path, run: Run) -> None:
    (project / "old.json").write_text(
        json.dumps({"format": "journeyspec-baseline", "version": 1, "findings": []}),
        encoding="utf-8",
    )
    result = run("lint", "--baseline", "old.json", cwd=project)
    assert (result.exit_code, result.stderr) == (
        2,
        "journeyspec: baseline old.json is a version 1 baseline, which matched findings by "
        "list position and would report accepted findings as new after any insertion; write "
        "it again with --write-baseline old.json (version 2 matches them by id)\n",
    )
