"""A touchpoint, evidence item or KPI is defined in the journey but nothing uses it.

**What it checks.** What the schema lets point at each kind of item:

- a **touchpoint** is used when a stage or step lists it in ``touchpoints``, a pain
  point sits on it (``touchpoint``) or a thought names it in ``answered_by``;
- an **evidence item** is used when an emotion or a pain point cites it in
  ``evidence``;
- a **KPI** is used when it belongs to a stage (``stage``) or a pain point or
  opportunity lists it in ``kpis``.

Pain points are not checked here: they point at steps themselves, and nothing in the
format points at a pain point except opportunities; ``pain-point-unanchored`` and
``pain-point-without-opportunity`` judge those.

**Why.** An item nothing refers to does not appear where readers look (the grid, the
curve, the stage), so it is either a forgotten link or dead weight that goes stale
unnoticed.

**Failing example**

```yaml
steps:
  - {id: compares, name: Compares prices, touchpoints: [pricing-page]}
touchpoints:
  - {id: pricing-page, name: Pricing page}
  - {id: old-brochure, name: Printed brochure}
```

**Passing example**

```yaml
steps:
  - {id: compares, name: Compares prices, touchpoints: [pricing-page, old-brochure]}
touchpoints:
  - {id: pricing-page, name: Pricing page}
  - {id: old-brochure, name: Printed brochure}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile
from journeyspec.sourcemap import join

ID = "item-unused"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    touchpoints = {t for stage in journey.stages for t in stage.all_touchpoints()}
    touchpoints.update(p.touchpoint for p in journey.pain_points if p.touchpoint)
    touchpoints.update(t for s in journey.steps for answer in s.answered_by for t in answer)
    evidence = {e for p in journey.pain_points for e in p.evidence}
    evidence.update(e for s in journey.steps if s.emotion for e in s.emotion.evidence)
    kpis = {k for p in journey.pain_points for k in p.kpis}
    kpis.update(k for o in journey.opportunities for k in o.kpis)
    for touchpoint in journey.touchpoints:
        if touchpoint.id not in touchpoints:
            yield _unused(
                touchpoint.pointer, "touchpoint", touchpoint.id, "a step's `touchpoints:`"
            )
    for item in journey.evidence:
        if item.id is not None and item.id not in evidence:
            yield _unused(item.pointer, "evidence item", item.id, "an emotion's `evidence:`")
    for kpi in journey.kpis:
        if kpi.stage is None and kpi.id not in kpis:
            yield _unused(kpi.pointer, "KPI", kpi.id, "`stage:` on the KPI, or a `kpis:` list")


def _unused(pointer: str, kind: str, item_id: str, where: str) -> Hit:
    return Hit(
        join(pointer, "id"),
        f"{kind} `{item_id}` is defined but nothing in the journey uses it",
        hint=f"link it (from {where}) or remove it",
    )
