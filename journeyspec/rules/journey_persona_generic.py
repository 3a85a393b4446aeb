"""The journey is mapped for a generic persona such as "all customers" or "the average user".

**What it checks.** The journey's ``persona`` (its id, and the name in the persona
file) does not match one of the generic words in the ``words`` option, such as
"all customers", "everyone", "average" or "generic".

**Why.** A journey mapped for everyone describes no one: different customers take
different paths, feel different things and stumble in different places. Practitioners
insist on one specific, researched persona per map; averaging them hides exactly the
pain points the map is meant to find.

**Failing example**

```yaml
# personas/everyone.yaml: {id: everyone, name: All customers}
persona: everyone
```

**Passing example**

```yaml
# personas/budi.yaml: {id: budi, name: Budi, role: Finance manager}
persona: budi
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from journeyspec.findings import Severity
from journeyspec.model import Journey
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "journey-persona-generic"
SEVERITY = Severity.ERROR
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {
    "words": Option(
        [
            "all customers",
            "all users",
            "everyone",
            "everybody",
            "anyone",
            "average",
            "generic",
            "default",
            "typical customer",
            "typical user",
        ],
        "Words or phrases (matched as whole words, ignoring case and hyphens) that make "
        "a persona generic.",
    ),
}


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    persona = context.portfolio.personas.get(journey.persona)
    names = [journey.persona.replace("-", " ")]
    if persona is not None:
        names.append(persona.name.replace("-", " "))
    for word in context.options["words"]:
        pattern = re.compile(r"\b" + re.escape(str(word).replace("-", " ")) + r"\b", re.I)
        if any(pattern.search(name) for name in names):
            shown = persona.name if persona is not None else journey.persona
            yield Hit(
                "/persona",
                f"persona `{journey.persona}` ({shown}) is generic; map the journey for one "
                "specific, researched persona",
                hint="create a persona for the segment you mean and point `persona:` at it",
            )
            return
