"""``fmt`` keeps every word: a corpus of comment placements, each kept beside its item.

Each case is a valid journey. It is either formatted (the expected text is given) or,
where ruamel.yaml cannot keep a comment, left exactly as written with a note; either way
every comment is still beside the item it was written beside (``comments.comments``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from journeyspec.formatting import FormatError, format_text
from journeyspec.formatting.comments import comments
from tests.conftest import Result, write_files

HEAD = "journeyspec: 1\nid: j\ntitle: J\npersona: p\n"
STAGES = "stages:\n  - id: s\n    name: S\n"
LEFT = "left"

CASES: dict[str, tuple[str, str]] = {
    "inside a flow sequence": (
        HEAD + "tags: [a,  # why a\n  b]\n" + STAGES,
        LEFT,
    ),
    "inside a flow mapping": (
        HEAD + "scope: {starts: a,  # the trigger\n  ends: b}\n" + STAGES,
        LEFT,
    ),
    "after the document end marker": (
        "id: j\njourneyspec: 1\ntitle: J\npersona: p\n" + STAGES + "...\n# written after the end\n",
        HEAD + STAGES + "...\n# written after the end\n",
    ),
    "after the last item of a nested list": (
        HEAD + "stages:\n  - id: s\n    touchpoints:\n      - a\n      - b  # the last one\n"
        "      # more to come\n\n    name: S\ntouchpoints:\n  - {id: a, name: A}\n"
        "  - {id: b, name: B}\n",
        HEAD + "stages:\n  - id: s\n    name: S\n    touchpoints:\n      - a\n"
        "      - b  # the last one\n      # more to come\n\ntouchpoints:\n  - {id: a, name: A}\n"
        "  - {id: b, name: B}\n",
    ),
    "re-indented with their item": (
        HEAD + "stages:\n    -   id: s    # the stage\n        # introduces the name\n"
        "        name: S      # its name\n",
        HEAD + "stages:\n  - id: s  # the stage\n    # introduces the name\n"
        "    name: S  # its name\n",
    ),
    "before and after an anchor": (
        HEAD + "# the tags, shared\ntags: &shared  # anchored here\n  - a\n" + STAGES,
        LEFT,
    ),
    "beside an anchor's items": (
        HEAD + "tags: &shared\n  - a    # first\n" + STAGES + "x-tags: *shared\n",
        HEAD + "tags: &shared\n  - a  # first\n" + STAGES + "x-tags: *shared\n",
    ),
    "after an alias": (
        HEAD + "tags: &shared\n  - a\n" + STAGES + "x-tags: *shared  # reused\n",
        LEFT,
    ),
    "in a block scalar's header": (
        "id: j\njourneyspec: 1\ntitle: J\npersona: p\ndescription: |  # kept verbatim\n"
        "  Two lines,\n  # not a comment\n" + STAGES,
        HEAD.replace("persona: p\n", "")
        + "description: |  # kept verbatim\n  Two lines,\n  # not a comment\npersona: p\n"
        + STAGES,
    ),
    "at the head of the file when keys move": (
        "# yaml-language-server: $schema=x\n# licence: CC-BY\nid: j\njourneyspec: 1\n"
        "title: J\npersona: p\n" + STAGES,
        "# yaml-language-server: $schema=x\n# licence: CC-BY\n" + HEAD + STAGES,
    ),
    "above a key that would move: keys stay, indentation is still made canonical": (
        HEAD.replace("title: J\n", "")
        + "# the title, last\ntitle: J\nstages:\n- id: s\n  name: S\n",
        HEAD.replace("title: J\n", "") + "# the title, last\ntitle: J\n" + STAGES,
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_comment_stays_beside_its_item(name: str) -> None:
    text, expected = CASES[name]
    if expected == LEFT:
        with pytest.raises(FormatError, match=r"left as it is: it would (drop|move) the comment"):
            format_text(text, "journey")
        return
    after = format_text(text, "journey")
    assert after == expected
    assert Counter(comments(after)) == Counter(comments(text))
    assert format_text(after, "journey") == after


def test_a_byte_order_mark_is_kept() -> None:
    text = "\ufeff" + HEAD.replace("id: j", "id:   j") + STAGES
    assert format_text(text, "journey") == "\ufeff" + HEAD + STAGES


def test_a_tab_before_a_value_is_formatted_to_a_space() -> None:
    text = HEAD.replace("title: J", "title:\tJ") + STAGES
    assert format_text(text, "journey") == HEAD + STAGES


def test_a_long_title_with_double_spaces_is_never_folded() -> None:
    title = "word  " * 800 + "end"
    text = HEAD.replace("title: J", f"title: {title}") + STAGES
    assert format_text(text, "journey") == text


def test_a_file_it_cannot_format_is_left_with_a_note_and_passes_check(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    write_files(tmp_path, {
        "journeyspec.yaml": "journeyspec: 1\n",
        "personas/p.yaml": "journeyspec: 1\nid: p\nname: P\n",
    })  # fmt: skip
    journey = tmp_path / "journeys" / "j.yaml"
    journey.parent.mkdir()
    journey.write_text(CASES["inside a flow sequence"][0], encoding="utf-8")
    before = journey.read_bytes()
    for args in (("fmt", "--check"), ("fmt",)):
        result = run(*args, cwd=tmp_path)
        assert result.exit_code == 0, result.stderr
        assert result.stdout == ""
        assert (
            "note: journeys/j.yaml left as it is: it would drop the comment `# why a` beside "
            "`a`, which ruamel.yaml cannot keep" in result.stderr
        )
        assert "1 left as written" in result.stderr
        assert journey.read_bytes() == before
