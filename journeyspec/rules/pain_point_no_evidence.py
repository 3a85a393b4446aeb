"""A pain point is not backed by evidence: it may be an internal assumption.

**What it checks.** Every pain point lists at least one item in ``evidence`` (the id
of an entry of the journey's ``evidence``).

**Why.** Maps built on what the team believes customers feel, rather than on what
customers said and did, point improvement work at the wrong problems. Tie each pain
point to the interviews, tickets, recordings or analytics that show it.

**Failing example**

```yaml
pain_points:
  - {id: hidden-prices, title: Prices are hidden behind a sales call}
```

**Passing example**

```yaml
pain_points:
  - id: hidden-prices
    title: Prices are hidden behind a sales call
    evidence: [interviews-q2]
evidence:
  - {id: interviews-q2, kind: interview, title: 12 interviews with finance managers}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "pain-point-no-evidence"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    for pain in journey.pain_points:
        if not pain.evidence:
            yield Hit(
                pain.pointer,
                f"pain point `{pain.id}` has no evidence; link the research that shows it",
                hint="add `evidence: [<id>]` naming interviews, tickets or analytics in the "
                "journey's `evidence:`",
            )
