"""``journeyspec diff``: semantic changes between two commits, folders, or the working tree."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from journeyspec import api
from journeyspec.diff.formats import RENDERERS
from tests.conftest import Result, write_files
from tests.workflow.project_files import BASE, HEAD
from tests.workflow.repo import commit

Run = Callable[..., Result]

EXPECTED_CHANGES = [
    ("journey", "trial", "owner", "marketing", "customer-success", None, None),
    ("stage", "renewal", "added", None, None, None, None),
    ("stage", "trial", "owner", None, "customer-success", None, None),
    ("step", "renews", "added", None, None, None, "renewal"),
    ("step", "searches", "moved", {"stage": "awareness", "position": 1},
     {"stage": "awareness", "position": 2}, None, "awareness"),
    ("step", "reads-reviews", "renamed", "Reads reviews", "Compares reviews", None, "awareness"),
    ("step", "searches", "score", -1, 1, "better", "awareness"),
    ("step", "signs-up", "score", 1, -1, "worse", "trial"),
    ("touchpoint", "welcome-email", "channel", "email", "web", None, None),
    ("pain-point", "confusing-pricing", "added", None, None, None, None),
    ("pain-point", "card-required", "resolved", None, None, None, None),
    ("opportunity", "no-card-trial", "status", "idea", "done", None, None),
    ("opportunity", "no-card-trial", "addresses", ["card-required"], [], None, None),
    ("kpi", "trial-conversion", "baseline", 12, 15, "better", None),
]  # fmt: skip

EXPECTED_MARKDOWN = """\
<!-- journeyspec-diff -->
## Journey map changes

`HEAD~1` → `HEAD`: 1 journey changed; lint: 1 new finding, 1 fixed

### ✏️ Software trial · `trial` (changed)

<sub>journeys/trial.yaml</sub>

| Step | Stage | Before | After | Trend |
|---|---|---:|---:|---|
| Searches for software (`searches`) | `awareness` | -1 | +1 | ▲ better |
| Signs up (`signs-up`) | `trial` | +1 | -1 | ▼ worse |

- journey `trial` “Software trial” owner: `marketing` → `customer-success`
- added stage `renewal` “Renewal”
- stage `trial` “Trial” owner: none → `customer-success`
- added step `renews` “Renews the plan” in stage `renewal`
- moved step `searches` “Searches for software” from `awareness` #1 to `awareness` #2
- renamed step `reads-reviews`: “Reads reviews” → “Compares reviews”
- touchpoint `welcome-email` “Welcome email” channel: `email` → `web`
- added pain point `confusing-pricing` “Plans are hard to compare”
- resolved pain point `card-required` “Sign-up asks for a credit card”
- opportunity `no-card-trial` “Trial without a credit card” status: idea → done
- opportunity `no-card-trial` “Trial without a credit card” addresses: −`card-required`
- KPI `trial-conversion` “Trial conversion” baseline: 12 → 15 (better)

