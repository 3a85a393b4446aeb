"""A stage has no touchpoints, neither its own nor on any of its steps.

**What it checks.** Every stage lists at least one touchpoint, in the stage's
``touchpoints`` or in the ``touchpoints`` of one of its steps.

**Why.** Touchpoints are where the business meets the customer; a stage without them
says nothing about what the business can change there. Every stage of a journey map
should name the ads, pages, emails, calls or receipts the customer meets.

**Failing example**

```yaml
stages:
  - id: awareness
    name: Awareness
    steps:
      - id: notices-problem
        name: Notices the overtime
```

**Passing example**

```yaml
stages:
  - id: awareness
    name: Awareness
    steps:
      - id: searches
        name: Searches for software
        touchpoints: [search-ad]
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "stage-no-touchpoints"
SEVERITY = Severity.ERROR
PROFILE: Profile = "minimal"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    for stage in journey.stages:
        if not stage.all_touchpoints():
            yield Hit(
                stage.pointer,
                f"stage `{stage.id}` has no touchpoints",
                hint="list what the customer meets here in `touchpoints` on the stage or a step",
            )
