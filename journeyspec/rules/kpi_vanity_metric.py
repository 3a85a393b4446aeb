"""A KPI looks like a vanity metric: followers, likes or page views.

**What it checks.** No KPI's id or name contains one of the words in the ``words``
option (followers, fans, likes, impressions, page views, hits...).

**Why.** Vanity metrics grow easily and move no business goal; a journey map should
track the few metrics per stage that tie to its objective, such as conversion,
activation, retention or effort.

**Failing example**

```yaml
kpis:
  - {id: instagram-followers, name: Instagram followers}
```

**Passing example**

```yaml
kpis:
  - {id: trial-conversion, name: Trial to paid conversion}
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile
from journeyspec.sourcemap import join

ID = "kpi-vanity-metric"
SEVERITY = Severity.WARNING
PROFILE: Profile = "strict"
OPTIONS: Mapping[str, Option] = {
    "words": Option(
        ["followers", "fans", "likes", "impressions", "page views", "pageviews", "hits"],
        "Words (matched as whole words, ignoring case and hyphens) that mark a vanity metric.",
    ),
}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    patterns = [
        re.compile(r"\b" + re.escape(str(w).replace("-", " ")) + r"\b", re.I)
        for w in context.options["words"]
    ]
    for kpi in journey.kpis:
        # The name is what people read, so it is blamed first; the id when only it gives away.
        fields = (("name", kpi.name), ("id", kpi.id))
        blamed = next(
            (
                key
                for key, text in fields
                if any(p.search(text.replace("-", " ")) for p in patterns)
            ),
            None,
        )
        if blamed is not None:
            yield Hit(
                join(kpi.pointer, blamed),
                f"KPI `{kpi.id}` looks like a vanity metric; measure an outcome the objective "
                "depends on",
                hint="prefer conversion, activation, retention, effort or satisfaction metrics",
            )
