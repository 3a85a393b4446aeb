"""A stage has no owner: no team is accountable for that part of the experience.

**What it checks.** Every stage has an ``owner``, the id of a team from the teams
registry.

**Why.** Journey maps that nobody owns go stale and their pain points are never
fixed. Naming the team accountable for each stage is how a map turns into work.

**Failing example**

```yaml
stages:
  - id: onboarding
    name: Onboarding
```

**Passing example**

```yaml
stages:
  - id: onboarding
    name: Onboarding
    owner: customer-success
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "stage-no-owner"
SEVERITY = Severity.ERROR
PROFILE: Profile = "minimal"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    for stage in journey.stages:
        if stage.owner is None:
            yield Hit(
                stage.pointer,
                f"stage `{stage.id}` has no owner",
                hint="set `owner:` to the id of the team accountable for this stage",
            )
