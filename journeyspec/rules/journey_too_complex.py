"""The map is too big to read: too many stages, steps in one stage, or branches.

**What it checks.** The journey has at most ``max_stages`` stages (default 7), no
stage has more than ``max_steps`` steps (default 12), and at most ``max_branches``
steps (default 3) branch or loop back (their ``next`` names several steps, or an
earlier one). The step limit is per stage: guidance counts "four to twelve action
steps" for a phase of the journey. The finding points at the first stage, step or
``next`` beyond the limit.

**Why.** An overly complex map hides its insights: readers lose the thread and the
emotional curve flattens into noise; many branches and loops say the scope is too
high-level to map one specific task. Keep the core map simple, split a wide scope into
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
from journeyspec.model import Journey, Step
from journeyspec.rules.base import Context, Hit, Option, Profile
from journeyspec.sourcemap import join

ID = "journey-too-complex"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {
    "max_stages": Option(7, "The most stages a journey may have."),
    "max_steps": Option(12, "The most steps one stage may have."),
    "max_branches": Option(3, "The most steps that may branch or loop back."),
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
    max_branches = int(context.options["max_branches"])
    branching = _branching(journey)
    if len(branching) > max_branches:
        step = branching[max_branches]
        yield Hit(
            join(step.pointer, "next"),
            f"journey has {len(branching)} steps that branch or loop, more than "
            f"{max_branches}; map one specific path per journey",
            hint="split alternative paths into their own journeys or a deep-dive map",
        )


def _branching(journey: Journey) -> list[Step]:
    """Steps whose ``next`` offers a choice or goes back to an earlier step."""
    order = {step.id: index for index, step in enumerate(journey.steps)}
    return [
        step
        for index, step in enumerate(journey.steps)
        if len(step.next) > 1 or any(order.get(target, index + 1) <= index for target in step.next)
    ]
