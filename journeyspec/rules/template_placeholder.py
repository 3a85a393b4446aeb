"""Text still holds a template's placeholder: the map was started but not filled in.

**What it checks.** No text of the journey starts with ``TODO:``, the marker
``journeyspec new journey`` puts on everything the team must write itself (the
objective, what the customer does at each step, the blueprint lanes). Every text field
is checked: titles, names, descriptions, scope, the steps' doing, thinking, feeling and
lanes, gaps, pain points, opportunities, KPIs and evidence. The finding points at the
text itself.

**Why.** A template is a guess at someone's journey, not research. Left in, its
sentences read like findings on the published site, and a map that still holds them
has not been reviewed: that is why a new map also starts without ``last_reviewed``.

**Failing example**

```yaml
stages:
  - id: awareness
    name: Awareness
    steps:
      - id: notices-need
        name: Notices the need
        does: "TODO: Realises the problem needs solving"
```

**Passing example**

```yaml
stages:
  - id: awareness
    name: Awareness
    steps:
      - id: notices-need
        name: Notices the need
        does: Sees the third late fee this quarter and searches for a better bank
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey, Step
from journeyspec.rules.base import Context, Hit, Option, Profile
from journeyspec.sourcemap import join

ID = "template-placeholder"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {}

MARKER = "TODO:"

# (pointer of the parent, tokens below it, text): the pointer is joined only for a hit,
# since nearly every text of every journey is checked and nearly none holds the marker.
Text = tuple[str, tuple[str | int, ...], str | None]


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    for parent, tokens, text in _texts(journey):
        if text is not None and text.lstrip().startswith(MARKER):
            pointer = join(parent, *tokens)
            yield Hit(
                pointer,
                f"`{_key(pointer)}` still holds the template's placeholder text",
                hint=f"replace the text after `{MARKER}` with what you learned from customers",
            )


def _texts(journey: Journey) -> Iterator[Text]:
    yield from _fields(
        "",
        title=journey.title,
        description=journey.description,
        objective=journey.objective,
        scenario=journey.scenario,
    )
    yield from _fields("/scope", starts=journey.scope.starts, ends=journey.scope.ends)
    for stage in journey.stages:
        yield from _fields(
            stage.pointer, name=stage.name, description=stage.description, handoff=stage.handoff
        )
        for step in stage.steps:
            yield from _step_texts(step)
    for touchpoint in journey.touchpoints:
        yield from _fields(
            touchpoint.pointer, name=touchpoint.name, description=touchpoint.description
        )
    for pain in journey.pain_points:
        yield from _fields(pain.pointer, title=pain.title, description=pain.description)
    for opportunity in journey.opportunities:
        yield from _fields(
            opportunity.pointer, title=opportunity.title, description=opportunity.description
        )
    for kpi in journey.kpis:
        yield from _fields(
            kpi.pointer, name=kpi.name, description=kpi.description, source=kpi.source
        )
    for evidence in journey.evidence:
        yield from _fields(evidence.pointer, title=evidence.title, summary=evidence.summary)


def _step_texts(step: Step) -> Iterator[Text]:
    pointer = step.pointer
    yield from _fields(pointer, name=step.name, does=step.does, motivation=step.motivation)
    for index, text in enumerate(step.thinks):
        yield pointer, ("thinks", index), text
    if step.emotion is not None:
        yield pointer, ("emotion", "label"), step.emotion.label
        yield pointer, ("emotion", "note"), step.emotion.note
    for lane in ("physical_evidence", "frontstage", "backstage", "support"):
        for index, text in enumerate(getattr(step.lanes, lane)):
            yield pointer, ("lanes", lane, index), text
    for gap in step.gaps:
        yield gap.pointer, ("text",), gap.text


def _fields(pointer: str, **texts: str | None) -> Iterator[Text]:
    for key, text in texts.items():
        yield pointer, (key,), text


def _key(pointer: str) -> str:
    parts = pointer.strip("/").split("/")
    return parts[-2] if parts[-1].isdigit() else parts[-1]
