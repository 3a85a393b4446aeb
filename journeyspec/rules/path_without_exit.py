"""A path that never ends: steps that loop among themselves with no way out.

**What it checks.** From every step some path along the journey's flow (``next``
where given, the next step in the file otherwise) reaches an end: a step with
``next: []`` or the last step of the file without a ``next``. Steps caught in a loop
with no exit are reported once per loop, at the ``next`` that closes it.

**Why.** Customers leave every journey, satisfied or not. A loop with no way out says
the map forgot where the customer ends up (they sign, they give up, they call), and
drop-offs are exactly what a journey map exists to find.

**Failing example**

```yaml
steps:
  - {id: calls, name: Calls support}
  - {id: waits, name: Waits on hold, next: [calls]}
```

**Passing example**

```yaml
steps:
  - {id: calls, name: Calls support}
  - {id: waits, name: Waits on hold, next: [calls, gives-up]}
  - {id: gives-up, name: Gives up, next: []}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.flow import flow_of
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile
from journeyspec.sourcemap import join

ID = "path-without-exit"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    flow = flow_of(journey)
    ending = flow.can_end()
    covered: set[int] = set()
    for index in range(len(flow.steps)):
        if index in ending or index in covered:
            continue
        loop = sorted(flow.reachable(index))
        covered.update(loop)
        # The loop is closed by the last step in it (in file order) that names its ``next``.
        closing = max((i for i in loop if flow.steps[i].next), default=loop[-1])
        step = flow.steps[closing]
        names = ", ".join(f"`{flow.steps[i].id}`" for i in loop)
        yield Hit(
            join(step.pointer, "next"),
            f"the path through {names} never ends; add the step where the customer leaves",
            hint="end a path with a step whose `next: []` is the exit (they sign, give up, "
            "or are done)",
        )
