"""A serious pain point has no opportunity: nobody plans to fix it.

**What it checks.** Every pain point whose ``severity`` is one of the ``severities``
option (by default ``workaround`` and ``abandon``) is named in the ``addresses`` of at
least one opportunity.

**Why.** A map earns its keep when each major pain point leads to concrete ideas for
improvement. Pain that makes customers work around the product, or give up, and that
has no idea attached, is the map's most expensive blind spot.

**Failing example**

```yaml
pain_points:
  - {id: hidden-prices, title: Prices are hidden behind a sales call, severity: abandon}
opportunities: []
```

**Passing example**

```yaml
pain_points:
  - {id: hidden-prices, title: Prices are hidden behind a sales call, severity: abandon}
opportunities:
  - {id: publish-prices, title: Publish prices on the website, addresses: [hidden-prices]}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "pain-point-without-opportunity"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {
    "severities": Option(
        ["workaround", "abandon"], "The pain point severities that call for an opportunity."
    ),
}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    serious = set(context.options["severities"])
    for pain in journey.pain_points:
        if pain.severity in serious and not journey.opportunities_for(pain.id):
            yield Hit(
                pain.pointer,
                f"pain point `{pain.id}` ({pain.severity}) has no opportunity; plan how to fix it",
                hint=f"add an opportunity with `addresses: [{pain.id}]`",
            )
