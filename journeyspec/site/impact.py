"""Which journeys' pages an edit of some journey files changes.

A journey's page shows the journey, its findings, and a few things of other journeys:
the title and stages of the journey it zooms into (``parent``) and of those zooming into
it, the current state it improves and its future states (their titles and curves). So an
edit changes the pages of the edited journeys, of every journey either version of them
names that way or that names them, and of every journey whose findings changed (a rule
across journeys). Registries, personas and the configuration are not covered: the
preview builds the whole site again when one of those changes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from journeyspec.findings import Finding
from journeyspec.lint import LintResult
from journeyspec.model import Journey


def affected_journeys(before: LintResult, after: LintResult, edited: Collection[str]) -> set[str]:
    """The ids of the journeys (of ``after``) whose pages may differ, given the edited
    journey files (project-relative paths)."""
    old = before.validation.portfolio.journeys
    new = after.validation.portfolio.journeys
    edited_ids = {j.id for j in (*old, *new) if j.path in edited}
    chosen = set(edited_ids)
    for journey in (*old, *new):
        if journey.id in edited_ids:
            chosen |= _named_by(journey)
        if _named_by(journey) & edited_ids:
            chosen.add(journey.id)
    by_path = {j.path: j.id for j in new}
    findings_before, findings_after = _by_path(before.findings), _by_path(after.findings)
    for path in findings_before.keys() | findings_after.keys():
        if path in by_path and findings_before.get(path) != findings_after.get(path):
            chosen.add(by_path[path])
    return chosen & {j.id for j in new}


def same_journeys(before: LintResult, after: LintResult) -> bool:
    """Whether both hold the same journeys (by id and file; a new title may reorder them)."""
    old = before.validation.portfolio.journeys
    new = after.validation.portfolio.journeys
    return {(j.id, j.path) for j in old} == {(j.id, j.path) for j in new}


def _named_by(journey: Journey) -> set[str]:
    named = {journey.current_state} if journey.current_state else set()
    if journey.parent is not None:
        named.add(journey.parent.journey)
    return named


def _by_path(findings: list[Finding]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        grouped[finding.path].append(finding)
    return grouped
