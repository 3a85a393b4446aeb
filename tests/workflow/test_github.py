"""journeyspec in GitHub Actions: annotation and SARIF paths from the repository root (so a
step's ``working-directory:`` changes nothing), and the changed files' findings first
within GitHub's 10 annotations per level and step."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from journeyspec import __version__
from journeyspec.diff import markdown
from journeyspec.scaffold import DEFAULT_INSTALL
from tests.conftest import MINIMAL_FILES, REPO, Result, write_files
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


def test_a_report_that_fits_is_left_whole() -> None:
    head, sections = "head", ["one", "two"]
    assert markdown.fit(head, sections, None, "") == "head\n\none\n\ntwo\n"
    assert markdown.fit(head, sections, 15, "") == "head\n\none\n\ntwo\n"
    cut = markdown.fit(head, sections, 14, "See x.")
    assert cut.startswith("head\n\n---\n\n✂️ **2 of 2 sections not shown**")
    assert cut.endswith("GitHub's size limit. See x.\n")


def test_max_bytes_is_for_markdown_only(big_change: Path, run: Run) -> None:
    result = run("diff", "HEAD~1", "--max-bytes", "5000", cwd=big_change)
    assert (result.exit_code, result.stderr) == (
        2,
        "journeyspec: --max-bytes applies to --format markdown only\n",
    )


# The scaffolded workflow ------------------------------------------------------------------

WORKFLOW = ".github/workflows/journeys.yml"
CURRENT_ACTIONS = {  # each one's current major, all on Node 24 or composite
    "actions/checkout@v7",
    "actions/setup-python@v7",
    "actions/upload-pages-artifact@v5",
    "actions/deploy-pages@v5",
    "github/codeql-action/upload-sarif@v4",
}


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from journeyspec.cli import cli

    target = tmp_path_factory.mktemp("scaffolded") / "repo"
    result = CliRunner().invoke(cli, ["init", str(target)], env={"JOURNEYSPEC_TODAY": "2026-03-01"})
    assert result.exit_code == 0, result.output
    return target


def _workflow(root: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((root / WORKFLOW).read_text(encoding="utf-8"))
    return loaded


def _steps(workflow: dict[str, Any], job: str) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = workflow["jobs"][job]["steps"]
    return steps


def _step(workflow: dict[str, Any], job: str, name: str) -> dict[str, Any]:
    return next(s for s in _steps(workflow, job) if s.get("name") == name)


def _action_validator(path: Path) -> subprocess.CompletedProcess[str]:
    tool = REPO / "node_modules" / ".bin" / "action-validator"
    assert tool.is_file(), "run `npm ci` (scripts/setup --test)"
    command = [str(tool), str(path)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def test_the_workflow_passes_action_validator(scaffolded: Path, tmp_path: Path) -> None:
    checked = _action_validator(scaffolded / WORKFLOW)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # ... which does reject a broken workflow.
    broken = tmp_path / "broken.yml"
    text = (scaffolded / WORKFLOW).read_text(encoding="utf-8")
    broken.write_text(text.replace("runs-on:", "runs_on:", 1), encoding="utf-8")
    assert _action_validator(broken).returncode == 1


def test_the_workflow_uses_current_actions(scaffolded: Path) -> None:
    workflow = _workflow(scaffolded)
    used = {
        step["uses"] for job in workflow["jobs"] for step in _steps(workflow, job) if "uses" in step
    }
    assert used == CURRENT_ACTIONS


def test_the_workflow_installs_journeyspec_from_its_release_tag(scaffolded: Path) -> None:
    workflow = _workflow(scaffolded)
    spec = f"git+https://github.com/journeyspec/journeyspec@v{__version__}"
    assert spec == DEFAULT_INSTALL
    # The repository the project names as its home (and the pre-commit hooks use).
    urls = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    assert spec.startswith("git+" + urls["Documentation"] + "@")
    hooks = (scaffolded / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert f"  - repo: {urls['Documentation']}\n    rev: v{__version__}\n" in hooks
    assert workflow["env"] == {"JOURNEYSPEC": spec}
    text = (scaffolded / WORKFLOW).read_text(encoding="utf-8")
    assert f"# repository (the one .pre-commit-config.yaml uses): {spec}\n" in text
    assert "journeyspec==" not in text  # the name no package index holds for us
    installs = [
        step["run"]
        for job in workflow["jobs"]
        for step in _steps(workflow, job)
        if "pip" in step.get("run", "")
    ]
    assert installs == ['python -m pip install "$JOURNEYSPEC"'] * 3


@pytest.mark.parametrize(
    "spec",
    [
        "journeyspec==0.1.0",
        "journeyspec @ https://example.com/dist/journeyspec-0.1.0-py3-none-any.whl",
        "./vendor/journeyspec-0.1.0.tar.gz",
        'git+https://git.example.com/cx/journeyspec@4f9e0c1 # "pinned": yes',
    ],
)
def test_init_install_writes_the_given_spec(tmp_path: Path, run: Run, spec: str) -> None:
    result = run("init", str(tmp_path / "repo"), "--install", spec, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert _workflow(tmp_path / "repo")["env"] == {"JOURNEYSPEC": spec}
    text = (tmp_path / "repo" / WORKFLOW).read_text(encoding="utf-8")
    assert f"# Chosen with `journeyspec init --install` ({__version__}): {spec}\n" in text
    assert _action_validator(tmp_path / "repo" / WORKFLOW).returncode == 0


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("", "--install needs a pip requirement, e.g. a git URL at a tag"),
        ("a\nb", "--install 'a\\nb': line breaks, control characters and ${{ are not allowed"),
        ("${{ secrets.TOKEN }}", "--install '${{ secrets.TOKEN }}': line breaks, control "
         "characters and ${{ are not allowed"),
        ("--index-url=https://evil.example/ journeyspec",
         "--install '--index-url=https://evil.example/ journeyspec': give a requirement, "
         "not a pip option"),
    ],
)  # fmt: skip
def test_init_install_refuses_what_cannot_be_installed(
    tmp_path: Path, run: Run, spec: str, message: str
) -> None:
    result = run("init", str(tmp_path / "repo"), "--install", spec, cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (2, f"journeyspec: {message}\n")
    assert not (tmp_path / "repo").exists()


def test_the_gate_runs_before_publishing(scaffolded: Path) -> None:
    workflow = _workflow(scaffolded)
    # YAML 1.1 (PyYAML) reads the key `on` as true; GitHub reads it as "on".
    assert workflow[True] == {"pull_request": None, "push": {"branches": ["main"]}}
    lint, publish = workflow["jobs"]["lint"], workflow["jobs"]["publish"]
    assert "if" not in lint  # pull requests and pushes alike
    assert publish["needs"] == "lint" and publish["if"] == "github.event_name == 'push'"
    assert publish["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    runs = [step.get("run", step.get("uses")) for step in _steps(workflow, "publish")]
    assert runs[2:5] == [
        "sudo apt-get update && sudo apt-get install -y --no-install-recommends graphviz",
        'python -m pip install "$JOURNEYSPEC"',
        "journeyspec build --strict",
    ]
    upload = _step(workflow, "lint", "Upload SARIF")
    assert "github.event_name == 'push' ||" in upload["if"]  # code scanning's base too
    assert upload["continue-on-error"] is True
    text = (scaffolded / WORKFLOW).read_text(encoding="utf-8")
    assert "# Private repositories: code scanning (the SARIF upload) needs GitHub Advanced" in text


def _bash(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``script`` run as a workflow step runs it (``bash -e``), with journeyspec on PATH
    and no GITHUB_* variables but ``env``'s."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    full = {**inherited, "PATH": path, "JOURNEYSPEC_TODAY": "2026-03-01", **env}
    return subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=cwd,
        env=full,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_lint_and_diff_steps_run(scaffolded: Path, tmp_path: Path) -> None:
    """The steps' own scripts, run by bash as the runner would, on a pull request that
    changes the sample journey's first score."""
    repo = tmp_path / "repo"
    shutil.copytree(scaffolded, repo, ignore=shutil.ignore_patterns("site"))
    commit(repo, {}, "init")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    journey = repo / "journeys" / "first-order.yaml"
    text = journey.read_text(encoding="utf-8")
    assert "score: -1" in text
    journey.write_text(text.replace("score: -1", "score: 1", 1), encoding="utf-8")
    summary = tmp_path / "summary.md"
    env = {"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_WORKSPACE": str(repo)}
    workflow = _workflow(repo)
    lint = _bash(
        _step(workflow, "lint", "Lint (the gate; annotations, SARIF and the job summary)")["run"],
        repo,
        env,
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr
    assert (
        json.loads((repo / "journeyspec.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    )
    describe = _step(workflow, "review", "Describe the change")
    diff = _bash(describe["run"], repo, {**env, "BASE": "origin/main"})
    assert describe["env"] == {"BASE": "origin/${{ github.base_ref }}"}
    assert diff.returncode == 0, diff.stdout + diff.stderr
    comment = (repo / "journeyspec-diff.md").read_text(encoding="utf-8")
    assert comment.startswith("<!-- journeyspec-diff -->\n## Journey map changes\n")
    assert "▲ better" in comment
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("## journeyspec lint\n\n✅ 4 files checked, no problems.\n")
    assert written.endswith(comment)


def test_the_comment_step_updates_only_its_own_comment(scaffolded: Path, tmp_path: Path) -> None:
    """The filter that picks the comment to update, run by jq (gh's --jq speaks jq)."""
    jq = shutil.which("jq")
    if jq is None:
        pytest.skip("jq is not installed")
    script = _step(_workflow(scaffolded), "review", "Comment on the pull request")["run"]
    query = re.search(r"--jq '(.*?)'", script, re.DOTALL)
    assert query is not None
    comments = [
        {"id": 1, "user": {"login": "someone"}, "body": "<!-- journeyspec-diff -->\nmine now"},
        {"id": 2, "user": {"login": "github-actions[bot]"}, "body": "another tool's comment"},
        {"id": 3, "user": {"login": "github-actions[bot]"}, "body": "<!-- journeyspec-diff -->\n"},
        {"id": 4, "user": {"login": "github-actions[bot]"}, "body": "<!-- journeyspec-diff -->x"},
    ]
    picked = subprocess.run(
        [jq, query.group(1)], input=json.dumps(comments), capture_output=True, text=True,
        check=True, timeout=60,
    )  # fmt: skip
    assert picked.stdout.split() == ["3", "4"]  # the step takes the first: 3
    assert "| head -n 1)" in script
    assert 'gh api --method PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$id"' in script
