"""A planned opportunity has no due date.

**What it checks.** Every opportunity whose ``status`` is one of the ``statuses``
option (by default ``planned`` and ``in-progress``) has a ``due`` date. Ideas need
no date yet.

**Why.** An owner and a deadline are what turn an idea on a wall into work on a
roadmap. Without a date nobody can tell whether a planned fix is late, and the map
cannot report progress.

**Failing example**

```yaml
opportunities:
  - {id: publish-prices, title: Publish prices, status: planned, owner: marketing}
```

**Passing example**

```yaml
opportunities:
  - id: publish-prices
    title: Publish prices
    status: planned
    owner: marketing
    due: 2026-09-30
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "opportunity-no-due-date"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {
    "statuses": Option(
        ["planned", "in-progress"], "The opportunity statuses that need a due date."
    ),
}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    statuses = set(context.options["statuses"])
    for opportunity in journey.opportunities:
        if opportunity.due is None and opportunity.status in statuses:
            yield Hit(
                opportunity.pointer,
                f"opportunity `{opportunity.id}` is {opportunity.status} but has no due date; "
                "set one",
                hint="add `due: YYYY-MM-DD`",
            )
