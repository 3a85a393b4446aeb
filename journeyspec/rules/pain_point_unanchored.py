"""A pain point is not placed on the journey: it names no step and no touchpoint.

**What it checks.** Every pain point has a ``step`` or a ``touchpoint``.

**Why.** Pain points belong underneath the touchpoints and steps where they happen;
that is what lets readers see where the journey hurts, lets the emotional curve show
them, and tells the owner of that stage it is their problem.

**Failing example**

```yaml
pain_points:
  - {id: hidden-prices, title: Prices are hidden behind a sales call}
```

**Passing example**

```yaml
pain_points:
  - {id: hidden-prices, title: Prices are hidden behind a sales call, step: compares-prices}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "pain-point-unanchored"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    for pain in journey.pain_points:
        if pain.step is None and pain.touchpoint is None:
            yield Hit(
                pain.pointer,
                f"pain point `{pain.id}` is not placed on the journey; name where it hurts",
                hint="set `step:` or `touchpoint:` to the id of the step or touchpoint",
            )