- 🔴 new: `journeys/trial.yaml:27:5` error `stage-no-touchpoints`: stage `renewal` has no touchpoints
- ✅ fixed: `journeys/trial.yaml:19:5` error `stage-no-owner`: stage `trial` has no owner
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with the base commit, then the head commit."""
    commit(tmp_path, BASE, "A trial journey")
    commit(tmp_path, HEAD, "Scores, owners and stages change")
    return tmp_path


def _changes(document: dict[str, Any]) -> list[tuple[Any, ...]]:
    (journey,) = document["journeys"]
    return [
        (c["part"], c["id"], c["change"], c["old"], c["new"], c["trend"], c["stage"])
        for c in journey["changes"]
    ]


def test_json_lists_the_exact_changes_and_findings(repo: Path, run: Run) -> None:
    result = run("diff", "HEAD~1", "HEAD", "--format", "json", cwd=repo)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert (document["format"], document["version"]) == ("journeyspec-diff", 1)
    assert document["summary"] == {
        "journeys_added": 0,
        "journeys_removed": 0,
        "journeys_changed": 1,
        "journeys_invalid": 0,
        "findings_new": 1,
        "findings_fixed": 1,
        "registry_changes": 0,
    }
    (journey,) = document["journeys"]
    assert (journey["id"], journey["path"], journey["status"]) == (
        "trial",
        "journeys/trial.yaml",
        "changed",
    )
    assert _changes(document) == EXPECTED_CHANGES
    new = [(f["line"], f["col"], f["rule"], f["message"]) for f in journey["findings"]["new"]]
    fixed = [(f["line"], f["col"], f["rule"], f["message"]) for f in journey["findings"]["fixed"]]
    assert new == [(27, 5, "stage-no-touchpoints", "stage `renewal` has no touchpoints")]
    assert fixed == [(19, 5, "stage-no-owner", "stage `trial` has no owner")]
    assert document["other_findings"] == {"new": [], "fixed": []}


def test_markdown_reads_as_a_pull_request_comment(repo: Path, run: Run) -> None:
    result = run("diff", "HEAD~1", "HEAD", "--format", "markdown", "--no-mermaid", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == EXPECTED_MARKDOWN


def test_markdown_folds_the_changed_map_as_mermaid(repo: Path, run: Run) -> None:
    result = run("diff", "HEAD~1", "HEAD", "--format", "markdown", cwd=repo)
    diagram = result.stdout.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert result.stdout.startswith(EXPECTED_MARKDOWN.rstrip("\n"))
    assert "<details><summary>Journey map (head)</summary>" in result.stdout
    assert diagram == (
        "journey\n"
        "  title Software trial\n"
        "  section Awareness\n"
        "    %% reads-reviews is unscored: drawn at the neutral 3\n"
        "    Compares reviews: 3: Budi\n"
        "    Searches for software: 4: Budi\n"
        "  section Trial\n"
        "    Signs up: 2: Budi\n"
        "  section Renewal\n"
        "    %% renews is unscored: drawn at the neutral 3\n"
        "    Renews the plan: 3: Budi\n"
    )


def test_working_tree_is_the_default_head(repo: Path, run: Run) -> None:
    write_files(repo, {"journeys/trial.yaml": HEAD["journeys/trial.yaml"].replace(
        "emotion: {score: -1}", "emotion: {score: 2}")})  # fmt: skip
    result = run("diff", "HEAD", "--format", "json", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert _changes(json.loads(result.stdout)) == [
        ("step", "signs-up", "score", -1, 2, "better", "trial")
    ]
    assert "HEAD → working tree" in run("diff", "HEAD", cwd=repo).stdout


def test_two_folders_added_and_removed_journeys(tmp_path: Path, run: Run) -> None:
    old = write_files(tmp_path / "old", BASE)
    new = write_files(
        tmp_path / "new", {**BASE, "journeys/trial.yaml": HEAD["journeys/trial.yaml"]}
    )
    shutil.move(new / "journeys" / "trial.yaml", new / "journeys" / "renamed-file.yaml")
    (old / "journeys" / "gone.yaml").write_text(
        (old / "journeys" / "trial.yaml").read_text().replace("id: trial\n", "id: gone\n", 1)
    )
    result = api.diff(str(old), str(new), project=old)
    assert [(j.id, j.status, j.path) for j in result.journeys] == [
        ("gone", "removed", "journeys/gone.yaml"),
        ("trial", "changed", "journeys/renamed-file.yaml"),
    ]
    text = RENDERERS["text"](result)
    assert (
        text.splitlines()[1] == "1 journey changed, 1 journey removed; lint: 1 new finding, 2 fixed"
    )


def test_nothing_changed(repo: Path, run: Run) -> None:
    result = run("diff", "HEAD", "HEAD", cwd=repo)
    assert result.exit_code == 0
    assert result.stdout == (
        "journeyspec diff: HEAD → HEAD\nno journey changes; lint: 0 new findings, 0 fixed\n"
    )


@pytest.mark.parametrize("revision", ["no-such-branch", "--output=x", "HEAD~9"])
def test_bad_revisions_exit_2(repo: Path, run: Run, revision: str) -> None:
    result = run("diff", "--", revision, cwd=repo)
    assert result.exit_code == 2
    assert result.stderr == (
        f"journeyspec: {revision}: neither a folder nor a git revision (a branch, tag or commit)\n"
    )


def test_revisions_outside_git_exit_2(tmp_path: Path, run: Run) -> None:
    write_files(tmp_path, BASE)
    result = run("diff", "main", cwd=tmp_path)
    assert result.exit_code == 2
    assert "main: not a folder, and" in result.stderr
    assert "is not in a git repository" in result.stderr


def test_project_in_a_subfolder_of_the_repository(tmp_path: Path, run: Run) -> None:
    commit(tmp_path, {f"cx/{k}": v for k, v in BASE.items()}, "base")
    commit(tmp_path, {f"cx/{k}": v for k, v in HEAD.items()}, "head")
    result = run("diff", "HEAD~1", "HEAD", "--format", "json", cwd=tmp_path / "cx")
    assert _changes(json.loads(result.stdout)) == EXPECTED_CHANGES


MOVES_BEFORE = """\
    journeyspec: 1
    id: moves
    title: Moves
    persona: budi
    stages:
      - id: first
        name: First
        steps:
          - {id: a, name: A}
          - {id: b, name: B}
      - id: second
        name: Second
        steps:
          - {id: c, name: C}
    """

MOVES_AFTER = """\
    journeyspec: 1
    id: moves
    title: Moves
    persona: budi
    stages:
      - id: second
        name: Second
        steps:
          - {id: b, name: B}
          - {id: c, name: C}
      - id: first
        name: First
        steps:
          - {id: a, name: A}
    """


def test_stage_and_cross_stage_moves_and_invalid_journeys(tmp_path: Path) -> None:
    old = write_files(tmp_path / "old", {**BASE, "journeys/moves.yaml": MOVES_BEFORE})
    new = write_files(tmp_path / "new", {**BASE, "journeys/moves.yaml": MOVES_AFTER})
    (new / "journeys" / "trial.yaml").write_text(
        (old / "journeys" / "trial.yaml").read_text().replace("persona: budi", "persona: ghost")
    )
    result = api.diff(str(old), str(new), project=old)
    assert [(j.id, j.status) for j in result.journeys] == [
        ("moves", "changed"),
        ("trial", "invalid"),
    ]
    moves, trial = result.journeys
    assert [(c.part, c.id, c.change, c.old, c.new) for c in moves.changes] == [
        ("stage", "first", "moved", 1, 2),
        ("step", "b", "moved", {"stage": "first", "position": 2},
         {"stage": "second", "position": 1}),
    ]  # fmt: skip
    assert trial.changes == ()
    assert [(f.rule, f.message) for f in trial.findings.new] == [
        ("reference", "unknown persona `ghost`")
    ]


def test_folders_that_hold_no_project_are_refused(tmp_path: Path, run: Run) -> None:
    project = write_files(tmp_path / "project", BASE)
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "notes.yaml").write_text(f"name: {name}\n", encoding="utf-8")
    for base, head in (("a", "b"), ("a", "project"), ("project", "b")):
        result = run("diff", base, head, cwd=tmp_path)
        empty = base if base != "project" else head
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (
            f"journeyspec: {empty} holds no journeyspec project (no journeyspec.yaml and no "
            "journeys/ folder in it); name a project's folder or a git revision\n"
        )
    assert run("diff", "project", "project", cwd=tmp_path).exit_code == 0
    outside = run("diff", str(project), cwd=tmp_path)  # the working tree here is no project
    assert outside.exit_code == 2
    assert "no journeyspec project in" in outside.stderr


def test_the_emotion_shorthand_is_the_same_score(tmp_path: Path) -> None:
    trial = HEAD["journeys/trial.yaml"]
    assert "emotion: {score: -1}" in trial
    old = write_files(tmp_path / "old", {**BASE, "journeys/trial.yaml": trial})
    same = write_files(tmp_path / "same", {
        **BASE, "journeys/trial.yaml": trial.replace("emotion: {score: -1}", "emotion: -1")})  # fmt: skip
    moved = write_files(tmp_path / "moved", {
        **BASE, "journeys/trial.yaml": trial.replace("emotion: {score: -1}", "emotion: 2")})  # fmt: skip
    assert [j.changes for j in api.diff(str(old), str(same), project=old).journeys] in ([], [()])
    (journey,) = api.diff(str(old), str(moved), project=old).journeys
    assert [(c.part, c.id, c.change, c.old, c.new) for c in journey.changes] == [
        ("step", "signs-up", "score", -1, 2)
    ]
