"""Shell completion through real bash: the script click prints, driven by COMP_WORDS/COMP_CWORD."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from journeyspec.lint.settings import all_rules

BIN = Path(sys.executable).parent


def complete(words: list[str], cwd: Path) -> list[str]:
    """What bash offers for the last of ``words`` (an empty string completes a new word)."""
    script = (
        'eval "$(_JOURNEYSPEC_COMPLETE=bash_source journeyspec)"\n'
        f"COMP_WORDS=({' '.join(shlex.quote(w) for w in words)})\n"
        f"COMP_CWORD={len(words) - 1}\n"
        "_journeyspec_completion journeyspec\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return [line for line in done.stdout.splitlines() if line]


@pytest.mark.parametrize("command", [["rules"], ["explain"], ["lint", "--rule"]])
def test_rule_ids_complete(tmp_path: Path, command: list[str]) -> None:
    assert complete(["journeyspec", *command, "stage-no-o"], tmp_path) == ["stage-no-owner"]
    everything = complete(["journeyspec", *command, ""], tmp_path)
    assert everything == [rule.ID for rule in all_rules()]


def test_rule_settings_complete_after_the_rule(tmp_path: Path) -> None:
    # As zsh and fish pass the word; bash splits it at `=` (COMP_WORDBREAKS) and offers
    # the rule ids only, which this test does not claim otherwise.
    offered = complete(["journeyspec", "lint", "--rule", "stage-no-owner=w"], tmp_path)
    assert offered == ["stage-no-owner=warning"]


def test_journey_ids_complete_from_the_project(minimal_project: Path) -> None:
    (minimal_project / "journeys" / "second.yaml").write_text(
        (minimal_project / "journeys" / "first-purchase.yaml")
        .read_text()
        .replace("id: first-purchase", "id: fine-tuning")
    )
    deeper = minimal_project / "journeys"
    assert complete(["journeyspec", "export", "fi"], deeper) == ["fine-tuning", "first-purchase"]
    assert complete(["journeyspec", "export", "--format", "json", "fin"], deeper) == ["fine-tuning"]


def test_an_id_that_is_not_one_word_is_not_offered(minimal_project: Path) -> None:
    (minimal_project / "journeys" / "odd.yaml").write_text('id: "fix it\\nplain,injected"\n')
    assert complete(["journeyspec", "export", ""], minimal_project) == ["first-purchase"]


def test_a_broken_project_completes_nothing_and_prints_nothing(tmp_path: Path) -> None:
    (tmp_path / "journeyspec.yaml").write_text("journeyspec: 1\nnmae: oops\n")
    assert complete(["journeyspec", "export", ""], tmp_path) == []


def test_formats_and_commands_complete(tmp_path: Path) -> None:
    assert complete(["journeyspec", "lint", "--format", "s"], tmp_path) == ["sarif"]
    assert complete(["journeyspec", "export", "--format", ""], tmp_path) == [
        "mermaid",
        "json",
        "csv",
        "poster",
    ]
    assert complete(["journeyspec", "diff", "main", "--format", "m"], tmp_path) == ["markdown"]
    assert complete(["journeyspec", "ex"], tmp_path) == ["explain", "export"]
