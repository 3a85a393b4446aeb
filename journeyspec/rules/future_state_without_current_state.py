"""A future-state map has no current-state map behind it.

**What it checks.** A journey with ``kind: future-state`` names, in
``current_state``, the current-state map it improves; and that map is not itself a
future-state map.

**Why.** Teams are tempted to design the ideal experience straight away. Map what is
actually happening now first: the current state is the baseline that shows what the
future state changes, and why.

**Failing example**

```yaml
id: first-purchase-2027
kind: future-state
```

**Passing example**

```yaml
id: first-purchase-2027
kind: future-state
current_state: first-purchase
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey, Outline
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "future-state-without-current-state"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    if journey.kind == "future-state" and journey.current_state is None:
        yield Hit(
            "/kind",
            "future-state journey names no current-state map; map the current state first",
            hint="set `current_state:` to the id of the current-state journey this map improves",
        )


def check_across(journey: Outline, journeys: Mapping[str, Outline]) -> Iterator[Hit]:
    current = journeys.get(journey.current_state or "")
    if journey.kind == "future-state" and current is not None and current.kind == "future-state":
        yield Hit(
            "/current_state",
            f"`{current.id}` is itself a future-state map; point at the current-state map",
            hint="set `current_state:` to a journey that describes the experience today",
        )
