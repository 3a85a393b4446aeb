"""The journey cites a study of the research library that is older than the allowed age.

**What it checks.** Every study of the research library (``registry/research.yaml``)
that the journey cites (from an emotion's, a pain point's, an opportunity's or a KPI's
``evidence``) has a ``date``, and that date plus ``max_age`` is not before today. Each
citation of a stale study is reported where it is cited, so the finding sits in the file
that leans on the old research. Studies without a date, and the journey's own
``evidence`` items, are left alone. Archived journeys are left alone.

**Why.** Evidence goes stale: customers, products and markets move, and last year's
interviews may no longer say how customers feel. A map that leans on old research looks
validated while it describes a customer who has changed; re-run the study, or cite a
newer one.

**Failing example**

```yaml
# linted on 2026-06-01, max_age P1Y; registry/research.yaml
studies:
  - {id: onboarding-interviews, title: Onboarding interviews, method: interview,
     date: 2025-03-01}
# the journey
pain_points:
  - {id: slow-import, title: Bank import fails, evidence: [onboarding-interviews]}
```

**Passing example**

```yaml
# linted on 2026-06-01, max_age P1Y
studies:
  - {id: onboarding-interviews, title: Onboarding interviews, method: interview,
     date: 2026-02-10}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.durations import add_duration
from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile, duration_option

ID = "evidence-stale"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {
    "max_age": Option(
        "P1Y",
        "How old a cited study may be, as an ISO 8601 duration (P6M, P1Y, P18M).",
    ),
}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    if journey.status == "archived":
        return
    max_age = duration_option(ID, "max_age", str(context.options["max_age"]))
    studies = context.portfolio.studies
    for pointer, cited in journey.citations():
        study = studies.get(cited)
        if study is None or study.date is None:
            continue
        if add_duration(study.date, max_age) < context.today:
            yield Hit(
                pointer,
                f"study `{study.id}` is from {study.date.isoformat()}, older than {max_age}; "
                "the evidence may no longer hold",
                hint=f"re-run or replace the study in {study.path}, or cite newer research",
            )
