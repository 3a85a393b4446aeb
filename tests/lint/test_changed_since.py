"""``lint --changed-since REF`` on a real git repository."""

from __future__ import annotations

import json
import subprocess
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result
from tests.lint.conftest import RETURNS

Run = Callable[..., Result]


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(project: Path) -> Path:
    """The project committed and tagged ``base``."""
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", ".")
    _git(project, "commit", "-q", "-m", "base")
    _git(project, "tag", "base")
    return project


def test_only_changed_and_untracked_journeys_are_linted(repo: Path, run: Run) -> None:
    unchanged = run("lint", "--changed-since", "base", cwd=repo)
    assert (unchanged.exit_code, unchanged.stdout) == (0, "✓ 0 files checked, no problems\n")
    assert unchanged.stderr == "journeyspec: no journeys changed since base\n"

    # A new, untracked journey that refers to the committed persona and teams.
    twin = RETURNS.replace("id: returns", "id: returns-two").replace("Returns", "Returns two")
    (repo / "journeys/two.yaml").write_text(textwrap.dedent(twin), encoding="utf-8")
    # A committed change to a clean journey, and a comment added to the persona both use
    # (linted itself; its entry is the same, so the journeys naming it are not).
    first = repo / "journeys/first-purchase.yaml"
    first.write_text(first.read_text(encoding="utf-8") + "# touched\n", encoding="utf-8")
    (repo / "personas/budi.yaml").write_text(
        (repo / "personas/budi.yaml").read_text(encoding="utf-8") + "# touched\n",
        encoding="utf-8",
    )
    _git(repo, "commit", "-q", "-am", "touch")

    result = run("lint", "--changed-since", "base", "--format", "json", cwd=repo)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["summary"]["files"] == 3
    assert sorted({(f["path"], f["rule"]) for f in data["findings"]}) == [
        ("journeys/two.yaml", "stage-no-owner"),
        ("journeys/two.yaml", "stage-no-touchpoints"),
    ]


def test_references_still_resolve_against_the_whole_project(repo: Path, run: Run) -> None:
    journey = repo / "journeys/returns.yaml"
    journey.write_text(
        journey.read_text(encoding="utf-8").replace("persona: budi", "persona: nobody"),
        encoding="utf-8",
    )
    result = run("lint", "--changed-since", "HEAD", "--format", "json", cwd=repo)
    rules = [(f["path"], f["rule"]) for f in json.loads(result.stdout)["findings"]]
    assert rules == [("journeys/returns.yaml", "reference")]


def test_a_bad_revision_is_a_usage_error(repo: Path, run: Run) -> None:
    result = run("lint", "--changed-since", "no-such-branch", cwd=repo)
    assert (result.exit_code, result.stderr) == (
        2,
        "journeyspec: --changed-since no-such-branch: no such git revision "
        "(try a branch, tag or commit)\n",
    )


def test_outside_a_repository_it_is_a_usage_error(project: Path, run: Run) -> None:
    result = run(
        "lint",
        "--changed-since",
        "main",
        cwd=project,
        env={"GIT_CEILING_DIRECTORIES": str(project.parent)},
    )
    assert result.exit_code == 2
    assert result.stderr == (
        f"journeyspec: --changed-since needs a git repository, and {project.resolve()} "
        "is not in one\n"
    )


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _findings(result: Result) -> list[tuple[str, int, int, str]]:
    data = json.loads(result.stdout)
    return [(f["path"], f["line"], f["column"], f["rule"]) for f in data["findings"]]


def test_deleting_a_team_that_unchanged_journeys_use_fails(repo: Path, run: Run) -> None:
    _edit(
        repo / "registry/teams.yaml",
        "  - id: customer-success\n    name: Customer Success\n",
        "",
    )
    _git(repo, "commit", "-q", "-am", "no more customer success")
    result = run("lint", "--changed-since", "base", "--format", "json", cwd=repo)
    assert result.exit_code == 1
    assert [f for f in _findings(result) if f[3] == "reference"] == [
        ("journeys/first-purchase.yaml", 17, 12, "reference"),
        ("journeys/returns.yaml", 14, 12, "reference"),
    ]
    assert json.loads(result.stdout)["summary"]["files"] == 3  # the registry and both users


def test_a_persona_edit_lints_the_journeys_naming_it(repo: Path, run: Run) -> None:
    _edit(repo / "personas/budi.yaml", "role: Finance manager", "role: Finance director")
    result = run("lint", "--changed-since", "base", "--format", "json", cwd=repo)
    assert json.loads(result.stdout)["summary"]["files"] == 3
    assert {f[0] for f in _findings(result)} == {"journeys/returns.yaml"}


