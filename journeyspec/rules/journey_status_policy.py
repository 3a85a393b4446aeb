"""A journey at a status is missing a field the project requires at that status.

**What it checks.** For the journey's ``status``, every field listed under that status
in the ``fields`` option is filled in. The default asks a ``published`` map for an
``owner``, an ``objective``, a ``scope`` and a ``last_reviewed`` date; a project sets
its own policy in ``journeyspec.yaml``:

```yaml
lint:
  rules:
    journey-status-policy:
      fields:
        validated: [owner, evidence]
        published: [owner, objective, scope, last_reviewed, evidence, kpis]
```

Field names are the journey's top-level keys; a name that is not one is a
configuration error.

**Why.** Publishing a map tells stakeholders it can be relied on. Teams agree what
that takes (an owner who keeps it current, the question it answers, a review date),
and a status policy makes that agreement checkable in every pull request.

**Failing example**

```yaml
status: published
title: First purchase
```

**Passing example**

```yaml
status: published
owner: marketing
objective: Why do trial users not convert?
scope: {starts: Sees an advert, ends: Renews}
last_reviewed: 2026-05-01
```
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any

from journeyspec.errors import ConfigError
from journeyspec.findings import Severity
from journeyspec.model import Journey, Scope
from journeyspec.rules.base import Context, Hit, Option, Profile

ID = "journey-status-policy"
SEVERITY = Severity.WARNING
PROFILE: Profile = "recommended"
OPTIONS: Mapping[str, Option] = {
    "fields": Option(
        {"published": ["owner", "objective", "scope", "last_reviewed"]},
        "For each journey status, the top-level fields a journey at that status must fill in.",
    ),
}

# Model fields that are not top-level keys of the file, or always have a value.
_NOT_KEYS = frozenset({"path", "emotion_scale", "kind", "status", "phases"})


def check(journey: Journey, context: Context) -> Iterator[Hit]:
    policy = _policy(context.options["fields"])
    missing = [n for n in policy.get(journey.status, ()) if not _filled(getattr(journey, n))]
    if missing:
        yield Hit(
            "/status",
            f"a `{journey.status}` journey needs {', '.join(f'`{n}`' for n in missing)}; "
            "fill them in or change the status",
            hint=f"the project's policy (rule `{ID}`) asks every `{journey.status}` map for "
            f"{', '.join(policy[journey.status])}",
        )


def _policy(raw: Mapping[str, Any]) -> dict[str, list[str]]:
    """The ``fields`` option checked: status -> field names (one name may stand alone)."""
    known = [f.name for f in dataclasses.fields(Journey) if f.name not in _NOT_KEYS]
    policy: dict[str, list[str]] = {}
    for status, names in raw.items():
        policy[str(status)] = [str(n) for n in (names if isinstance(names, list) else [names])]
        for name in policy[str(status)]:
            if name not in known:
                raise ConfigError(
                    f"{ID}: `{name}` (for status `{status}`) is not a journey field; "
                    f"fields are {', '.join(known)}"
                )
    return policy


def _filled(value: Any) -> bool:
    if isinstance(value, Scope):
        return bool(value.starts or value.ends)
    return value is not None and value != ()
