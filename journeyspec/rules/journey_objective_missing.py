"""The journey has no objective: nobody wrote down what the map should achieve.

**What it checks.** The journey has an ``objective``.

**Why.** Maps made "to understand the customer" sprawl and are never used. Starting
from a business question (why do trial users not convert? why do new customers
churn in the first month?) decides the persona, the scope and which pain points
matter, and tells readers later whether the map did its job.

**Failing example**

```yaml
id: first-purchase
title: First purchase
persona: budi
```

**Passing example**

```yaml
id: first-purchase
title: First purchase
persona: budi
objective: Why do finance managers who try the product not buy it?
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "journey-objective-missing"
SEVERITY = Severity.ERROR
PROFILE: Profile = "minimal"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    if journey.objective is None:
        yield Hit(
            "",
            "journey has no objective; state what the map should achieve",
            hint="add `objective:` with the business question it answers, "
            "e.g. `Why do trial users not convert?`",
        )
