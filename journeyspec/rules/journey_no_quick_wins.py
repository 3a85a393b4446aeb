"""None of the journey's open opportunities is a quick win.

**What it checks.** When a journey has open opportunities (not ``done`` or
``dropped``), at least one of them is rated ``impact: high`` and ``effort: low``.
Journeys without open opportunities are left alone.

**Why.** Starting with quick wins, high impact at low effort, shows value fast and
earns the support that larger changes need. A backlog without any is either rated
too cautiously or missing the simple fixes customers would notice first.

**Failing example**

```yaml
opportunities:
  - {id: rebuild-import, title: Rebuild the import, impact: high, effort: high}
```

**Passing example**

```yaml
opportunities:
  - {id: rebuild-import, title: Rebuild the import, impact: high, effort: high}
  - {id: publish-prices, title: Publish prices, impact: high, effort: low}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import CLOSED_STATUSES, Context, Hit, Option, Profile

ID = "journey-no-quick-wins"
SEVERITY = Severity.INFO
PROFILE: Profile = "strict"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    open_ = [o for o in journey.opportunities if o.status not in CLOSED_STATUSES]
    if open_ and not any(o.quick_win for o in open_):
        yield Hit(
            "/opportunities",
            "no open opportunity is a quick win; look for a high-impact, low-effort fix",
            hint="rate opportunities with `impact:` and `effort:`; high impact at low effort "
            "is a quick win",
            key=True,
        )
