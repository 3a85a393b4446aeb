"""Today's date, in one place, so tests and reproducible builds can pin it."""

from __future__ import annotations

import datetime as dt
import os

from journeyspec.errors import UsageError

ENV = "JOURNEYSPEC_TODAY"


def today() -> dt.date:
    """The date rules and pages compare against: ``$JOURNEYSPEC_TODAY`` (YYYY-MM-DD) or today."""
    pinned = os.environ.get(ENV)
    if not pinned:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(pinned)
    except ValueError:
        raise UsageError(f"{ENV}={pinned!r} is not a date written YYYY-MM-DD") from None


def pinned() -> dt.date | None:
    """``$JOURNEYSPEC_TODAY`` when it is set: what builds that must not read the clock use."""
    return today() if os.environ.get(ENV) else None
