"""The linter: validation first, then every enabled rule over every valid journey."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from journeyspec import clock
from journeyspec.findings import Finding
from journeyspec.project import ProjectConfig
from journeyspec.rules import RULES
from journeyspec.rules.base import Context
from journeyspec.validation import Validation, validate_project


@dataclass
class LintResult:
    """Validation findings and rule findings of one run, sorted by place."""

    validation: Validation
    findings: list[Finding]

    def for_path(self, path: str) -> list[Finding]:
        return [f for f in self.findings if f.path == path]


def lint(
    config: ProjectConfig, paths: Sequence[str] = (), *, today: dt.date | None = None
) -> LintResult:
    validation = validate_project(config, paths)
    findings = list(validation.findings)
    day = today or clock.today()
    for journey in validation.portfolio.journeys:
        if validation.selected is not None and journey.path not in validation.selected:
            continue
        document = validation.document(journey.path)
        if document is None:
            continue
        for rule in RULES:
            options = {name: option.default for name, option in rule.OPTIONS.items()}
            context = Context(validation.portfolio, options, day, config.review_interval)
            for hit in rule.check(journey, context):
                findings.append(
                    document.finding(
                        hit.pointer,
                        rule.ID,
                        hit.message,
                        severity=rule.SEVERITY,
                        hint=hit.hint,
                        key=hit.key,
                    )
                )
    return LintResult(validation, sorted(set(findings)))
