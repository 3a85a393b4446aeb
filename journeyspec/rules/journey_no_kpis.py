"""The journey defines no KPIs: the map is not linked to any business metric.

**What it checks.** The journey has at least one entry in ``kpis``.

**Why.** Not linking the map to business metrics is a classic reason maps end up in a
drawer. Metrics such as conversion, time to first value, churn or NPS connect the
customer's experience to what the business cares about, and show whether changes work.

**Failing example**

```yaml
id: first-purchase
title: First purchase
```

**Passing example**

```yaml
id: first-purchase
title: First purchase
kpis:
  - {id: trial-conversion, name: Trial to paid conversion, unit: "%"}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "journey-no-kpis"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    if not journey.kpis:
        yield Hit(
            "",
            "journey defines no KPIs; link the map to the metrics it should move",
            hint="add `kpis:` with at least one measure, e.g. trial-to-paid conversion",
        )
