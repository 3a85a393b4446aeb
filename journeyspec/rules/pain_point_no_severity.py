"""A pain point has no severity, so nobody can tell which to fix first.

**What it checks.** Every pain point has a ``severity``: ``trivial`` (an annoyance),
``workaround`` (the customer needs a workaround) or ``abandon`` (they give up).

**Why.** Not all pain is equal. Rating each pain point by its impact on the customer
is how a team decides where to start, and it lets the linter ask for an opportunity
wherever the pain is serious.

**Failing example**

```yaml
pain_points:
  - {id: hidden-prices, title: Prices are hidden behind a sales call}
```

**Passing example**

```yaml
pain_points:
  - {id: hidden-prices, title: Prices are hidden behind a sales call, severity: abandon}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "pain-point-no-severity"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    for pain in journey.pain_points:
        if pain.severity is None:
            yield Hit(
                pain.pointer,
                f"pain point `{pain.id}` has no severity; rate how badly it hurts",
                hint="set `severity:` to `trivial`, `workaround` or `abandon`",
            )
