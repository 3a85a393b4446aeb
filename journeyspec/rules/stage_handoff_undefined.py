"""Ownership changes between two stages and nobody wrote down the hand-off.

**What it checks.** When two consecutive stages are owned by different teams, the
earlier stage has a ``handoff`` saying how responsibility passes on. Stages without
an owner are left to ``stage-no-owner``.

**Why.** Customers fall through the cracks where one team stops and the next starts:
sales closes the deal, and nobody books the onboarding call. Naming the owner of each
stage and the hand-off between them is how a map exposes those cracks.

**Failing example**

```yaml
stages:
  - {id: purchase, name: Purchase, owner: sales}
  - {id: onboarding, name: Onboarding, owner: customer-success}
```

**Passing example**

```yaml
stages:
  - id: purchase
    name: Purchase
    owner: sales
    handoff: Sales books the kickoff call with Customer Success before signing
  - {id: onboarding, name: Onboarding, owner: customer-success}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "stage-handoff-undefined"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    for before, after in zip(journey.stages, journey.stages[1:], strict=False):
        if before.owner and after.owner and before.owner != after.owner and before.handoff is None:
            yield Hit(
                before.pointer,
                f"ownership passes from `{before.owner}` to `{after.owner}` after stage "
                f"`{before.id}` with no hand-off; describe it in `handoff`",
                hint="add `handoff:` to the stage, saying how the next team takes over",
            )
