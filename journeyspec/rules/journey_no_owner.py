"""The journey has no owner: no team keeps the map true and acts on it.

**What it checks.** The journey has an ``owner``, the id of a team.

**Why.** Journey work fails without clear accountability. A map needs an owner (or a
steering group behind one) who keeps it up to date, reviews it and makes sure its
opportunities are worked on; otherwise it goes stale after the workshop.

**Failing example**

```yaml
id: first-purchase
title: First purchase
```

**Passing example**

```yaml
id: first-purchase
title: First purchase
owner: customer-success
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "journey-no-owner"
SEVERITY = Severity.ERROR
PROFILE: Profile = "minimal"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    if journey.owner is None:
        yield Hit(
            "",
            "journey has no owner; name the team that maintains the map",
            hint="set `owner:` to the id of a team from the teams registry",
        )
