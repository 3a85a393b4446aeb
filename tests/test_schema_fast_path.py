"""The fast schema verdict (jsonschema-rs) never accepts what jsonschema rejects."""

from __future__ import annotations

import copy
import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.corpus import journey_text
from journeyspec import schema
from journeyspec.loader import load_document
from journeyspec.schema import fast_validator, surely_valid, validate, validator

BASE: dict[str, Any] = load_document(journey_text(5, random.Random(3)), "j.yaml").data

# Values that sit on the edges where two regex and format engines could disagree.
TRICKY = st.sampled_from(
    [
        "2026-02-30",
        "2024-02-29",
        "2023-02-29",
        "2026-1-01",
        "abc\n",
        "a--b",
        "A",
        "x" * 65,
        "P3M",
        "PM",
        "P٣M",
        "P1Y2M3W4D",
        "https://a b",
        "https://ok.example\n",
        "mailto:x",
        "",
        " ",
        "é",
        1.0,
        True,
        0,
        -1,
        2**63,
        2**64,
        -(2**70),
        None,
        [],
        {},
    ]
)
VALUES = st.recursive(
    st.one_of(TRICKY, st.text(max_size=8), st.integers(), st.floats(allow_nan=False)),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=6,
)


def _places(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _places(value, (*path, index))
    return found


PLACES = _places(BASE)


def _mutate(place: tuple[Any, ...], value: Any, how: str) -> Any:
    data = copy.deepcopy(BASE)
    if not place:
        return value if how == "replace" else data
    parent = data
    for token in place[:-1]:
        parent = parent[token]
    last = place[-1]
    if how == "replace":
        parent[last] = value
    elif how == "delete":
        del parent[last]
    elif isinstance(parent, dict):
        parent[f"{last}x"] = value
    return data


def test_the_fast_validator_is_installed() -> None:
    assert fast_validator("journey") is not None
    assert surely_valid("journey", BASE)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(PLACES),
    VALUES,
    st.sampled_from(["replace", "delete", "add"]),
)
def test_fast_yes_implies_jsonschema_yes(place: tuple[Any, ...], value: Any, how: str) -> None:
    data = _mutate(place, value, how)
    if surely_valid("journey", data):
        assert validator("journey").is_valid(data)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("id: First", [(2, 5)]),
        ("last_reviewed: 2026-02-30", [(2, 16)]),
        ("review_interval: PM", [(2, 18)]),
        ("tags: [b2b, b2b]", [(2, 7)]),
        ("owner: marketing", []),
    ],
)
def test_findings_are_jsonschemas_with_or_without_the_fast_path(
    line: str, expected: list[tuple[int, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = f"journeyspec: 1\n{line}\ntitle: T\npersona: p\nstages:\n  - {{id: s, name: S}}\n"
    if not line.startswith("id:"):
        source += "id: j\n"
    fast = validate(load_document(source, "journeys/j.yaml"), "journey")
    monkeypatch.setattr(schema, "surely_valid", lambda name, data: False)
    slow = validate(load_document(source, "journeys/j.yaml"), "journey")
    assert [(f.line, f.col) for f in fast] == expected
    assert [(f.key(), f.message, f.hint) for f in fast] == [
        (f.key(), f.message, f.hint) for f in slow
    ]
