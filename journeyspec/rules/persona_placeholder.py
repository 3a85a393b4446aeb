"""The journey's persona still holds a template's placeholder text: it was never filled in.

**What it checks.** No text of the journey's persona (its role, segment, description,
quote, goals, motivations, pain points, current solutions, decision criteria and
expectations) starts with ``TODO:``, the marker ``journeyspec new persona`` puts on every
prompt of its templates (``--template b2b-buyer``, ``consumer``, ``employee``). The
finding points at the journey's ``persona:`` and names the persona's file and fields.

**Why.** A journey is mapped for a persona; a persona that is still a template's
prompts is a guess, and every map built on it inherits the guess. Reported on the
journeys that use it, because that is where the unfinished persona does harm.

**Failing example**

```yaml
# personas/dana.yaml
id: dana
name: Dana
role: "TODO: Job title and part in the purchase (user, evaluator, budget holder)"
```

**Passing example**

```yaml
# personas/dana.yaml
id: dana
name: Dana
role: Finance manager at a 40-person agency who signs off software purchases
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey, Persona
from journeyspec.rules.base import Context, Hit, Option, Profile
from journeyspec.rules.template_placeholder import MARKER

ID = "persona-placeholder"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    persona = context.portfolio.personas.get(journey.persona)
    if persona is None:
        return
    fields = [key for key, texts in _texts(persona) if any(_placeholder(t) for t in texts)]
    if fields:
        listed = ", ".join(f"`{key}`" for key in fields)
        yield Hit(
            "/persona",
            f"persona `{persona.id}` still holds the template's placeholder text in {listed} "
            f"({persona.path})",
            hint=f"replace the text after `{MARKER}` in {persona.path} with what research found",
        )


def _texts(persona: Persona) -> Iterator[tuple[str, tuple[str | None, ...]]]:
    yield "name", (persona.name,)
    yield "role", (persona.role,)
    yield "segment", (persona.segment,)
    yield "description", (persona.description,)
    yield "quote", (persona.quote,)
    yield "goals", persona.goals
    yield "motivations", persona.motivations
    yield "pain_points", persona.pain_points
    yield "current_solutions", persona.current_solutions
    yield "decision_criteria", persona.decision_criteria
    yield "expectations", persona.expectations


def _placeholder(text: str | None) -> bool:
    return text is not None and text.lstrip().startswith(MARKER)
