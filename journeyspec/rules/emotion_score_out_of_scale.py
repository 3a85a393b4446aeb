"""An emotion score lies outside the journey's emotion scale.

**What it checks.** Every step's ``emotion.score`` lies between the ``min`` and
``max`` of the journey's ``emotion_scale`` (or of the project's, by default -2 to +2).

**Why.** A score outside the scale is a typo or a map written for another scale; the
emotional curve and every comparison between steps and journeys would be wrong.

**Failing example**

```yaml
steps:
  - {id: signs-up, name: Signs up, emotion: {score: 5}}
```

**Passing example**

```yaml
emotion_scale: {min: -5, max: 5}
stages:
  - id: trial
    name: Trial
    steps:
      - {id: signs-up, name: Signs up, emotion: {score: 5}}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile
from journeyspec.sourcemap import join

ID = "emotion-score-out-of-scale"
SEVERITY = Severity.ERROR
PROFILE: Profile = "minimal"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    low, high = journey.emotion_scale
    for step in journey.steps:
        if step.emotion is not None and not low <= step.emotion.score <= high:
            yield Hit(
                join(step.pointer, "emotion", "score"),
                f"emotion score {step.emotion.score:g} at step `{step.id}` is outside the "
                f"scale {low}..{high}; use a score on the scale",
                hint="fix the score, or declare the map's scale in `emotion_scale: {min, max}`",
            )
