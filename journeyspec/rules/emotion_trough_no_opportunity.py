"""The emotional curve bottoms out at a step, and no opportunity aims to lift it.

**What it checks.** Every trough of the curve, a scored step below the middle of the
emotion scale that is lower than the scored step before it and no higher than the one
after it (steps without a score are walked through), is addressed by an opportunity:
one whose ``addresses`` names the step, a pain point anchored there, or one of its
gaps. "Before" and "after" follow the journey's flow (``next`` where given, file order
otherwise), each branch on its own; a path that ends at the step counts as rising.
A step no scored step leads to is never a trough: a journey often starts from the
customer's problem, which is its trigger rather than something the journey did to them.

**Why.** The low points of the curve are where customers are most likely to give up,
and where improvement pays off most. Each trough should lead to at least one idea
for lifting the experience there.

**Failing example**

```yaml
steps:
  - {id: signs-up, name: Signs up, emotion: {score: 1}}
  - {id: imports-data, name: Imports old data, emotion: {score: -2}}
  - {id: first-invoice, name: Sends the first invoice, emotion: {score: 2}}
```

**Passing example**

```yaml
steps:
  - {id: signs-up, name: Signs up, emotion: {score: 1}}
  - {id: imports-data, name: Imports old data, emotion: {score: -2}}
  - {id: first-invoice, name: Sends the first invoice, emotion: {score: 2}}
opportunities:
  - {id: guided-import, title: A guided import, addresses: [imports-data]}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.flow import flow_of
from journeyspec.model import Journey, Step
from journeyspec.rules.base import Context, Hit, Option, Profile
from journeyspec.sourcemap import join

ID = "emotion-trough-no-opportunity"
SEVERITY = Severity.INFO
PROFILE: Profile = "strict"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    flow = flow_of(journey)
    score = {i: s.emotion.score for i, s in enumerate(flow.steps) if s.emotion is not None}
    middle = sum(journey.emotion_scale) / 2
    for i, value in score.items():
        step = flow.steps[i]
        before = [score[j] for j in flow.nearest(i, forward=False, keep=set(score))]
        after = [score[j] for j in flow.nearest(i, forward=True, keep=set(score))]
        # A trough on some branch: lower than a scored step leading here, and no higher
        # than a scored step that follows (or the path ends here).
        trough = (
            value < middle
            and any(value < b for b in before)
            and (not after or any(value <= a for a in after))
        )
        if trough and not _addressed(journey, step):
            yield Hit(
                join(step.pointer, "emotion", "score"),
                f"the curve bottoms out at step `{step.id}` and no opportunity addresses it; "
                "plan how to lift it",
                hint=f"add an opportunity with `addresses: [{step.id}]` (or the id of a pain "
                "point there)",
            )


def _addressed(journey: Journey, step: Step) -> bool:
    targets = {step.id, *(p.id for p in journey.pain_points_at(step.id))}
    targets.update(gap.id for gap in step.gaps)
    return any(targets.intersection(o.addresses) for o in journey.opportunities)
