"""The loader: YAML 1.2 scalars, deliberate dates, encodings, limits; every error positioned."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeyspec import loader
from journeyspec.loader import load_document, read_document


def errors(raw: bytes | str) -> list[tuple[int, int, str]]:
    return [(f.line, f.col, f.message) for f in load_document(raw, "f.yaml").errors]


def test_scalars_follow_the_yaml_1_2_core_schema() -> None:
    text = (
        "a: no\nb: on\nc: 0777\nd: 1e3\ne: 1:20\nf: 0x1F\ng: 0o17\nh: ~\ni: True\nj: 2026-05-14\n"
    )
    assert load_document(text, "f.yaml").data == {
        "a": "no",
        "b": "on",
        "c": 777,
        "d": 1000.0,
        "e": "1:20",
        "f": 31,
        "g": 15,
        "h": None,
        "i": True,
        "j": "2026-05-14",
    }


def test_timestamps_are_kept_as_written() -> None:
    data = load_document("when: 2026-05-14T10:00:00Z\n", "f.yaml").data
    assert data == {"when": "2026-05-14T10:00:00Z"}


def test_explicit_timestamp_tag_is_refused() -> None:
    assert errors("when: !!timestamp 2026-05-14\n") == [
        (1, 7, "tag tag:yaml.org,2002:timestamp is not allowed")
    ]


def test_invalid_utf8_points_at_the_byte() -> None:
    assert errors(b"a: ok\nb: caf\xe9\n") == [(2, 7, "file is not valid UTF-8 (byte 0xe9)")]


def test_utf16_is_refused_with_advice() -> None:
    document = load_document("a: 1\n".encode("utf-16"), "f.yaml")
    assert [(f.line, f.col, f.message, f.hint) for f in document.errors] == [
        (1, 1, "file is UTF-16 encoded", "save it as UTF-8")
    ]


def test_utf8_byte_order_mark_is_accepted() -> None:
    assert load_document(b"\xef\xbb\xbfa: 1\n", "f.yaml").data == {"a": 1}


def test_control_character_is_positioned() -> None:
    assert errors("a: 1\nb: x\x01y\n") == [(2, 5, "character U+0001 is not allowed in YAML")]


def test_huge_integer_is_an_error_not_a_crash() -> None:
    assert errors("a: " + "9" * 5000 + "\n") == [(1, 4, "integer is too large")]


def test_deep_nesting_is_bounded() -> None:
    text = "a: " + "[" * 5000 + "]" * 5000 + "\n"
    (finding,) = errors(text)
    assert finding[2] == f"nesting deeper than {loader.MAX_DEPTH} levels"


def test_recursive_alias_is_refused() -> None:
    assert errors("a: &x [1, *x]\n") == [(1, 4, "an alias refers to a value that contains it")]


def test_harmless_aliases_are_allowed() -> None:
    document = load_document("a: &x [1, 2]\nb: *x\n", "f.yaml")
    assert document.errors == [] and document.data == {"a": [1, 2], "b": [1, 2]}


def test_complex_keys_are_refused() -> None:
    assert errors("? [a, b]\n: 1\n") == [(1, 3, "mapping keys must be plain text")]


def test_oversized_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(loader.MAX_FILE_BYTES + 1)
    document = read_document(path, "big.yaml")
    assert [(f.line, f.col) for f in document.errors] == [(1, 1)]
    assert "journeyspec reads files up to 5 MB" in document.errors[0].message


def test_unreadable_path_is_reported(tmp_path: Path) -> None:
    document = read_document(tmp_path / "missing.yaml", "missing.yaml")
    assert document.errors[0].message.startswith("cannot read file")


@pytest.mark.parametrize(
    ("pointer", "key", "expected"),
    [
        ("/stages/0/steps/1/name", False, (6, 15)),
        ("/stages/0/steps/1/name", True, (6, 9)),
        ("/stages/0/steps/1", False, (5, 9)),
        ("/stages/0/owner", False, (2, 5)),  # missing: falls back to the stage
        ("/nowhere/at/all", False, (1, 1)),
    ],
)
def test_positions_come_from_pointers(pointer: str, key: bool, expected: tuple[int, int]) -> None:
    text = "stages:\n  - id: a\n    steps:\n      - id: s1\n      - id: s2\n        name: Second\n"
    assert load_document(text, "f.yaml").position(pointer, key=key) == expected
