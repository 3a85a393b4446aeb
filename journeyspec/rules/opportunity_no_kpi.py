"""An opportunity names no KPI, so nobody will know whether it worked.

**What it checks.** Every opportunity that is not ``dropped`` lists at least one id of
the journey's ``kpis`` in its ``kpis``.

**Why.** Tie each proposed solution to a business metric, with a baseline measured
before the change: that is how a journey programme proves its value and learns which
fixes paid off.

**Failing example**

```yaml
opportunities:
  - {id: publish-prices, title: Publish prices}
```

**Passing example**

```yaml
opportunities:
  - {id: publish-prices, title: Publish prices, kpis: [trial-conversion]}
kpis:
  - {id: trial-conversion, name: Trial to paid conversion, baseline: 12, target: 20}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "opportunity-no-kpi"
SEVERITY = Severity.INFO
PROFILE: Profile = "strict"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    for opportunity in journey.opportunities:
        if not opportunity.kpis and opportunity.status != "dropped":
            yield Hit(
                opportunity.pointer,
                f"opportunity `{opportunity.id}` names no KPI; say which metric it should move",
                hint="add `kpis: [<id>]` naming KPIs of the journey's `kpis:`",
            )
