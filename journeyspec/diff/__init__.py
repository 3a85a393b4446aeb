"""The semantic diff: what changed in each journey between two project states, and which lint
findings are new or fixed. ``diff(config, base, head)`` is the entry point."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from journeyspec import clock
from journeyspec.diff.changes import Change
from journeyspec.diff.compare import compare, compare_registry
from journeyspec.diff.sources import Side, open_side
from journeyspec.findings import Finding
from journeyspec.lint import LintResult, lint, settings_from
from journeyspec.lint.plugins import load_rules
from journeyspec.model import Journey, Portfolio
from journeyspec.project import ProjectConfig
from journeyspec.rules.base import Rule

Status = Literal["added", "removed", "changed", "invalid"]

__all__ = ["Change", "DiffResult", "FindingDelta", "JourneyDiff", "diff"]


@dataclass(frozen=True)
class FindingDelta:
    """Lint findings only the head has (``new``) and only the base had (``fixed``)."""

    new: tuple[Finding, ...] = ()
    fixed: tuple[Finding, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.new or self.fixed)


@dataclass(frozen=True)
class JourneyDiff:
    """One journey that differs. ``journey`` is its head version (None when removed or invalid)."""

    id: str
    title: str
    path: str
    status: Status
    changes: tuple[Change, ...]
    findings: FindingDelta
    journey: Journey | None


@dataclass(frozen=True)
class DiffResult:
    base: str
    head: str
    journeys: tuple[JourneyDiff, ...]
    other_findings: FindingDelta  # findings in files that are not journeys (personas, registries)
    portfolio: Portfolio  # the head's, so renderers can name personas
    registry: tuple[Change, ...] = ()  # changes to personas, teams and channels

    def count(self, status: Status) -> int:
        return sum(1 for j in self.journeys if j.status == status)

    @property
    def new_findings(self) -> int:
        return len(self.other_findings.new) + sum(len(j.findings.new) for j in self.journeys)

    @property
    def fixed_findings(self) -> int:
        return len(self.other_findings.fixed) + sum(len(j.findings.fixed) for j in self.journeys)


def diff(
    config: ProjectConfig, base: str, head: str | None = None, *, today: dt.date | None = None
) -> DiffResult:
    """Compare ``base`` with ``head`` (git revisions or folders; ``head`` None: the working
    tree of ``config``'s project)."""
    day = today or clock.today()
    # Both sides are judged by the working tree's own rules: a revision's rule code (or its
    # absence from the files a side is made of) must not run or decide anything.
    custom = load_rules(config)
    with open_side(base, config) as old_side, open_side(head, config) as new_side:
        old, new = _lint(old_side, day, custom), _lint(new_side, day, custom)
    return _compare(old_side.label, new_side.label, old, new)


def _lint(side: Side, day: dt.date, custom: tuple[Rule, ...]) -> LintResult:
    return lint(side.config, today=day, settings=settings_from(side.config, custom=custom))


def _journey_paths(result: LintResult) -> dict[str, str]:
    """Journey id -> file, for every journey file that has an id (valid or not)."""
    paths: dict[str, str] = {}
    for path, outline in result.validation.outlines.items():
        paths.setdefault(outline.id, path)
    return paths


def _compare(base: str, head: str, old: LintResult, new: LintResult) -> DiffResult:
    old_paths, new_paths = _journey_paths(old), _journey_paths(new)
    new_found, fixed_found = _delta(old.findings, new.findings)
    # Grouped once: filtering every finding for every journey was quadratic.
    new_by_path, fixed_by_path = _by_path(new_found), _by_path(fixed_found)
    journeys: list[JourneyDiff] = []
    for key in sorted(old_paths.keys() | new_paths.keys()):
        before = old.validation.portfolio.journey(key)
        after = new.validation.portfolio.journey(key)
        findings = FindingDelta(
            new_by_path.get(new_paths[key], ()) if key in new_paths else (),
            fixed_by_path.get(old_paths[key], ()) if key in old_paths else (),
        )
        status: Status
        changes: tuple[Change, ...] = ()
        if key not in new_paths:
            status = "removed"
        elif key not in old_paths:
            status = "added" if after is not None else "invalid"
        elif before is not None and after is not None:
            status, changes = "changed", tuple(compare(before, after))
        else:
            status = "invalid" if after is None else "changed"
        if status == "changed" and not changes and not findings:
            continue
        shown = after or before
        title = shown.title if shown else key
        journeys.append(
            JourneyDiff(
                key, title, new_paths.get(key) or old_paths[key], status, changes, findings, after
            )
        )
    claimed = set(old_paths.values()) | set(new_paths.values())
    other = FindingDelta(
        tuple(f for f in new_found if f.path not in claimed),
        tuple(f for f in fixed_found if f.path not in claimed),
    )
    registry = tuple(compare_registry(old.validation.portfolio, new.validation.portfolio))
    return DiffResult(base, head, tuple(journeys), other, new.validation.portfolio, registry)


def _by_path(findings: tuple[Finding, ...]) -> dict[str, tuple[Finding, ...]]:
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(finding.path, []).append(finding)
    return {path: tuple(items) for path, items in grouped.items()}


def _key(finding: Finding) -> tuple[str, str, str]:
    return (finding.path, finding.rule, finding.message)


def _delta(
    old: Iterable[Finding], new: Iterable[Finding]
) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    """New and fixed findings, matched by file, rule and message (not by line, since edits
    above a finding move it without changing it)."""
    before, after = sorted(old), sorted(new)
    left, right = Counter(map(_key, before)), Counter(map(_key, after))
    return _surplus(after, right - left), _surplus(before, left - right)


def _surplus(findings: list[Finding], extra: Counter[tuple[str, str, str]]) -> tuple[Finding, ...]:
    """The last ``extra[key]`` findings of each key (the ones an insertion most likely added)."""
    chosen: list[Finding] = []
    remaining = Counter(extra)
    for finding in reversed(findings):
        if remaining[_key(finding)] > 0:
            remaining[_key(finding)] -= 1
            chosen.append(finding)
    return tuple(sorted(chosen))
