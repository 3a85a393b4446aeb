"""A KPI has no baseline or no target, so progress cannot be measured.

**What it checks.** Every KPI has a ``baseline`` (the value before any change) and a
``target`` (the value to reach).

**Why.** Establish a baseline before implementing a change, or you will never know
what the change did; and a metric with no target or benchmark cannot say whether the
journey is good enough yet.

**Failing example**

```yaml
kpis:
  - {id: trial-conversion, name: Trial to paid conversion, unit: "%", baseline: 12}
```

**Passing example**

```yaml
kpis:
  - {id: trial-conversion, name: Trial to paid conversion, unit: "%", baseline: 12, target: 20}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "kpi-no-baseline-or-target"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    for kpi in journey.kpis:
        missing = [
            name
            for name, value in (("baseline", kpi.baseline), ("target", kpi.target))
            if value is None
        ]
        if missing:
            yield Hit(
                kpi.pointer,
                f"KPI `{kpi.id}` has no {' and no '.join(missing)}; record "
                + " and ".join(_what[m] for m in missing),
                hint="set "
                + " and ".join(f"`{m}:`" for m in missing)
                + " (numbers in the KPI's unit)",
            )


_what = {"baseline": "the value measured today", "target": "the value to reach"}
