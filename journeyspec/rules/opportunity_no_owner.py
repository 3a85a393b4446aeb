"""An open opportunity has no owner: no team is accountable for doing it.

**What it checks.** Every opportunity that is not ``done`` or ``dropped`` has an
``owner``, the id of a team.

**Why.** Journey improvement fails without clear accountability. Ideas that belong to
everyone are done by no one; give each one to a team.

**Failing example**

```yaml
opportunities:
  - {id: publish-prices, title: Publish prices on the website, status: planned}
```

**Passing example**

```yaml
opportunities:
  - {id: publish-prices, title: Publish prices, status: planned, owner: marketing}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import CLOSED_STATUSES, Context, Hit, Option, Profile

ID = "opportunity-no-owner"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    for opportunity in journey.opportunities:
        if opportunity.owner is None and opportunity.status not in CLOSED_STATUSES:
            yield Hit(
                opportunity.pointer,
                f"opportunity `{opportunity.id}` has no owner; name the team that will do it",
                hint="set `owner:` to the id of a team from the teams registry",
            )
