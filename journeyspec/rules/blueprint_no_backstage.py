"""A service blueprint or support map shows nothing backstage.

**What it checks.** A journey with ``kind: service-blueprint`` or ``kind: support``
has at least one step with ``lanes.backstage`` entries.

**Why.** What makes a service blueprint is the line of visibility: what staff and
systems do out of the customer's sight to deliver each step. Without the backstage
lane a blueprint is only a journey map, and the internal causes of pain stay hidden.

**Failing example**

```yaml
kind: service-blueprint
stages:
  - id: delivery
    name: Delivery
    steps:
      - {id: receives-parcel, name: Receives the parcel}
```

**Passing example**

```yaml
kind: service-blueprint
stages:
  - id: delivery
    name: Delivery
    steps:
      - id: receives-parcel
        name: Receives the parcel
        lanes:
          backstage: [Warehouse picks and packs the order]
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "blueprint-no-backstage"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {}

KINDS = ("service-blueprint", "support")


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    if journey.kind in KINDS and not any(step.lanes.backstage for step in journey.steps):
        yield Hit(
            "/kind",
            f"{journey.kind} map shows nothing backstage; add what staff and systems do "
            "out of the customer's sight",
            hint="give steps `lanes: {backstage: [...]}`",
        )
