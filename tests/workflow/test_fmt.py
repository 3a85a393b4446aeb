"""``journeyspec fmt``: schema key order and indentation, comments kept, idempotent, safe."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from journeyspec.formatting import format_text
from tests.conftest import REPO, Result, copy_example, write_files

Run = Callable[..., Result]
EXAMPLES = sorted((REPO / "journeys").glob("*.yaml"))
_COMMENT = re.compile(r"(?:^|\s)(#.*)$")


def comments(text: str) -> Counter[str]:
    """Every comment (whole-line or trailing, outside quotes well enough for these files)."""
    found: Counter[str] = Counter()
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            found[stripped] += 1
        elif " #" in line and not any(q in line.split(" #", 1)[0] for q in "\"'"):
            match = _COMMENT.search(line)
            if match:
                found[match.group(1)] += 1
    return found


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    """A copy of the example project."""
    return copy_example(tmp_path)


def test_examples_exist() -> None:
    assert len(EXAMPLES) >= 5


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_round_trips_with_comments_intact(path: Path) -> None:
    before = path.read_text(encoding="utf-8")
    after = format_text(before, "journey")
    assert comments(after) == comments(before)
    assert after.splitlines()[0] == before.splitlines()[0]  # the schema modeline
    assert yaml.safe_load(after) == yaml.safe_load(before)
    assert format_text(after, "journey") == after


def test_fmt_twice_changes_nothing(examples: Path, run: Run) -> None:
    first = run("fmt", cwd=examples)
    assert first.exit_code == 0, first.stderr
    snapshot = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in examples.rglob("*.yaml")}
    second = run("fmt", cwd=examples)
    assert second.exit_code == 0
    assert second.stdout == ""
    assert second.stderr.endswith(f"0 files reformatted, {len(snapshot)} unchanged, 0 skipped\n")
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in examples.rglob("*.yaml")} == snapshot


def test_check_exit_codes(tmp_path: Path, run: Run) -> None:
    write_files(tmp_path, {
        "journeyspec.yaml": "journeyspec: 1\n",
        "personas/p.yaml": "journeyspec: 1\nid: p\nname: P\n",
        "journeys/j.yaml": """\
            # yaml-language-server: $schema=../schemas/journey.schema.json
            stages:   # the stages, in order
                -   name: Only   # a name before its id
                    id: only
            persona: p
            title: "J"  # quoted stays quoted
            id: j
            x-note: kept last
            journeyspec: 1
            """,
    })  # fmt: skip
    journey = tmp_path / "journeys" / "j.yaml"
    original = journey.read_bytes()
    check = run("fmt", "--check", cwd=tmp_path)
    assert check.exit_code == 1
    assert check.stdout == "would reformat journeys/j.yaml\n"
    assert journey.read_bytes() == original
    assert run("fmt", cwd=tmp_path).stdout == "reformatted journeys/j.yaml\n"
    assert journey.read_text() == (
        "# yaml-language-server: $schema=../schemas/journey.schema.json\n"
        "journeyspec: 1\n"
        "id: j\n"
        'title: "J"  # quoted stays quoted\n'
        "persona: p\n"
        "stages:  # the stages, in order\n"
        "  - id: only\n"
        "    name: Only  # a name before its id\n"  # two spaces, whatever the old column
        "x-note: kept last\n"
    )
    assert run("fmt", "--check", cwd=tmp_path).exit_code == 0
    assert run("validate", cwd=tmp_path).exit_code == 0


def test_broken_files_are_skipped_never_mangled(minimal_project: Path, run: Run) -> None:
    broken = minimal_project / "journeys" / "broken.yaml"
    broken.write_text("journeyspec: 1\nid: broken\n  title: [oops\n")
    invalid = minimal_project / "personas" / "invalid.yaml"
    invalid.write_text("name: No id\njourneyspec: 1\n")
    before = {p: p.read_bytes() for p in (broken, invalid)}
    result = run("fmt", cwd=minimal_project)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(
        "skipped journeys/broken.yaml: cannot be read: journeys/broken.yaml:3:"
    )
    assert lines[1].startswith(
        "skipped personas/invalid.yaml: fails its schema: personas/invalid.yaml:1:1: error[schema]"
    )
    assert {p: p.read_bytes() for p in before} == before


def test_paths_select_files(minimal_project: Path, run: Run) -> None:
    persona = minimal_project / "personas" / "budi.yaml"
    persona.write_text("role: Finance manager\nname: Budi\nid: budi\njourneyspec: 1\n")
    journey = minimal_project / "journeys" / "first-purchase.yaml"
    journey.write_text(journey.read_text().replace("journeyspec: 1\nid: first-purchase\n",
                                                   "id: first-purchase\njourneyspec: 1\n"))  # fmt: skip
    result = run("fmt", "--check", "personas", cwd=minimal_project)
    assert (result.exit_code, result.stdout) == (1, "would reformat personas/budi.yaml\n")
    assert run("fmt", "personas/budi.yaml", cwd=minimal_project).exit_code == 0
    assert persona.read_text() == "journeyspec: 1\nid: budi\nname: Budi\nrole: Finance manager\n"
    assert run("fmt", "--check", cwd=minimal_project).stdout == (
        "would reformat journeys/first-purchase.yaml\n"
    )
    missing = run("fmt", "nope.yaml", cwd=minimal_project)
    assert missing.exit_code == 2
    assert missing.stderr == "journeyspec: nope.yaml: no such file or folder\n"


def test_crlf_and_document_start_are_kept(tmp_path: Path) -> None:
    text = "---\r\nname: N\r\nid: n\r\njourneyspec: 1\r\n"
    assert format_text(text, "persona") == "---\r\njourneyspec: 1\r\nid: n\r\nname: N\r\n"


def test_shorthand_emotions_and_answered_thoughts_keep_their_shape_in_schema_order() -> None:
    text = (
        "journeyspec: 1\nid: j\ntitle: J\npersona: p\nstages:\n  - id: s\n    name: S\n"
        "    steps:\n      - id: a\n        name: A\n        emotion: -1\n"
        '        thinks: ["Q?", {answered_by: [desk], text: "R?"}]\n'
        "      - id: b\n        name: B\n        emotion: {label: sad, score: -2}\n"
    )
    after = format_text(text, "journey")
    assert "        emotion: -1\n" in after
    assert '        thinks: ["Q?", {text: "R?", answered_by: [desk]}]\n' in after
    assert "        emotion: {score: -2, label: sad}\n" in after  # anyOf: the mapping's order
    assert format_text(after, "journey") == after


def test_the_example_project_is_fmt_clean(examples: Path, run: Run) -> None:
    result = run("fmt", "--check", cwd=examples)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("0 files would be reformatted,")
    assert "skipped" in result.stderr and "left as written" not in result.stderr
