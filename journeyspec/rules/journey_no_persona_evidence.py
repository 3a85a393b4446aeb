"""The journey's persona is not backed by research.

**What it checks.** The persona the journey is mapped for lists at least one item in
its own ``evidence``, or cites a study of the research library in ``research``.

**Why.** A persona invented in a meeting leads to a journey for a customer who does
not exist. Personas should come from interviews, surveys and analytics of real
customers; otherwise every step of the map inherits the guesswork.

**Failing example**

```yaml
# personas/budi.yaml
id: budi
name: Budi
```

**Passing example**

```yaml
# personas/budi.yaml
id: budi
name: Budi
evidence:
  - {id: interviews-q2, kind: interview, title: 12 interviews with finance managers}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "journey-no-persona-evidence"
SEVERITY = Severity.INFO
PROFILE: Profile = "strict"
OPTIONS: Mapping[str, Option] = {}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    persona = context.portfolio.personas.get(journey.persona)
    if persona is not None and not persona.evidence and not persona.research:
        yield Hit(
            "/persona",
            f"persona `{persona.id}` is not backed by research; add evidence to {persona.path}",
            hint="list the interviews, surveys or analytics behind the persona in its `evidence:`",
        )
