"""An opportunity is past its due date and still not done.

**What it checks.** Every opportunity with a ``due`` date before today has the status
``done`` or ``dropped``.

**Why.** A map with dates only helps if someone looks at them: an overdue fix is either
late, finished without the map being updated, or quietly abandoned. Each case needs a
decision, and the map should show the truth.

**Failing example**

```yaml
# linted on 2026-06-01
opportunities:
  - {id: publish-prices, title: Publish prices, status: in-progress, due: 2026-03-31}
```

**Passing example**

```yaml
# linted on 2026-06-01
opportunities:
  - {id: publish-prices, title: Publish prices, status: done, due: 2026-03-31}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import CLOSED_STATUSES, Context, Hit, Option, Profile
from journeyspec.sourcemap import join

ID = "opportunity-overdue"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    for opportunity in journey.opportunities:
        due = opportunity.due
        if due is not None and due < context.today and opportunity.status not in CLOSED_STATUSES:
            yield Hit(
                join(opportunity.pointer, "due"),
                f"opportunity `{opportunity.id}` was due {due.isoformat()} and is still "
                f"{opportunity.status}; finish it, move the date or drop it",
                hint="set `status: done` or `status: dropped`, or a new `due:` date",
            )
