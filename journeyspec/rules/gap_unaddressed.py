"""A recorded gap, a touchpoint the customer misses, has no opportunity to fill it.

**What it checks.** Every entry of a step's ``gaps`` is named in the ``addresses`` of
at least one opportunity.

**Why.** Finding a question nothing answers is only half the work: the point of
recording a gap is to develop the touchpoint that fills it. A gap no opportunity
picks up is a known problem left on the wall.

**Failing example**

```yaml
steps:
  - id: compares-prices
    name: Compares prices
    gaps:
      - {id: no-live-chat, text: A live chat on the pricing page}
opportunities: []
```

**Passing example**

```yaml
steps:
  - id: compares-prices
    name: Compares prices
    gaps:
      - {id: no-live-chat, text: A live chat on the pricing page}
opportunities:
  - {id: add-chat, title: Add a chat to the pricing page, addresses: [no-live-chat]}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "gap-unaddressed"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    for step in journey.steps:
        for gap in step.gaps:
            if not journey.opportunities_for(gap.id):
                yield Hit(
                    gap.pointer,
                    f"gap `{gap.id}` has no opportunity; plan the touchpoint that fills it",
                    hint=f"add an opportunity with `addresses: [{gap.id}]`",
                )
