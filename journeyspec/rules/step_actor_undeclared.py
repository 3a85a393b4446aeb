"""A step's ``actor`` is not one of the people the journey declares.

**What it checks.** Every step ``actor`` is the journey's ``persona`` or the
``persona`` of one of its ``actors``. (That the id names a persona at all is checked
with the other references.)

**Why.** A map with several people (a buying group, a patient and a nurse) lists them
in ``actors`` with the role each plays, so the grid and the emotion curve can give
each one their own line. A step acted by someone the journey never introduces has
no role, and their feelings get mixed into someone else's.

**Failing example**

```yaml
persona: budi
steps:
  - {id: approves, name: Approves the budget, actor: ratna}
```

**Passing example**

```yaml
persona: budi
actors:
  - {persona: ratna, role: Approves the budget}
steps:
  - {id: approves, name: Approves the budget, actor: ratna}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile
from journeyspec.sourcemap import join

ID = "step-actor-undeclared"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    declared = {journey.persona, *(a.persona for a in journey.actors if a.persona)}
    for step in journey.steps:
        if step.actor is not None and step.actor not in declared:
            yield Hit(
                join(step.pointer, "actor"),
                f"step `{step.id}` is acted by `{step.actor}`, who is not among the "
                "journey's `actors`; declare them with their role",
                hint=f"add `- {{persona: {step.actor}, role: ...}}` to `actors:`",
            )
