"""The rule catalogue: every rule a report may cite, with its documentation and help link.

Besides the practice rules of ``journeyspec.rules``, the engine itself reports on
suppression comments (``unused-suppression`` …); those are described here as rules too,
so they can be configured, listed by ``journeyspec rules`` and cited in SARIF.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from journeyspec.findings import Severity
from journeyspec.report import RuleInfo
from journeyspec.rules import RULES
from journeyspec.rules.base import Context, Hit, Option, Profile, Rule


class EngineRule:
    """A rule the engine applies itself (to comments), shaped like a rule module."""

    PROFILE: Profile = "minimal"
    OPTIONS: Mapping[str, Option] = {}

    def __init__(self, rule_id: str, severity: Severity, doc: str) -> None:
        self.ID = rule_id
        self.SEVERITY = severity
        self.__doc__ = doc

    def check(self, journey: Any, context: Context) -> Iterable[Hit]:
        return ()


UNUSED_SUPPRESSION = EngineRule(
    "unused-suppression",
    Severity.WARNING,
    """A suppression comment suppresses nothing: remove it.

**What it checks.** Every rule named in a ``# journeyspec: disable…`` comment matches a
finding of that rule in the lines the comment covers.

**Why.** Suppressions outlive the problems they hid; a stale one would silently hide the
next real finding at that place.
""",
)
SUPPRESSION_NO_REASON = EngineRule(
    "suppression-no-reason",
    Severity.WARNING,
    """A suppression comment gives no reason: say why after ``--``.

**What it checks.** ``# journeyspec: disable-next-line stage-no-owner -- owned by the agency``
names its reason after `` -- ``. A suppression without a reason silences nothing: the
findings it names are reported as if it were not there.

**Why.** A reviewer cannot judge a suppression without knowing why it is there, and a
reasonless comment must not be able to turn an error into a passing gate.
""",
)
INVALID_SUPPRESSION = EngineRule(
    "invalid-suppression",
    Severity.WARNING,
    """A suppression comment cannot be understood: fix its directive or rule ids.

**What it checks.** ``# journeyspec:`` comments use ``disable-next-line``, ``disable``,
``enable`` or ``disable-file`` followed by known rule ids.

**Why.** A misspelt suppression suppresses nothing, and the finding it was meant to hide
comes back without explanation.
""",
)
SUPPRESSION_EXPIRED = EngineRule(
    "suppression-expired",
    Severity.WARNING,
    """A suppression comment is past its date: fix the finding, or renew it with a reason.

**What it checks.** A reason may end in ``(until YYYY-MM-DD)``:
``# journeyspec: disable-next-line stage-no-owner -- agency contract (until 2027-03-31)``.
The suppression works up to and including that day (``--today`` / ``JOURNEYSPEC_TODAY``
decide what today is); from the next day it silences nothing, the findings it named are
reported again, and so is this finding at the comment.

**Why.** "We will fix it next quarter" is the commonest reason to suppress; a date makes
the promise checkable, so a temporary exception cannot quietly become permanent.
""",
)
ENGINE_RULES: tuple[EngineRule, ...] = (
    UNUSED_SUPPRESSION,
    SUPPRESSION_NO_REASON,
    INVALID_SUPPRESSION,
    SUPPRESSION_EXPIRED,
)

# Findings of validation are always errors and cannot be configured; they still need a
# description wherever a report lists the rules it cites, and a readable name that is not
# their id (SARIF's rule names must differ from the ids: SARIF1001).
CHECKS: Mapping[str, tuple[str, str]] = {
    "syntax": ("InvalidYaml", "The file is not valid YAML, or uses YAML that journeyspec refuses."),
    "schema": ("SchemaViolation", "The file does not follow its JSON Schema."),
    "reference": ("BrokenReference", "An id refers to nothing, or is defined twice."),
    "project": ("UnreadableProject", "The project's files cannot be read as they are laid out."),
    "config": ("InvalidConfiguration", "journeyspec.yaml cannot be used."),
}


def configurable_ids() -> tuple[str, ...]:
    """Every rule id that ``lint.rules`` may name."""
    return tuple(rule.ID for rule in RULES) + tuple(rule.ID for rule in ENGINE_RULES)


def summary(doc: str | None) -> str:
    """The first line of a docstring: the rule's one-line summary."""
    return (doc or "").strip().splitlines()[0].strip() if (doc or "").strip() else ""


def rule_infos(docs_url: str = "", custom: tuple[Rule, ...] = ()) -> dict[str, RuleInfo]:
    """What reporters may say about every rule and check (``custom``: the project's own
    rules too), keyed by id; help links lead into the rule reference published at
    ``docs_url`` (none without one)."""
    base = docs_url if not docs_url or docs_url.endswith("/") else docs_url + "/"
    infos: dict[str, RuleInfo] = {}
    for rule in (*RULES, *custom, *ENGINE_RULES):
        infos[rule.ID] = RuleInfo(
            rule.ID,
            summary(rule.__doc__),
            rule.SEVERITY,
            f"{base}rules/{rule.ID}/" if base else "",
            (rule.__doc__ or "").strip(),
            name="".join(word.capitalize() for word in rule.ID.split("-")),
        )
    for check, (name, text) in CHECKS.items():
        help_uri = f"{base}format/" if base else ""
        infos[check] = RuleInfo(check, text, Severity.ERROR, help_uri, text, name=name)
    return infos
