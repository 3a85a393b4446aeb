"""An emotion is scored without evidence on a map whose status says it is research-based.

**What it checks.** On a journey whose ``status`` is one of ``statuses`` (default
``validated`` and ``published``: the map has been checked with customers), every
emotion score cites the research behind it in ``emotion.evidence``.

**Why.** A score is a claim about how customers feel. While a map is a draft, scores
are hypotheses to test; once it says it was validated with customers, each score
should point at the interviews, survey or recordings that showed it, or the map
passes assumptions off as findings.

**Failing example**

```yaml
status: validated
steps:
  - {id: signs-up, name: Signs up, emotion: {score: 2}}
```

**Passing example**

```yaml
status: validated
steps:
  - {id: signs-up, name: Signs up, emotion: {score: 2, evidence: [onboarding-interviews]}}
evidence:
  - {id: onboarding-interviews, kind: interview, title: Twelve onboarding interviews}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile
from journeyspec.sourcemap import join

ID = "emotion-without-evidence"
SEVERITY = Severity.WARNING
PROFILE: Profile = "strict"
OPTIONS: Mapping[str, Option] = {
    "statuses": Option(
        ["validated", "published"],
        "The journey statuses that claim the map rests on research, so every score needs evidence.",
    ),
}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    if journey.status not in {str(s) for s in context.options["statuses"]}:
        return
    for step in journey.steps:
        if step.emotion is not None and not step.emotion.evidence:
            yield Hit(
                join(step.pointer, "emotion"),
                f"the emotion at step `{step.id}` has no evidence, but the journey is "
                f"`{journey.status}`; cite the research that shows it",
                hint="add `evidence: [id]` to the emotion, naming an item of `evidence:`, "
                "or set the journey back to `status: draft`",
            )
