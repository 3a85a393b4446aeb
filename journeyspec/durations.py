"""ISO 8601 calendar durations (``P6M``, ``P1Y``, ``P2W``, ``P30D``): parsing and adding."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

# The same shape the schemas accept for review_interval: date parts only, each at most once.
PATTERN = re.compile(r"^P(?=\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


@dataclass(frozen=True)
class Duration:
    """A calendar duration: months are calendar months, not 30 days."""

    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0

    def __str__(self) -> str:
        parts = zip((self.years, self.months, self.weeks, self.days), "YMWD", strict=True)
        return "P" + ("".join(f"{n}{unit}" for n, unit in parts if n) or "0D")


def parse_duration(text: str) -> Duration:
    """Read ``PnYnMnWnD`` (every part optional, at least one); raise ValueError otherwise."""
    match = PATTERN.match(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"{text!r} is not an ISO 8601 duration such as P6M, P1Y, P2W or P30D")
    years, months, weeks, days = (int(part or 0) for part in match.groups())
    return Duration(years, months, weeks, days)


def add_duration(date: dt.date, text: str | Duration) -> dt.date:
    """``date`` plus the duration; a day past the end of the month clamps to its last day.

    Years and months are added first, then weeks and days, so ``2026-01-31 + P1M1D``
    is ``2026-03-01`` (January 31st, plus one month is February 28th, plus one day).
    A sum past the year 9999 (``review_interval: P9999Y`` is valid) is ``date.max``:
    later than any date there is, rather than an OverflowError that stopped lint.
    """
    duration = text if isinstance(text, Duration) else parse_duration(text)
    month_index = date.month - 1 + duration.months + 12 * duration.years
    year, month = date.year + month_index // 12, month_index % 12 + 1
    if year > dt.MAXYEAR:
        return dt.date.max
    day = min(date.day, calendar.monthrange(year, month)[1])
    try:
        return dt.date(year, month, day) + dt.timedelta(weeks=duration.weeks, days=duration.days)
    except OverflowError:
        return dt.date.max
