"""The customer's mood falls steeply at a step, but no pain point explains why.

**What it checks.** Walking the scored steps in order (steps without an emotion score
are skipped, never read as zero), a score that falls by at least ``threshold`` points
(default 2, on the journey's emotion scale) from the previous scored step has a pain
point anchored on that step, directly or through one of its touchpoints.

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
from journeyspec.model import Journey
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
    previous: tuple[str, float] | None = None
    for step in journey.steps:
        if step.emotion is None:
            continue
        score = step.emotion.score
        drop = previous[1] - score if previous is not None else 0.0
        if previous is not None and drop >= threshold and not journey.pain_points_at(step.id):
            yield Hit(
                join(step.pointer, "emotion", "score"),
                f"mood drops by {_points(drop)} from step `{previous[0]}` to `{step.id}` "
                "with no pain point; record what goes wrong here",
                hint=f"add a pain point with `step: {step.id}` to `pain_points:`",
            )
        previous = (step.id, score)


def _points(delta: float) -> str:
    return f"{delta:g} points" if delta != 1 else "1 point"
