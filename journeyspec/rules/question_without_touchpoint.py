"""A customer's question or wish has no touchpoint that answers it: an unrecorded gap.

**What it checks.** A ``thinks`` entry that is a question (it ends with ``?``) or a
wish (it starts with "I wish", "I'd like", "I want" or "If only") names the
touchpoints that answer it, written as ``{text: ..., answered_by: [touchpoint ids]}``.
A step that records its ``gaps`` is left to ``gap-unaddressed``.

**How "answers" is decided, and why.** Only by the explicit ``answered_by`` link (or a
recorded gap). Any touchpoint at the step used to count, which let "I wish the prices
were on the website" pass at a step whose only touchpoint is the reception desk. No
signal a tool can read tells whether a touchpoint can answer a question: channel types
do not (a desk can tell prices, a website can miss them), and shared words do not
("How much is it?" shares none with "Pricing page", while "website" matches a page
that lacks the prices). The author knows, so the author says it, once, and the link is
checked like every reference.

**Why.** Writing down the questions customers ask at each step, and then the
touchpoint that answers each one, is how teams find the holes in a journey. A question
with nothing to answer it is a gap, and a gap needs a touchpoint to fill it.

**Failing example**

```yaml
steps:
  - id: joins
    name: Asks about membership
    thinks: ["I wish the prices were on the website"]
    touchpoints: [reception-desk]
```

**Passing example**

```yaml
steps:
  - id: compares-prices
    name: Compares prices
    thinks:
      - {text: "Does it import our old ledgers?", answered_by: [import-guide]}
      - "I wish the prices were on the website"
    touchpoints: [import-guide]
    gaps:
      - {id: no-online-prices, text: Prices on the website}
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
        if step.gaps:
            continue
        answers = step.answered_by or tuple(() for _ in step.thinks)
        for index, (thought, answered_by) in enumerate(zip(step.thinks, answers, strict=True)):
            if answered_by:
                continue
            if thought.rstrip().endswith("?") or WISH.match(thought):
                yield Hit(
                    join(step.pointer, "thinks", index),
                    f"nothing answers the customer's {_kind(thought)} at step `{step.id}`; "
                    "link the touchpoint that does, or record the gap",
                    hint="write it as `{text: ..., answered_by: [touchpoint-id]}`, or list "
                    "the missing touchpoint under `gaps:` so an opportunity can address it",
                )


def _kind(thought: str) -> str:
    return "question" if thought.rstrip().endswith("?") else "wish"
