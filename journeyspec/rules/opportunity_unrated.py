"""An opportunity is not rated for impact and effort, so it cannot be prioritised.

**What it checks.** Every opportunity that is not ``done`` or ``dropped`` has both an
``impact`` and an ``effort`` (``low``, ``medium`` or ``high``).

**Why.** Prioritising improvements by impact against effort is how teams pick where to
start, and high impact at low effort marks the quick wins that show value fast. An
unrated idea cannot be weighed against the others.

**Failing example**

```yaml
opportunities:
  - {id: publish-prices, title: Publish prices, impact: high}
```

**Passing example**

```yaml
opportunities:
  - {id: publish-prices, title: Publish prices, impact: high, effort: low}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import CLOSED_STATUSES, Context, Hit, Option, Profile

ID = "opportunity-unrated"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    for opportunity in journey.opportunities:
        if opportunity.status in CLOSED_STATUSES:
            continue
        missing = [
            name
            for name, value in (("impact", opportunity.impact), ("effort", opportunity.effort))
            if value is None
        ]
        if missing:
            yield Hit(
                opportunity.pointer,
                f"opportunity `{opportunity.id}` has no {' and no '.join(missing)} rating; "
                "rate it so it can be prioritised",
                hint="set " + " and ".join(f"`{m}:`" for m in missing) + " to low, medium or high",
            )
