"""The map is too big to read: too many stages, or too many steps in one stage.

**What it checks.** The journey has at most ``max_stages`` stages (default 7) and no
stage has more than ``max_steps`` steps (default 12). The step limit is per stage:
guidance counts "four to twelve action steps" for a phase of the journey. The finding
points at the first stage or step beyond the limit.

**Why.** An overly complex map hides its insights: readers lose the thread and the
emotional curve flattens into noise. Keep the core map simple, split a wide scope into
several journeys, and move detail into deep-dive maps of one stage.

**Failing example**

```yaml
# with max_stages: 2
stages:
  - {id: awareness, name: Awareness}
  - {id: purchase, name: Purchase}
  - {id: onboarding, name: Onboarding}
```

**Passing example**

```yaml
# with max_stages: 2
stages:
  - {id: awareness, name: Awareness}
  - {id: purchase, name: Purchase}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "journey-too-complex"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {
    "max_stages": Option(7, "The most stages a journey may have."),
    "max_steps": Option(12, "The most steps one stage may have."),
}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    max_stages = int(context.options["max_stages"])
    max_steps = int(context.options["max_steps"])
    if len(journey.stages) > max_stages:
        yield Hit(
            journey.stages[max_stages].pointer,
            f"journey has {len(journey.stages)} stages, more than {max_stages}; "
            "merge stages or split the journey",
            hint="keep the core map simple and map a wide scope as several journeys",
        )
    for stage in journey.stages:
        if len(stage.steps) > max_steps:
            yield Hit(
                stage.steps[max_steps].pointer,
                f"stage `{stage.id}` has {len(stage.steps)} steps, more than {max_steps}; "
                "merge steps or move the detail into a deep-dive map",
                hint="a deep-dive journey (`kind: deep-dive`) can hold one stage in detail",
            )
