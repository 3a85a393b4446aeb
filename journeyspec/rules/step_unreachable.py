"""A step no path reaches: nothing leads to it from the journey's first step.

**What it checks.** Following the journey's flow from its first step (``next`` where a
step gives it, the next step in the file otherwise; ``next: []`` ends a path), every
step is reached. A step that ``next`` lists go nowhere near is reported once.

**Why.** A journey is read as paths the customer can take. A step no path reaches is
either a branch whose entry was forgotten (a ``next`` missing the step) or a leftover
from an earlier version of the map; either way the flow diagram and every rule that
follows the flow skip it.

**Failing example**

```yaml
steps:
  - {id: visits, name: Visits the gym, next: [signs]}
  - {id: asks-price, name: Asks for the price}
  - {id: signs, name: Signs up}
```

**Passing example**

```yaml
steps:
  - {id: visits, name: Visits the gym, next: [signs, asks-price]}
  - {id: asks-price, name: Asks for the price}
  - {id: signs, name: Signs up}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.flow import flow_of
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "step-unreachable"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    flow = flow_of(journey)
    reached = flow.reachable(0)
    for index, step in enumerate(flow.steps):
        if index not in reached:
            first = flow.steps[0].id
            yield Hit(
                step.pointer,
                f"no path from the first step `{first}` reaches step `{step.id}`; "
                "link it from the step before it, or remove it",
                hint=f"add `{step.id}` to the `next:` of the step that leads to it",
            )
