"""A KPI has no recent measurement: its latest value is older than the interval.

**What it checks.** Every KPI with a ``current`` value or a ``series`` has a latest
measurement (the newest ``date`` of both) no older than ``interval``. KPIs with no
measurement at all are left to ``kpi-no-baseline-or-target``; archived journeys are left
alone.

**Why.** A KPI is measured before a change (the baseline) and again after it, then the
map is updated and the cycle starts over. A number last read a year ago cannot say
whether the journey got better, and "no recent measurement" is one of the first
questions stakeholders ask of a KPI catalogue.

**Failing example**

```yaml
# linted on 2026-06-01, interval P3M
kpis:
  - id: trial-conversion
    name: Trial to paid conversion
    current: {value: 14, date: 2025-12-31}
```

**Passing example**

```yaml
# linted on 2026-06-01, interval P3M
kpis:
  - id: trial-conversion
    name: Trial to paid conversion
    series:
      - {value: 12, date: 2026-01-31}
      - {value: 14, date: 2026-04-30}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.durations import add_duration
from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile, duration_option

ID = "kpi-measurement-stale"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {
    "interval": Option(
        "P3M",
        "How old a KPI's latest measurement may be, as an ISO 8601 duration (P1M, P3M, P1Y).",
    ),
}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    if journey.status == "archived":
        return
    interval = duration_option(ID, "interval", str(context.options["interval"]))
    for kpi in journey.kpis:
        latest = kpi.latest
        if latest is None:
            continue
        due = add_duration(latest.date, interval)
        if due < context.today:
            yield Hit(
                latest.pointer,
                f"KPI `{kpi.id}` was last measured {latest.date.isoformat()}; a new "
                f"measurement was due {due.isoformat()} (every {interval})",
                hint="measure it again and add the value with its date to `series:` "
                "(or update `current:`)",
            )
