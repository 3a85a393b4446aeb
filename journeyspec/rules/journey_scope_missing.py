"""The journey does not say where it starts and where it ends.

**What it checks.** The journey's ``scope`` has both ``starts`` and ``ends``.

**Why.** Without boundaries a map either stops too early or grows until it covers
everything. Stating the trigger that starts the journey and the outcome that ends it
keeps a workshop focused and tells readers what the map deliberately leaves out.

**Failing example**

```yaml
scope:
  starts: Budi notices the overtime
```

**Passing example**

```yaml
scope:
  starts: Budi notices the overtime
  ends: The team closes its first month in the new tool
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "journey-scope-missing"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    scope = journey.scope
    missing = [
        name for name, value in (("starts", scope.starts), ("ends", scope.ends)) if not value
    ]
    if not missing:
        return
    # A scope mapping exists when any of its keys was written; point at it, else at the journey.
    written = scope.starts or scope.ends or scope.focus != "end-to-end"
    yield Hit(
        "/scope" if written else "",
        f"journey scope has no {' and no '.join(f'`{m}`' for m in missing)}; "
        "say where the journey begins and ends",
        hint="add `scope: {starts: <the trigger>, ends: <the outcome>}`",
    )
