"""A stage has no steps: the map does not say what the customer does there.

**What it checks.** Every stage has at least one step in ``steps``.

**Why.** A journey map is built from what the customer does, thinks and feels; the
customer's actions are its backbone. A stage that only carries a name and touchpoints
shows the company's funnel, not the customer's journey.

**Failing example**

```yaml
stages:
  - id: consideration
    name: Consideration
    touchpoints: [pricing-page]
```

**Passing example**

```yaml
stages:
  - id: consideration
    name: Consideration
    steps:
      - id: compares-prices
        name: Compares prices
        touchpoints: [pricing-page]
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "stage-no-actions"
SEVERITY = Severity.ERROR
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    for stage in journey.stages:
        if not stage.steps:
            yield Hit(
                stage.pointer,
                f"stage `{stage.id}` has no steps; add what the customer does in it",
                hint="list the customer's actions under `steps:` (each with an id and a name)",
            )
