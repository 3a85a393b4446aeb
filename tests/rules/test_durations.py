"""ISO 8601 durations: what is accepted, and calendar arithmetic at month ends."""

from __future__ import annotations

import datetime as dt

import pytest

from journeyspec.durations import Duration, add_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("P6M", Duration(months=6)),
        ("P1Y", Duration(years=1)),
        ("P2W", Duration(weeks=2)),
        ("P30D", Duration(days=30)),
        ("P1Y2M3W4D", Duration(1, 2, 3, 4)),
    ],
)
def test_parse(text: str, expected: Duration) -> None:
    assert parse_duration(text) == expected
    assert str(expected) == text


@pytest.mark.parametrize("text", ["", "P", "6M", "P6", "PT1H", "P1M1Y", "P-1M", "p6m", "P6M "])
def test_parse_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="ISO 8601 duration"):
        parse_duration(text)


@pytest.mark.parametrize(
    ("start", "text", "expected"),
    [
        ("2026-01-15", "P6M", "2026-07-15"),
        ("2026-08-31", "P6M", "2027-02-28"),  # clamps to the end of February
        ("2027-08-31", "P6M", "2028-02-29"),  # a leap year
        ("2024-02-29", "P1Y", "2025-02-28"),
        ("2026-11-30", "P3M", "2027-02-28"),
        ("2026-01-31", "P1M1D", "2026-03-01"),  # months first, then days
        ("2026-12-25", "P2W", "2027-01-08"),
        ("2026-06-01", "P30D", "2026-07-01"),
        ("2026-06-01", "P0D", "2026-06-01"),
    ],
)
def test_add_duration(start: str, text: str, expected: str) -> None:
    got = add_duration(dt.date.fromisoformat(start), text)
    assert got == dt.date.fromisoformat(expected)
