"""The lint run: validation first, then every enabled rule over every valid journey,
then suppressions, then the baseline."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from journeyspec import clock
from journeyspec.findings import Finding
from journeyspec.lint.baseline import Key, subtract
from journeyspec.lint.settings import LintSettings, RuleSetting, settings_from
from journeyspec.lint.suppressions import scan, suppress, unused
from journeyspec.loader import Document
from journeyspec.model import Journey
from journeyspec.project import ProjectConfig
from journeyspec.rules import RULES
from journeyspec.rules.base import Context
from journeyspec.validation import Validation, validate_project


@dataclass
class LintResult:
    """Validation findings and rule findings of one run, sorted by place.

    ``baselined`` counts the findings dropped because the baseline accepted them.
    """

    validation: Validation
    findings: list[Finding]
    settings: LintSettings | None = None
    baselined: int = 0

    def for_path(self, path: str) -> list[Finding]:
        return [f for f in self.findings if f.path == path]

    @property
    def files(self) -> tuple[str, ...]:
        """The project-relative paths this run reported on."""
        if self.validation.selected is not None:
            return tuple(sorted(self.validation.selected))
        return tuple(sorted(d.path for d, _ in self.validation.project.documents))


def lint(
    config: ProjectConfig,
    paths: Sequence[str] = (),
    *,
    today: dt.date | None = None,
    settings: LintSettings | None = None,
    baseline: Counter[Key] | None = None,
) -> LintResult:
    """Lint the project (or, with ``paths``, those files against the whole project).

    ``settings`` defaults to the project's own (validated here, so a bad journeyspec.yaml
    raises ``ConfigFileError`` before any file is read).
    """
    settings = settings or settings_from(config)
    validation = validate_project(config, paths)
    findings = list(validation.findings)
    day = today or clock.today()
    for journey in validation.portfolio.journeys:
        if validation.selected is not None and journey.path not in validation.selected:
            continue
        document = validation.document(journey.path)
        if document is not None:
            context = Context(validation.portfolio, {}, day, config.review_interval)
            findings.extend(
                _lint_journey(journey, document, settings.for_path(journey.path), context)
            )
    findings = sorted(set(findings))
    baselined = 0
    if baseline is not None:
        findings, baselined = subtract(findings, baseline)
    return LintResult(validation, findings, settings, baselined)


def _lint_journey(
    journey: Journey, document: Document, rules: dict[str, RuleSetting], context: Context
) -> list[Finding]:
    found: list[Finding] = []
    for rule in RULES:
        setting = rules[rule.ID]
        if setting.severity is None:
            continue
        ruled = dataclasses.replace(context, options=setting.options)
        for hit in rule.check(journey, ruled):
            found.append(
                document.finding(
                    hit.pointer,
                    rule.ID,
                    hit.message,
                    severity=setting.severity,
                    hint=hit.hint,
                    key=hit.key,
                )
            )
    comments = scan(document.path, document.text, {rule.ID for rule in RULES})
    kept = suppress(found, comments.suppressions)
    # A suppression of a rule that is off here cannot be judged unused: it may be needed
    # under another profile.
    meta = comments.problems + unused(s for s in comments.suppressions if rules[s.rule].enabled)
    for finding in meta:
        severity = rules[finding.rule].severity
        if severity is not None:
            kept.append(dataclasses.replace(finding, severity=severity))
    return kept
