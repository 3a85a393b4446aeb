"""The journey rests on no customer evidence: only assumptions, or nothing at all.

**What it checks.** The journey's ``evidence`` has at least one item whose ``kind``
is not ``assumption`` (an interview, survey, ticket analysis, recording, analytics...),
or the journey cites such a study of the research library (``registry/research.yaml``).

**Why.** A map built only on internal assumptions describes how the company thinks
customers behave. Talking to customers and looking at what they do is what makes a
journey map worth acting on; assumptions are fine as a start, as long as they are
checked.

**Failing example**

```yaml
evidence:
  - {id: team-workshop, kind: assumption, title: What the sales team believes}
```

**Passing example**

```yaml
evidence:
  - {id: interviews-q2, kind: interview, title: 12 interviews with finance managers}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "journey-no-customer-evidence"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    if any(item.kind != "assumption" for item in journey.evidence):
        return
    studies = context.portfolio.studies
    cited = (studies.get(i) for _, i in journey.citations())
    if any(study is not None and study.method != "assumption" for study in cited):
        return  # it cites customer research from the library
    yield Hit(
        "/evidence" if journey.evidence else "",
        "journey rests only on assumptions; add customer evidence"
        if journey.evidence
        else "journey lists no evidence; add the customer research it rests on",
        hint="add `evidence:` items such as interviews, surveys, support tickets or analytics",
    )
