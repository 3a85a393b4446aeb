"""An opportunity addresses nothing on the map: no pain point, gap or step.

**What it checks.** Every opportunity lists at least one id in ``addresses``.

**Why.** Improvement ideas should come from the journey: a pain point, a gap or a
moment that matters. An idea tied to nothing on the map is a feature request in the
wrong place, and nobody can tell which customer problem it would solve.

**Failing example**

```yaml
opportunities:
  - {id: new-logo, title: Refresh the logo}
```

**Passing example**

```yaml
opportunities:
  - {id: publish-prices, title: Publish prices, addresses: [hidden-prices]}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "opportunity-addresses-nothing"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    for opportunity in journey.opportunities:
        if not opportunity.addresses:
            yield Hit(
                opportunity.pointer,
                f"opportunity `{opportunity.id}` addresses nothing on the map; name the pain "
                "point, gap or step it answers",
                hint="add `addresses: [<id>]` with the ids of pain points, gaps or steps",
            )
