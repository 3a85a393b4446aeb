"""A customer's question or wish has no touchpoint that answers it: an unrecorded gap.

**What it checks.** A ``thinks`` entry that is a question (it ends with ``?``) or a
wish (it starts with "I wish", "I'd like", "I want" or "If only") sits on a step that
has ``touchpoints``. A step that already records its ``gaps`` is left to
``gap-unaddressed``.

**Why.** Writing down the questions customers ask at each step, and then the
touchpoint that answers each one, is how teams find the holes in a journey. A question
with nothing to answer it is a gap, and a gap needs a touchpoint to fill it.

**Failing example**

```yaml
steps:
  - id: compares-prices
    name: Compares prices
    thinks: ["Does it import our old ledgers?"]
```

**Passing example**

```yaml
steps:
  - id: compares-prices
    name: Compares prices
    thinks: ["Does it import our old ledgers?"]
    touchpoints: [import-guide]
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile
from journeyspec.sourcemap import join

ID = "question-without-touchpoint"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {}

WISH = re.compile(r"^\s*(i\s+wish|i['’]d\s+like|i\s+want|if\s+only)\b", re.I)


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    for step in journey.steps:
        if step.touchpoints or step.gaps:
            continue
        for index, thought in enumerate(step.thinks):
            if thought.rstrip().endswith("?") or WISH.match(thought):
                yield Hit(
                    join(step.pointer, "thinks", index),
                    f"nothing answers the customer's {_kind(thought)} at step `{step.id}`; "
                    "link the touchpoint that does, or record the gap",
                    hint="add the answering touchpoint to the step's `touchpoints:`, or list "
                    "the missing one under `gaps:` so an opportunity can address it",
                )


def _kind(thought: str) -> str:
    return "question" if thought.rstrip().endswith("?") else "wish"
