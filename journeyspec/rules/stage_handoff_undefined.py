"""Ownership changes between two stages and nobody wrote down the hand-off.

**What it checks.** When the journey passes from one stage to a stage owned by a
different team, the stage it leaves has a ``handoff`` saying how responsibility passes
on. "Passes" follows the flow: a step's ``next`` (a branch or a loop back into another
stage counts), else the next step in file order; a stage with no steps yet sits
between its neighbours in file order. Stages without an owner are left to
``stage-no-owner``.

**Why.** Customers fall through the cracks where one team stops and the next starts:
sales closes the deal, and nobody books the onboarding call. Naming the owner of each
stage and the hand-off between them is how a map exposes those cracks.

**Failing example**

```yaml
stages:
  - {id: purchase, name: Purchase, owner: sales}
  - {id: onboarding, name: Onboarding, owner: customer-success}
```

**Passing example**

```yaml
stages:
  - id: purchase
    name: Purchase
    owner: sales
    handoff: Sales books the kickoff call with Customer Success before signing
  - {id: onboarding, name: Onboarding, owner: customer-success}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.flow import flow_of
from journeyspec.model import Journey, Stage
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "stage-handoff-undefined"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    for before, owners in _passes(journey):
        if before.owner and before.handoff is None:
            others = [o for o in owners if o != before.owner]
            if others:
                yield Hit(
                    before.pointer,
                    f"ownership passes from `{before.owner}` to "
                    f"{' and '.join(f'`{o}`' for o in others)} after stage `{before.id}` with "
                    "no hand-off; describe it in `handoff`",
                    hint="add `handoff:` to the stage, saying how the next team takes over",
                )


def _passes(journey: Journey) -> Iterator[tuple[Stage, list[str]]]:
    """Each stage with the owners of the stages the journey passes on to, in file order."""
    stages = journey.stages
    where = {step.id: g for g, stage in enumerate(stages) for step in stage.steps}
    after: list[dict[int, None]] = [{} for _ in stages]
    flow = flow_of(journey)
    for i, j in flow.edges():
        a, b = where[flow.steps[i].id], where[flow.steps[j].id]
        if a != b:
            after[a][b] = None
    for g, stage in enumerate(stages):
        if not stage.steps:  # no steps: it sits between its neighbours in file order
            if g > 0:
                after[g - 1][g] = None
            if g + 1 < len(stages):
                after[g][g + 1] = None
    for g, stage in enumerate(stages):
        owners = [stages[b].owner for b in after[g] if stages[b].owner]
        yield stage, list(dict.fromkeys(o for o in owners if o))
