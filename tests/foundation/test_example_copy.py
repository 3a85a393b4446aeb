"""Issue acceptance: a copy of an example with four planted mistakes yields exactly four errors."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Runner, copy_example

JOURNEY = "journeys/accounting-software-first-purchase.yaml"


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    (index,) = [i for i, line in enumerate(lines) if needle in line]
    return index + 1


def test_four_planted_mistakes_give_exactly_four_errors(tmp_path: Path, run: Runner) -> None:
    project = copy_example(tmp_path)
    journey = project / JOURNEY
    duplicate_line = line_of(journey, "- id: reads-nurture-emails")
    # A misspelled key, a wrong type, a dangling persona id and a duplicate step id.
    replace_once(journey, "    handoff: Marketing passes", "    hand_off: Marketing passes")
    replace_once(journey, "status: validated\n", "status: [validated]\n")
    replace_once(journey, "persona: budi\n", "persona: budy\n")
    replace_once(journey, "      - id: reads-nurture-emails\n", "      - id: builds-shortlist\n")

    result = run("validate", cwd=project)

    assert result.exit_code == 1
    errors = [line for line in result.stdout.splitlines() if ": error[" in line]
    assert errors == [
        f"{JOURNEY}:{line_of(journey, 'status: [')}:9: error[schema]: "
        "`status` must be one of the allowed values, not a list",
        f"{JOURNEY}:{line_of(journey, 'persona: budy')}:10: error[reference]: "
        "unknown persona `budy`",
        f"{JOURNEY}:{line_of(journey, 'hand_off:')}:5: error[schema]: "
        "unknown key `hand_off` in stage `consideration`",
        f"{JOURNEY}:{duplicate_line}:13: error[reference]: "
        "duplicate id `builds-shortlist` in this journey",
    ]
    assert "✗ 19 files checked: 4 errors" in result.stdout


def test_the_example_project_validates(tmp_path: Path, run: Runner) -> None:
    result = run("validate", cwd=copy_example(tmp_path))
    assert (result.exit_code, result.stdout) == (0, "✓ 19 files checked, no problems\n")