def test_a_deleted_persona_reaches_its_journeys(repo: Path, run: Run) -> None:
    (repo / "personas/budi.yaml").unlink()
    result = run("lint", "--changed-since", "base", "--format", "json", cwd=repo)
    assert result.exit_code == 1
    assert [f for f in _findings(result) if f[3] == "reference"] == [
        ("journeys/first-purchase.yaml", 4, 10, "reference"),
        ("journeys/returns.yaml", 4, 10, "reference"),
    ]


def test_a_deleted_current_state_map_reaches_its_future_state(repo: Path, run: Run) -> None:
    future = (repo / "journeys/first-purchase.yaml").read_text(encoding="utf-8")
    future = future.replace(
        "id: first-purchase", "id: first-purchase-next\nkind: future-state\ncurrent_state: returns"
    )
    (repo / "journeys/next.yaml").write_text(future, encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "future")
    (repo / "journeys/returns.yaml").unlink()
    result = run("lint", "--changed-since", "HEAD", "--format", "json", cwd=repo)
    assert result.exit_code == 1
    assert _findings(result) == [("journeys/next.yaml", 4, 16, "reference")]


def test_a_config_change_lints_everything(repo: Path, run: Run) -> None:
    config = repo / "journeyspec.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "# touched\n", encoding="utf-8")
    result = run("lint", "--changed-since", "base", "--format", "json", cwd=repo)
    assert json.loads(result.stdout)["summary"]["files"] == 5


@pytest.mark.parametrize(
    "name", ['we"ird.yaml', "tab\there.yaml", "back\\slash.yaml", "new\nline.yaml", "café.yaml"]
)
def test_names_git_would_quote_are_linted(repo: Path, run: Run, name: str) -> None:
    twin = RETURNS.replace("id: returns", "id: returns-two")
    (repo / "journeys" / name).write_text(textwrap.dedent(twin), encoding="utf-8")
    untracked = run("lint", "--changed-since", "base", "--format", "json", cwd=repo)
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "odd name")
    committed = run("lint", "--changed-since", "base", "--format", "json", cwd=repo)
    for result in (untracked, committed):
        assert result.exit_code == 1
        assert _findings(result) == [
            (f"journeys/{name}", 7, 5, "stage-no-owner"),
            (f"journeys/{name}", 7, 5, "stage-no-touchpoints"),
        ]


def test_a_new_journey_reusing_an_id_fails_whichever_sorts_first(repo: Path, run: Run) -> None:
    # "a-copy" sorts before "returns" and after "first-purchase": both orders are covered.
    for name, source in (("a-copy.yaml", "returns.yaml"), ("z-copy.yaml", "first-purchase.yaml")):
        copy = repo / "journeys" / name
        copy.write_text((repo / "journeys" / source).read_text(encoding="utf-8"), "utf-8")
        for args in (("journeys/" + name,), ("--changed-since", "base")):
            result = run("lint", *args, "--format", "json", cwd=repo)
            assert result.exit_code == 1
            assert (f"journeys/{name}", 2, 5, "reference") in _findings(result)
        whole = _findings(run("lint", "--format", "json", cwd=repo))
        assert (f"journeys/{source}", 2, 5, "reference") in whole
        copy.unlink()


def test_a_new_persona_reusing_an_id_fails(repo: Path, run: Run) -> None:
    (repo / "personas/a-budi.yaml").write_text(
        (repo / "personas/budi.yaml").read_text(encoding="utf-8"), "utf-8"
    )
    for args in (("personas/a-budi.yaml",), ("--changed-since", "base")):
        result = run("validate" if args[0].startswith("personas") else "lint", *args, cwd=repo)
        assert result.exit_code == 1
        assert "personas/a-budi.yaml:2:5: error[reference]: duplicate persona id `budi`" in (
            result.stdout
        )


def test_a_persona_based_on_a_deleted_one_is_linted(repo: Path, run: Run) -> None:
    (repo / "personas/dewi.yaml").write_text(
        "journeyspec: 1\nid: dewi\nname: Dewi\nbased_on: budi\n", encoding="utf-8"
    )
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "dewi")
    (repo / "personas/budi.yaml").unlink()
    result = run("lint", "--changed-since", "HEAD", "--format", "json", cwd=repo)
    assert ("personas/dewi.yaml", 4, 11, "reference") in _findings(result)
