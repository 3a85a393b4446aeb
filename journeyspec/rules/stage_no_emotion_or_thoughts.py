"""A stage records neither emotions nor thoughts: it is a process flow, not a journey.

**What it checks.** In every stage that has steps, at least one step has an
``emotion`` or a ``thinks`` entry. Stages without steps are left to
``stage-no-actions``.

**Why.** What separates a journey map from a process diagram is the customer's inner
side: what they think, ask and feel at each step. Mapping only touchpoints misses a
large part of the experience, and guidance asks for thoughts and emotions at every
stage.

**Failing example**

```yaml
stages:
  - id: onboarding
    name: Onboarding
    steps:
      - {id: imports-data, name: Imports old data}
```

**Passing example**

```yaml
stages:
  - id: onboarding
    name: Onboarding
    steps:
      - id: imports-data
        name: Imports old data
        thinks: ["Will the old ledgers come across intact?"]
        emotion: {score: -1, label: anxious}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "stage-no-emotion-or-thoughts"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    for stage in journey.stages:
        if stage.steps and not any(s.emotion or s.thinks for s in stage.steps):
            yield Hit(
                stage.pointer,
                f"stage `{stage.id}` records no emotion and no thoughts; add what the "
                "customer feels and thinks",
                hint="give its steps an `emotion: {score: …}` and `thinks:` in the "
                "customer's words",
            )
