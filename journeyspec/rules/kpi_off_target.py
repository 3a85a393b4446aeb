"""A KPI's latest measurement misses its target.

**What it checks.** For every KPI with a ``target`` and a measurement (``current`` or the
newest of ``series``), the latest value meets the target in the KPI's direction: at or
above it when higher is better, at or below it when lower is better. The direction is
``direction`` when given, else the way from ``baseline`` to ``target``; a KPI whose
direction cannot be told is left alone.

**Why.** A KPI exists to show whether the journey works. One that misses its target is
the question stakeholders ask first ("which KPIs are off target?"); the finding puts it
in front of the team that owns the stage, next to the pain points that drag it down.

**Failing example**

```yaml
kpis:
  - id: trial-conversion
    name: Trial to paid conversion
    baseline: 12
    target: 20
    current: {value: 14, date: 2026-05-31}
```

**Passing example**

```yaml
kpis:
  - id: trial-conversion
    name: Trial to paid conversion
    baseline: 12
    target: 20
    current: {value: 21, date: 2026-05-31}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "kpi-off-target"
SEVERITY = Severity.INFO
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    for kpi in journey.kpis:
        latest = kpi.latest
        if latest is None or kpi.on_target is not False:
            continue
        unit = "" if not kpi.unit else kpi.unit if kpi.unit == "%" else f" {kpi.unit}"
        wanted = "at least" if kpi.better == "increase" else "at most"
        yield Hit(
            latest.pointer,
            f"KPI `{kpi.id}` is off target: {latest.value:g}{unit} on "
            f"{latest.date.isoformat()}, the target is {wanted} {kpi.target:g}{unit}",
            hint="work on the pain points that drag it down, or revise the target with "
            "whoever set it",
        )
