"""A stage has no KPI: nobody measures whether that part of the journey works.

**What it checks.** Every stage is the ``stage`` of at least one KPI in the
journey's ``kpis``.

**Why.** Success should be measured at each stage of the journey, with a few metrics
tied to the journey's goal (conversion for consideration, time to first value for
onboarding, renewal rate for retention). A stage without a metric cannot show whether
an improvement worked.

**Failing example**

```yaml
stages:
  - {id: onboarding, name: Onboarding}
kpis: []
```

**Passing example**

```yaml
stages:
  - {id: onboarding, name: Onboarding}
kpis:
  - {id: time-to-first-invoice, name: Days to first invoice, stage: onboarding}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "stage-no-kpi"
SEVERITY = Severity.WARNING
PROFILE: Profile = "strict"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    for stage in journey.stages:
        if not journey.kpis_of(stage.id):
            yield Hit(
                stage.pointer,
                f"stage `{stage.id}` has no KPI; measure how well this stage works",
                hint=f"add a KPI with `stage: {stage.id}` to the journey's `kpis:`",
            )
