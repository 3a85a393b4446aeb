"""The journey stops at the sale: no stage covers what happens after the purchase.

**What it checks.** A current-state or future-state journey whose ``scope.focus`` is
not ``narrow`` has at least one stage after the sale or service: a stage in the last
phase of the phase set the journey uses (``post-purchase``; ``after`` for services
without a sale; the last of a project's own set), or, for stages without a ``phase``,
a stage whose id or name contains one of the well-known post-purchase words in the
``post_purchase_words`` option (onboarding, adoption, retention, renewal, loyalty,
advocacy, referral...). Maps of one part of the lifecycle say so with
``scope: {focus: narrow}``.

**Why.** Focusing only on discovery and purchase is one of the most common mapping
mistakes: onboarding, use, renewal and referral are where customers churn or become
advocates, and where most of a customer's lifetime value is won or lost.

**Failing example**

```yaml
stages:
  - {id: awareness, name: Awareness, phase: pre-purchase}
  - {id: purchase, name: Purchase, phase: purchase}
```

**Passing example**

```yaml
stages:
  - {id: awareness, name: Awareness, phase: pre-purchase}
  - {id: purchase, name: Purchase, phase: purchase}
  - {id: onboarding, name: Onboarding}
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey, Stage
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "journey-pre-purchase-only"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {
    "post_purchase_words": Option(
        [
            "onboarding",
            "adoption",
            "activation",
            "usage",
            "use",
            "retention",
            "renewal",
            "loyalty",
            "advocacy",
            "referral",
            "expansion",
            "support",
            "service",
        ],
        "Words that mark a stage without a `phase` as post-purchase when its id or name "
        "contains one of them as a whole word.",
    ),
}

KINDS = ("current-state", "future-state")


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    if journey.kind not in KINDS or journey.scope.focus == "narrow":
        return
    words = [str(w).casefold() for w in context.options["post_purchase_words"]]
    last = journey.phases[-1] if journey.phases else "post-purchase"
    if not any(_post_purchase(stage, words, last) for stage in journey.stages):
        yield Hit(
            "/stages",
            f"journey has no {_what(last)} stage; map onboarding, use, renewal or advocacy too",
            hint=f"add the stages after the sale or service (mark them `phase: {last}`), or set "
            "`scope: {focus: narrow}` if the map deliberately covers one part of the lifecycle",
            key=True,
        )


def _what(last: str) -> str:
    return "post-purchase" if last == "post-purchase" else f"`{last}`"


def _post_purchase(stage: Stage, words: list[str], last: str) -> bool:
    if stage.phase is not None:
        return stage.phase == last
    tokens = set(re.split(r"[^a-z0-9]+", f"{stage.id} {stage.name}".casefold()))
    return any(word in tokens for word in words)
