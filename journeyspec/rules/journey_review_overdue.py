"""The journey has not been reviewed within its review interval, or never.

**What it checks.** The journey has a ``last_reviewed`` date, and that date plus the
review interval is not before today. The interval is the ``interval`` option when it
is set; otherwise the journey's own ``review_interval``; otherwise the project's
``review_interval`` in journeyspec.yaml (six months by default). Intervals are ISO 8601
durations such as ``P3M``, ``P6M`` or ``P1Y``; a month added to the 31st ends on the
last day of a shorter month. Archived journeys (``status: archived``) are left alone.

**Why.** Journeys change with every product launch, redesign and market shift, and a
stale map misleads the people who trust it. Guidance ranges from quarterly to twice a
year, hence the configurable interval with six months as the default.

**Failing example**

```yaml
# linted on 2026-06-01, interval P6M
last_reviewed: 2025-11-30
```

**Passing example**

```yaml
# linted on 2026-06-01, interval P6M
last_reviewed: 2026-01-15
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.durations import add_duration
from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile, duration_option

ID = "journey-review-overdue"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {
    "interval": Option(
        None,
        "How often every journey must be reviewed, as an ISO 8601 duration (P3M, P6M, P1Y); "
        "unset means the journey's `review_interval`, else the project's.",
    ),
}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    if journey.status == "archived":
        return
    configured = context.options.get("interval")
    text = configured or journey.review_interval or context.review_interval
    interval = duration_option(ID, "interval", text)
    if journey.last_reviewed is None:
        yield Hit(
            "",
            "journey has no `last_reviewed` date; review the map and record when",
            hint=f"check the map against reality, then add `last_reviewed: YYYY-MM-DD` "
            f"(it must be reviewed every {interval})",
        )
        return
    due = add_duration(journey.last_reviewed, interval)
    if due < context.today:
        yield Hit(
            "/last_reviewed",
            f"journey was last reviewed {journey.last_reviewed.isoformat()}; its review was "
            f"due {due.isoformat()} (every {interval}). Review it and update the date",
            hint="check the map against current research, fix what changed, then set "
            "`last_reviewed:` to today",
        )
