"""journeyspec in GitHub Actions: annotation and SARIF paths from the repository root (so a
step's ``working-directory:`` changes nothing), and the changed files' findings first
within GitHub's 10 annotations per level and step."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_FILES, Result, write_files
from tests.lint.conftest import RETURNS, config_text
from tests.workflow.repo import commit, git

Run = Callable[..., Result]


def _project(folder: Path) -> Path:
    write_files(folder, dict(MINIMAL_FILES))
    (folder / "journeyspec.yaml").write_text(config_text(), encoding="utf-8")
    return write_files(folder, {"journeys/returns.yaml": RETURNS})


def _annotated_files(stdout: str) -> list[str]:
    return [line.split("file=", 1)[1].split(",", 1)[0] for line in stdout.splitlines()
            if line.startswith("::error ")]  # fmt: skip


def _sarif_uris(stdout: str) -> tuple[list[str], dict[str, object]]:
    run = json.loads(stdout)["runs"][0]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert {u["uriBaseId"] for u in uris} == {"%SRCROOT%"}
    return [u["uri"] for u in uris], run.get("originalUriBaseIds", {})


@pytest.mark.parametrize("where", ["project", "journeys"])
def test_paths_lead_from_the_git_work_tree_root(tmp_path: Path, run: Run, where: str) -> None:
    repository = tmp_path / "repo"
    project = _project(repository / "maps" / "customer")
    commit(repository, {"README.md": "x"}, "start")
    cwd = project if where == "project" else project / "journeys"
    annotations = run("lint", "--format", "github", cwd=cwd)
    assert annotations.exit_code == 1
    assert _annotated_files(annotations.stdout) == ["maps/customer/journeys/returns.yaml"] * 2
    sarif = run("lint", "--format", "sarif", cwd=cwd)
    uris, bases = _sarif_uris(sarif.stdout)
    assert uris == ["maps/customer/journeys/returns.yaml"] * 2
    assert bases == {
        "%SRCROOT%": {
            "uri": repository.resolve().as_uri() + "/",
            "description": {"text": "The repository root."},
        }
    }
    # The terminal's text output still leads from where the user stands.
    text = run("lint", "--format", "text", cwd=cwd)
    shown = "../journeys/returns.yaml:7:5" if where == "journeys" else "journeys/returns.yaml:7:5"
    assert text.stdout.splitlines()[1].startswith(shown)


def test_github_workspace_is_the_root_in_actions(tmp_path: Path, run: Run) -> None:
    # No git here (a workflow may download a tarball): $GITHUB_WORKSPACE decides.
    workspace = tmp_path / "workspace"
    project = _project(workspace / "cx")
    env = {"GITHUB_WORKSPACE": str(workspace), "GITHUB_ACTIONS": "true"}
    result = run("lint", "--format", "sarif", cwd=project / "journeys", env=env)
    uris, bases = _sarif_uris(result.stdout)
    assert uris == ["cx/journeys/returns.yaml"] * 2
    assert bases["%SRCROOT%"] == {  # type: ignore[comparison-overlap]
        "uri": workspace.resolve().as_uri() + "/",
        "description": {"text": "The repository root."},
    }
    default = run("lint", cwd=project, env=env)  # github is the default format in Actions
    assert _annotated_files(default.stdout) == ["cx/journeys/returns.yaml"] * 2
    # A workspace that does not hold the project is not its root: the project root is.
    elsewhere = {"GITHUB_WORKSPACE": str(tmp_path / "other")}
    result = run("lint", "--format", "github", cwd=project, env=elsewhere)
    assert _annotated_files(result.stdout) == ["journeys/returns.yaml"] * 2


def _journey(journey_id: str, stages: int) -> str:
    """A journey whose ``stages`` stages each lack an owner (one stage-no-owner error each)."""
    lines = [
        "journeyspec: 1",
        f"id: {journey_id}",
        f"title: {journey_id}",
        "persona: budi",
        "owner: marketing",
        "stages:",
    ]
    for n in range(stages):
        lines += [f"  - id: s{n}", f"    name: S{n}", "    steps:",
                  f"      - id: t{n}", f"        name: T{n}", "        touchpoints: [mail]"]  # fmt: skip
    lines += ["touchpoints:", "  - id: mail", "    name: Mail", "    channel: email"]
    return "\n".join(lines) + "\n"


@pytest.fixture
def crowded(tmp_path: Path) -> Path:
    """A repository whose main has 12 errors in an old journey; the branch adds a journey
    with 2 errors."""
    _project(tmp_path)
    (tmp_path / "journeys" / "returns.yaml").unlink()
    extra = "    stage-no-touchpoints: off\n"
    (tmp_path / "journeyspec.yaml").write_text(config_text(extra), encoding="utf-8")
    commit(tmp_path, {"journeys/aaa-old.yaml": _journey("aaa-old", 12)}, "old")
    git(tmp_path, "branch", "base")
    commit(tmp_path, {"journeys/zzz-new.yaml": _journey("zzz-new", 2)}, "new")
    return tmp_path


def test_changed_files_are_annotated_first(crowded: Path, run: Run) -> None:
    # Without a pull request, the report's order; the last line counts what GitHub hides.
    plain = run("lint", "--format", "github", cwd=crowded)
    files = _annotated_files(plain.stdout)
    assert files == ["journeys/aaa-old.yaml"] * 12 + ["journeys/zzz-new.yaml"] * 2
    assert plain.stdout.splitlines()[-1] == (
        "::notice title=journeyspec::4 findings not shown as annotations: GitHub shows 10 of "
        "each level per step (all 14 are listed above in this log)"
    )
    # On a pull request (base branch fetched as origin/<base>) the new file comes first.
    git(crowded, "update-ref", "refs/remotes/origin/base", "base")
    pull = run("lint", "--format", "github", cwd=crowded, env={"GITHUB_BASE_REF": "base"})
    files = _annotated_files(pull.stdout)
    assert files == ["journeys/zzz-new.yaml"] * 2 + ["journeys/aaa-old.yaml"] * 12
    assert pull.stdout.splitlines()[-1] == (
        "::notice title=journeyspec::4 findings not shown as annotations: GitHub shows 10 of "
        "each level per step (those of the changed files first, all 14 are listed above in "
        "this log)"
    )
    # A base branch that was not fetched keeps the report's order, without an error.
    unknown = run("lint", "--format", "github", cwd=crowded, env={"GITHUB_BASE_REF": "nope"})
    assert unknown.exit_code == 1 and unknown.stdout == plain.stdout


def test_changed_since_counts_from_the_changed_files(crowded: Path, run: Run) -> None:
    (crowded / "journeys" / "zzz-new.yaml").write_text(_journey("zzz-new", 11), encoding="utf-8")
    result = run("lint", "--format", "github", "--changed-since", "base", cwd=crowded)
    assert _annotated_files(result.stdout) == ["journeys/zzz-new.yaml"] * 11
    assert result.stdout.splitlines()[-1] == (
        "::notice title=journeyspec::1 finding not shown as annotations: GitHub shows 10 of "
        "each level per step (those of the changed files first, all 11 are listed above in "
        "this log)"
    )


def test_no_count_line_when_everything_is_shown(tmp_path: Path, run: Run) -> None:
    project = _project(tmp_path)
    result = run("lint", "--format", "github", cwd=project)
    assert [line.split(" ", 1)[0] for line in result.stdout.splitlines()] == ["::error"] * 2


def _scored(journey_id: str, score: int) -> str:
    """A journey of five steps, each at emotion ``score``."""
    lines = ["journeyspec: 1", f"id: {journey_id}", f"title: The {journey_id} journey",
             "persona: budi", "owner: marketing", "stages:",
             "  - id: only", "    name: Only", "    owner: marketing", "    steps:"]  # fmt: skip
    for n in range(5):
        lines += [f"      - id: step-{n}", f"        name: Does thing number {n}",
                  f"        emotion: {{score: {score}}}", "        touchpoints: [mail]"]  # fmt: skip
    lines += ["touchpoints:", "  - id: mail", "    name: Mail", "    channel: email"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def big_change(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 journeys whose every score changed between HEAD~1 and HEAD."""
    root = tmp_path_factory.mktemp("big")
    write_files(root, dict(MINIMAL_FILES))
    ids = [f"journey-{n:03}" for n in range(200)]
    commit(root, {f"journeys/{i}.yaml": _scored(i, -1) for i in ids}, "before")
    commit(root, {f"journeys/{i}.yaml": _scored(i, 1) for i in ids}, "after")
    return root


