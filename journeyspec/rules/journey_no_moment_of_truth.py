"""No step is marked as a moment of truth.

**What it checks.** At least one step has ``moment_of_truth: true``.

**Why.** Moments of truth are the few make-or-break interactions of greatest emotional
load, where customers decide to stay or leave. Naming them tells the teams where
improvements pay off most and which steps deserve the most care.

**Failing example**

```yaml
steps:
  - {id: first-invoice, name: Sends the first invoice}
```

**Passing example**

```yaml
steps:
  - {id: first-invoice, name: Sends the first invoice, moment_of_truth: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "journey-no-moment-of-truth"
SEVERITY = Severity.INFO
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    if journey.steps and not any(step.moment_of_truth for step in journey.steps):
        yield Hit(
            "/stages",
            "no step is marked as a moment of truth; mark the make-or-break interactions",
            hint="set `moment_of_truth: true` on the steps where customers decide to stay or leave",
            key=True,
        )
