"""The customer's mood falls steeply at a step, but no pain point explains why.

**What it checks.** Walking the journey's flow (``next`` where a step gives it, file
order otherwise; steps without an emotion score are walked through, never read as
zero), a score that falls by at least ``threshold`` points (default 2, on the journey's
emotion scale) from the previous scored step on any branch leading to it has a pain
point anchored on that step, directly or through one of its touchpoints. Each branch
is judged on its own: a step reached from a happy step and from a sad one is compared
with both, and the steepest drop is reported.

**Why.** Rapid drops in the emotional curve mark large gaps between expectation and
experience, the places where customers get frustrated and leave. A drop with no pain
point recorded is an insight the map shows but does not name, so nobody acts on it.

**Failing example**

```yaml
steps:
  - {id: signs-up, name: Signs up, emotion: {score: 2}}
  - {id: imports-data, name: Imports old data, emotion: {score: -1}}
```

**Passing example**

```yaml
steps:
  - {id: signs-up, name: Signs up, emotion: {score: 2}}
  - {id: imports-data, name: Imports old data, emotion: {score: -1}}
pain_points:
  - {id: import-fails, title: The import rejects old ledgers, step: imports-data}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.flow import flow_of
from journeyspec.model import Journey, Step
from journeyspec.rules.base import Context, Hit, Option, Profile
from journeyspec.sourcemap import join

ID = "emotion-steep-drop-without-pain-point"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {
    "threshold": Option(
        2.0,
        "How many points (on the journey's emotion scale) between two scored steps "
        "count as a steep drop.",
    ),
}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    threshold = float(context.options["threshold"])
    flow = flow_of(journey)
    scored = {i for i, step in enumerate(flow.steps) if step.emotion is not None}
    for i in sorted(scored):
        step = flow.steps[i]
        score = _score(flow.steps[i])
        before = flow.nearest(i, forward=False, keep=scored)
        if not before:
            continue
        # The steepest drop; on a tie, the earliest step in the file.
        top = max(before, key=lambda j: (_score(flow.steps[j]) - score, -j))
        drop = _score(flow.steps[top]) - score
        if drop >= threshold and not journey.pain_points_at(step.id):
            yield Hit(
                join(step.pointer, "emotion", "score"),
                f"mood drops by {_points(drop)} from step `{flow.steps[top].id}` to "
                f"`{step.id}` with no pain point; record what goes wrong here",
                hint=f"add a pain point with `step: {step.id}` to `pain_points:`",
            )


def _score(step: Step) -> float:
    return step.emotion.score if step.emotion is not None else 0.0


def _points(delta: float) -> str:
    return f"{delta:g} points" if delta != 1 else "1 point"
