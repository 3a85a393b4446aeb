"""The lint run: validation, which runs every enabled rule on each valid journey in the
worker process that read it; then the rules that look across journeys, on outlines; then
suppressions, then the baseline."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from journeyspec import clock
from journeyspec.findings import Finding, Severity
from journeyspec.lint.baseline import Key, subtract
from journeyspec.lint.settings import LintSettings, RuleSetting, settings_from
from journeyspec.lint.suppressions import Scan, scan, suppress, unused
from journeyspec.loader import Document
from journeyspec.model import Journey, Outline, Portfolio
from journeyspec.parallel import Progress
from journeyspec.project import ProjectConfig
from journeyspec.rules.base import Context, Hit
from journeyspec.sourcemap import place
from journeyspec.validation import Also, Validation, validate_project

# A rule's ``check_across``: one journey's outline and every journey's, to hits.
CheckAcross = Callable[[Outline, Mapping[str, Outline]], Iterable[Hit]]


@dataclass
class LintResult:
    """Validation findings and rule findings of one run, sorted by place.

    ``baselined`` counts the findings dropped because the baseline accepted them;
    ``unmatched`` the baseline's entries for the files checked that matched no finding.
    """

    validation: Validation
    findings: list[Finding]
    settings: LintSettings | None = None
    baselined: int = 0
    unmatched: int = 0

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
    models: bool = True,
    also: Also | None = None,
    progress: Progress | None = None,
    overlay: Mapping[str, bytes] | None = None,
) -> LintResult:
    """Lint the project (or, with ``paths``, those files against the whole project).

    ``settings`` defaults to the project's own (validated here, so a bad journeyspec.yaml
    raises ``ConfigFileError`` before any file is read). ``models=False`` leaves the journey
    models out of ``result.validation.portfolio``: a lint that only reports holds none.
    ``also`` selects more files by their content (see ``validate_project``).
    ``progress`` hears of each journey file checked (for a progress bar).
    ``overlay``: texts to lint instead of the files' (unsaved editor buffers), by path.
    """
    settings = settings or settings_from(config)
    judge = judge_for(config, settings, today)
    validation = validate_project(
        config, paths, judge=judge, models=models, also=also, progress=progress, overlay=overlay
    )
    result = LintResult(validation, conclude(validation, settings), settings)
    if baseline is not None:
        result.findings, result.baselined, result.unmatched = subtract(
            result.findings, baseline, result.files
        )
    return result


def judge_for(config: ProjectConfig, settings: LintSettings, today: dt.date | None) -> _Judge:
    """What runs every enabled rule on one valid journey (``validate_project``'s judge)."""
    return _Judge(settings, today or clock.today(), config.review_interval)


def conclude(validation: Validation, settings: LintSettings) -> list[Finding]:
    """Every finding of a lint run, sorted: the validation's, placed, then each judged
    journey's rule findings with the rules across journeys, less what is suppressed."""
    findings = [_placed(validation, finding) for finding in validation.findings]
    # Looked up once, not once per journey: a rule without the function costs a failed
    # attribute lookup each time (half of a language server's edit at 1,000 journeys).
    across = [
        (rule.ID, check)
        for rule in settings.practice
        if (check := getattr(rule, "check_across", None)) is not None
    ]
    for path, judged in validation.judged.items():
        document = validation.document(path)
        if document is not None:
            rules = settings.for_path(path)
            outline = validation.outlines[path]
            found = judged.findings + _across(document, outline, validation.members, rules, across)
            findings.extend(_suppressed(found, judged.comments, rules))
    return sorted(set(findings))


@dataclass
class Judged:
    """One journey's rule findings, before suppressions, and its suppression comments."""

    findings: list[Finding]
    comments: Scan


@dataclass
class _Judge:
    """Runs every enabled rule on one journey, in the worker process that read it."""

    settings: LintSettings
    today: dt.date
    review_interval: str

    def __call__(self, journey: Journey, document: Document, registry: Portfolio) -> Judged:
        rules = self.settings.for_path(journey.path)
        context = Context(registry, {}, self.today, self.review_interval)
        found: list[Finding] = []
        for rule in self.settings.practice:
            setting = rules[rule.ID]
            if setting.severity is None:
                continue
            ruled = dataclasses.replace(context, options=setting.options)
            hits = rule.check(journey, ruled)
            found.extend(_place(document, rule.ID, setting.severity, hits))
        known = {rule.ID for rule in self.settings.practice}
        return Judged(found, scan(document.path, document.text, known, self.today))


def _across(
    document: Document,
    outline: Outline,
    journeys: Mapping[str, Outline],
    rules: dict[str, RuleSetting],
    across: list[tuple[str, CheckAcross]],
) -> list[Finding]:
    """The findings of the rules that look at other journeys (``check_across``)."""
    found: list[Finding] = []
    for rule_id, check in across:
        severity = rules[rule_id].severity
        if severity is not None:
            found.extend(_place(document, rule_id, severity, check(outline, journeys)))
    return found


def _place(
    document: Document, rule: str, severity: Severity, hits: Iterable[Hit]
) -> Iterator[Finding]:
    for hit in hits:
        finding = document.finding(
            hit.pointer, rule, hit.message, severity=severity, hint=hit.hint, key=hit.key
        )
        # Judged where the data still is (``document.data`` is dropped once judged).
        yield dataclasses.replace(finding, place=place(document.data, hit.pointer))


def _placed(validation: Validation, finding: Finding) -> Finding:
    """A validation finding with its place, from its file's data when that was kept (it
    is for every file with problems)."""
    document = validation.document(finding.path)
    data = document.data if document is not None else None
    return dataclasses.replace(finding, place=place(data, finding.pointer))


def _suppressed(
    found: list[Finding], comments: Scan, rules: dict[str, RuleSetting]
) -> list[Finding]:
    kept = suppress(found, comments.suppressions)
    # A suppression of a rule that is off here cannot be judged unused: it may be needed
    # under another profile.
    meta = comments.problems + unused(s for s in comments.suppressions if rules[s.rule].enabled)
    for finding in meta:
        severity = rules[finding.rule].severity
        if severity is not None:
            kept.append(dataclasses.replace(finding, severity=severity))
    return kept
