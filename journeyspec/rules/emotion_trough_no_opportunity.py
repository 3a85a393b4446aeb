"""The emotional curve bottoms out at a step, and no opportunity aims to lift it.

**What it checks.** Every trough of the curve, a scored step below the middle of the
emotion scale that is lower than the scored step before it and no higher than the one
after it (steps without a score are skipped), is addressed by an opportunity: one
whose ``addresses`` names the step, a pain point anchored there, or one of its gaps.
The first scored step is never a trough: a journey often starts from the customer's
problem, which is its trigger rather than something the journey did to them.

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
from journeyspec.model import Journey, Step
from journeyspec.rules.base import Context, Hit, Option, Profile
from journeyspec.sourcemap import join

ID = "emotion-trough-no-opportunity"
SEVERITY = Severity.INFO
PROFILE: Profile = "strict"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    scored = [(s, s.emotion.score) for s in journey.steps if s.emotion is not None]
    middle = sum(journey.emotion_scale) / 2
    for index, (step, score) in enumerate(scored):
        before = scored[index - 1][1] if index > 0 else None
        after = scored[index + 1][1] if index + 1 < len(scored) else None
        trough = (
            score < middle
            and before is not None
            and score < before
            and (after is None or score <= after)
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
