"""Parser attacks, in-process: each one a positioned finding, never an exception or a crash.

These pin the loader fixes found by the hostile corpus (each failed before its fix):
a 30,000-deep flow collection crashed the process in PyYAML's C composer, a file of
only comments raised AttributeError, ``!!float x`` raised ValueError, a huge hex
integer could not be printed, escaped control characters reached terminals and pages.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
import yaml

from journeyspec import nesting
from journeyspec.loader import MAX_DEPTH, _CoreLoader, load_document
from journeyspec.schema import validate


def errors(raw: bytes | str) -> list[tuple[int, int, str]]:
    return [(f.line, f.col, f.message) for f in load_document(raw, "f.yaml").errors]


DEEP = f"nesting deeper than {MAX_DEPTH} levels"


@pytest.mark.parametrize("levels", [150, 10_000, 1_000_000])
def test_deep_flow_nesting_is_refused_at_the_first_level_too_deep(levels: int) -> None:
    text = "a: " + "[" * levels + "]" * levels + "\n"
    # Root mapping = depth 0, so the list at depth 101 opens at column 3 + 101.
    assert errors(text) == [(1, 104, DEEP)]


def test_deep_flow_mappings_are_refused() -> None:
    text = "a: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n"
    assert errors(text) == [(1, 404, DEEP)]


def test_deep_block_nesting_is_refused() -> None:
    text = "".join(" " * i + "a:\n" for i in range(3_000))
    assert errors(text) == [(102, 102, DEEP)]


def test_unclosed_deep_nesting_is_a_syntax_error_not_a_crash() -> None:
    ((line, col, message),) = errors("a: " + "[" * 100_000)
    assert (line, col) == (1, 104)
    assert message == DEEP


def test_the_event_walk_and_the_builder_agree_on_where_nesting_is_too_deep() -> None:
    # Below the safe depth the builder decides; above it the event walk: same answer.
    for text in (
        "a: " + "{a: " * 150 + "1" + "}" * 150,
        "".join(" " * i + "a:\n" for i in range(150)),
        "".join("  " * i + "- \n" for i in range(150)),
    ):
        ((line, col, _),) = errors(text)
        assert nesting.too_deep(text, _CoreLoader, MAX_DEPTH) == (line, col)


def test_a_process_survives_a_nesting_that_crashed_the_c_composer() -> None:
    code = (
        "from journeyspec.loader import load_document;"
        "print(load_document('a: ' + '[' * 30000 + ']' * 30000, 'f').errors[0].message)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == DEEP


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# only a comment\n", [(1, 1, "file holds no data")]),
        ("---\n...\n", [(1, 1, "file holds no data")]),
        ("a: !!float x\n", [(1, 4, "`x` is not a valid float")]),
        ("a: !!int x\n", [(1, 4, "`x` is not a valid int")]),
        ("a: !!bool maybe\n", [(1, 4, "`maybe` is not a valid bool")]),
        ("a: !!null x\n", [(1, 4, "`x` is not a valid null")]),
        ("a: 0x" + "f" * 100_000 + "\n", [(1, 4, "integer is too large")]),
        ("a: " + "9" * 5_000 + "\n", [(1, 4, "integer is too large")]),
        ("a: 1000000000000000000\n", [(1, 4, "integer is too large")]),
        ('a: "x\\0y"\n', [(1, 4, "text holds the control character U+0000")]),
        ('a: "\\e[31mred"\n', [(1, 4, "text holds the control character U+001B")]),
        ('"k\\x07": 1\n', [(1, 1, "text holds the control character U+0007")]),
        ('a: "\\uFFFF"\n', [(1, 4, "text holds the control character U+FFFF")]),
        ("k" * 2_000 + ": 1\n", [(1, 2001, "a key longer than 1024 characters")]),
    ],
)
def test_hostile_scalars_are_findings(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert errors(text) == expected


def test_large_but_bounded_numbers_still_load() -> None:
    assert load_document("a: 999999999999999999\nb: -1e300\n", "f").data == {
        "a": 999_999_999_999_999_999,
        "b": -1e300,
    }


@pytest.mark.parametrize("text", ["~\n", "null\n", "--- null\n"])
def test_a_null_document_is_not_silently_accepted(text: str) -> None:
    # It loaded without errors and used to pass the schema check unseen (data None).
    document = load_document(text, "f.yaml")
    assert [(f.line, f.col, f.rule, f.message) for f in validate(document, "journey")] == [
        (1, 1 if text[0] != "-" else 5, "schema", "the top level must be a mapping, not empty")
    ]


class _LimitedLoader(yaml.SafeLoader):
    """A parser with a nesting limit of its own, as libyaml has had since 0.2.6."""

    def fetch_flow_collection_start(self, token_class: Any) -> None:
        if self.flow_level >= 150:
            raise yaml.scanner.ScannerError(
                None, None, "exceeded maximum nesting depth", self.get_mark()
            )
        super().fetch_flow_collection_start(token_class)


def test_where_nesting_is_too_deep_does_not_depend_on_the_parsers_own_limit() -> None:
    # Its scanner reads ahead, so it fails at its own limit before reaching ours.
    text = "a: " + "[" * 1_000 + "]" * 1_000 + "\n"
    assert nesting.too_deep(text, _LimitedLoader, MAX_DEPTH) == (1, 104)
    assert nesting.too_deep(text, _CoreLoader, MAX_DEPTH) == (1, 104)


def test_a_syntax_error_is_the_one_the_composing_parser_gives() -> None:
    text = "a: [1, 2\nb: " + "[" * 600 + "\n"  # long enough for the event walk
    assert nesting.could_exceed(text)
    with pytest.raises(yaml.YAMLError) as walked:
        nesting.too_deep(text, _CoreLoader, MAX_DEPTH)
    loader = _CoreLoader(text)
    with pytest.raises(yaml.YAMLError) as composed:
        loader.get_single_node()
    loader.dispose()
    assert str(walked.value) == str(composed.value)