GITHUB_COMMENT_LIMIT = 65_536


def test_a_big_diff_is_cut_to_fit_a_pull_request_comment(big_change: Path, run: Run) -> None:
    whole = run("diff", "HEAD~1", "HEAD", "--format", "markdown", cwd=big_change)
    assert len(whole.stdout) > 2 * GITHUB_COMMENT_LIMIT  # what broke the comment
    env = {
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "northwind/journeys",
        "GITHUB_RUN_ID": "42",
    }
    cut = run("diff", "HEAD~1", "HEAD", "--format", "markdown", "--max-bytes", "65536",
              cwd=big_change, env=env)  # fmt: skip
    assert cut.exit_code == 0, cut.stderr
    text = cut.stdout
    assert len(text.encode("utf-8")) <= GITHUB_COMMENT_LIMIT
    assert text.splitlines()[:4] == [
        "<!-- journeyspec-diff -->",
        "## Journey map changes",
        "",
        "`HEAD~1` → `HEAD`: 200 journeys changed; lint: 0 new findings, 0 fixed",
    ]
    shown = text.count("\n### ✏️ ")
    assert 0 < shown < 200
    # Whole sections only: every folded diagram and code fence that opens also closes.
    assert text.count("<details>") == text.count("</details>") == shown
    assert text.count("```") % 2 == 0
    assert text.endswith(
        f"---\n\n✂️ **{200 - shown} of 200 sections not shown**: this comment is cut to "
        "GitHub's size limit. The full report is in the job summary of "
        "[this workflow run](https://github.com/northwind/journeys/actions/runs/42).\n"
    )
    assert whole.stdout.startswith(text.rsplit("\n\n---\n\n", 1)[0])
    # Outside GitHub Actions the note names the command that prints the whole report.
    local = run("diff", "HEAD~1", "--format", "markdown", "--max-bytes", "4000", cwd=big_change)
    assert len(local.stdout.encode("utf-8")) <= 4000
    assert local.stdout.endswith(
        "GitHub's size limit. Run `journeyspec diff HEAD~1` for the full report.\n"
    )
    # A report that fits is left whole.
    assert run("diff", "HEAD~1", "HEAD", "--format", "markdown", "--max-bytes", "999999",
               cwd=big_change).stdout == whole.stdout  # fmt: skip


def test_max_bytes_is_for_markdown_only(big_change: Path, run: Run) -> None:
    result = run("diff", "HEAD~1", "--max-bytes", "5000", cwd=big_change)
    assert (result.exit_code, result.stderr) == (
        2,
        "journeyspec: --max-bytes applies to --format markdown only\n",
    )
