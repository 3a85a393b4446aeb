"""Inline suppressions: ``# journeyspec: disable…`` comments in a journey's YAML.

Forms (each names rule ids and, after `` -- ``, a reason)::

    # journeyspec: disable-next-line stage-no-owner, stage-no-kpi -- owned by the agency
    # journeyspec: disable stage-no-kpi -- KPIs are tracked in the partner's tool
    # journeyspec: enable stage-no-kpi
    # journeyspec: disable-file journey-review-overdue -- archived journey

``disable-next-line`` covers the next line that is not blank or only a comment;
``disable`` covers the lines up to the matching ``enable`` (or the end of the file).
A suppression without a reason silences nothing: its findings stand, and so does a
``suppression-no-reason`` finding at the comment. A reason ending in ``(until 2027-03-31)``
makes the suppression temporary: after that day it silences nothing and the comment gets a
``suppression-expired`` finding.
Only real YAML comments count: text inside a scalar (a ``scenario: |`` block, a quoted
or plain multi-line value) that reads like a directive is text. Where the scalars are
comes from the YAML scanner's tokens, run only on files with a ``# journeyspec:`` in them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

import yaml

from journeyspec.findings import Finding
from journeyspec.lint.catalogue import (
    INVALID_SUPPRESSION,
    SUPPRESSION_EXPIRED,
    SUPPRESSION_NO_REASON,
    UNUSED_SUPPRESSION,
)

MARKER = "journeyspec:"
_CANDIDATE = re.compile(r"#\s*journeyspec:")
# YAML's line breaks (PyYAML's scanner counts lines by these, so positions agree).
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_Scanner: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DIRECTIVE = re.compile(r"#\s*journeyspec:\s*(?P<body>.*?)\s*$")
_VERB = re.compile(r"(?P<verb>disable-next-line|disable-file|disable|enable)(?:\s+|$)(?P<rest>.*)")
_END = 1 << 31
_UNTIL = re.compile(r"\(\s*until\s+(?P<date>[^)]*?)\s*\)\s*$")


@dataclass
class Suppression:
    """One rule silenced by one comment, over lines ``first`` … ``last`` (inclusive)."""

    path: str
    line: int
    col: int
    verb: str
    rule: str
    first: int
    last: int
    used: bool = field(default=False, compare=False)
    reasoned: bool = True  # without a reason it silences nothing
    expired: bool = False  # past its ``(until …)`` date, or with an unreadable one

    def covers(self, finding: Finding) -> bool:
        return (
            self.reasoned
            and not self.expired
            and finding.rule == self.rule
            and self.first <= finding.line <= self.last
        )


@dataclass
class Scan:
    """The suppressions of one file and the problems with its comments."""

    suppressions: list[Suppression] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)


def scan(path: str, text: str, known: Collection[str], today: dt.date | None = None) -> Scan:
    """Every suppression comment of a file whose rules are in ``known``; ``today`` decides
    whether an ``(until …)`` date has passed (no date is ever past without it)."""
    result = Scan()
    if MARKER not in text or not _CANDIDATE.search(text):
        return result
    lines = _LINE_BREAK.split(text)
    comments = _Comments(text)
    open_blocks: dict[str, Suppression] = {}
    for number, line in enumerate(lines, start=1):
        start = comments.start(number, line) if MARKER in line else -1
        match = _DIRECTIVE.match(line, start) if start >= 0 else None
        if match is None:
            continue
        col = start + 1

        def problem(
            rule: str, message: str, hint: str = "", at: tuple[int, int] = (number, col)
        ) -> None:
            result.problems.append(Finding(path, *at, rule, message, pointer="", hint=hint))

        verb_match = _VERB.fullmatch(match.group("body"))
        if verb_match is None:
            problem(
                INVALID_SUPPRESSION.ID,
                f"unknown directive `{match.group('body')}`",
                "use disable-next-line, disable, enable or disable-file",
            )
            continue
        verb = verb_match.group("verb")
        ids_text, sep, reason = verb_match.group("rest").partition("--")
        rule_ids = [r for r in re.split(r"[,\s]+", ids_text.strip()) if r]
        if not rule_ids:
            problem(
                INVALID_SUPPRESSION.ID,
                f"`{verb}` names no rule",
                f"write `{verb} RULE-ID -- reason`",
            )
            continue
        reasoned = verb == "enable" or bool(sep and reason.strip())
        if not reasoned:
            problem(
                SUPPRESSION_NO_REASON.ID,
                f"`{verb}` gives no reason",
                "say why after ` -- `, e.g. `-- owned by the partner agency`",
            )
        expired = False
        until = _UNTIL.search(reason) if sep and verb != "enable" else None
        if until is not None:
            date_text = until.group("date")
            try:
                date = dt.date.fromisoformat(date_text)
            except ValueError:
                date = None
            if date is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date_text):
                expired = True  # an unreadable date must not make it last for ever
                problem(
                    INVALID_SUPPRESSION.ID,
                    f"`(until {date_text})` is not a date",
                    "write the last day it may apply as YYYY-MM-DD, e.g. `(until 2027-03-31)`",
                )
            elif today is not None and today > date:
                expired = True
                problem(
                    SUPPRESSION_EXPIRED.ID,
                    f"`{verb} {', '.join(rule_ids)}` expired on {date.isoformat()}",
                    "fix what it hides, or give a reason and a new date",
                )
        for rule_id in rule_ids:
            if rule_id not in known:
                problem(
                    INVALID_SUPPRESSION.ID,
                    f"`{verb}` names unknown rule `{rule_id}`",
                    _did_you_mean(rule_id, known),
                )
            elif verb == "enable":
                block = open_blocks.pop(rule_id, None)
                if block is None:
                    problem(
                        INVALID_SUPPRESSION.ID,
                        f"`enable {rule_id}` has no `disable {rule_id}` above it",
                    )
                else:
                    block.last = number
            else:
                first, last = _range(verb, number, lines, comments)
                suppression = Suppression(
                    path,
                    number,
                    col,
                    verb,
                    rule_id,
                    first,
                    last,
                    reasoned=reasoned,
                    expired=expired,
                )
                result.suppressions.append(suppression)
                if verb == "disable":
                    open_blocks[rule_id] = suppression
    return result


def _did_you_mean(rule_id: str, known: Collection[str]) -> str:
    close = difflib.get_close_matches(rule_id, sorted(known), n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else "`journeyspec rules` lists the rule ids"


class _Comments:
    """Where comments start, from where the scanner found scalars: a ``#`` after a blank
    (or at the start of a line) outside every scalar starts a comment."""

    def __init__(self, text: str) -> None:
        self.starts: list[tuple[int, int]] = []
        self.ends: list[tuple[int, int]] = []
        try:
            for token in yaml.scan(text, Loader=_Scanner):
                if isinstance(token, yaml.ScalarToken):
                    start, end = token.start_mark, token.end_mark
                    self.starts.append((start.line + 1, start.column))
                    self.ends.append((end.line + 1, end.column))
        except yaml.YAMLError:
            # Judged files always scan; an unreadable one gets no suppressions from here.
            self.starts, self.ends = [(1, 0)], [(_END, 0)]

    def start(self, number: int, line: str) -> int:
        """The column (0-based) where line ``number``'s comment starts; -1 if it has none."""
        at = line.find("#")
        while at >= 0:
            if (at == 0 or line[at - 1] in " \t") and not self._in_scalar((number, at)):
                return at
            at = line.find("#", at + 1)
        return -1

    def _in_scalar(self, place: tuple[int, int]) -> bool:
        index = bisect.bisect_right(self.starts, place) - 1
        return index >= 0 and place < self.ends[index]


def _range(verb: str, number: int, lines: list[str], comments: _Comments) -> tuple[int, int]:
    if verb == "disable-file":
        return 1, _END
    if verb == "disable":
        return number, _END
    target = number + 1
    while target <= len(lines) and _blank_or_comment(target, lines[target - 1], comments):
        target += 1
    return target, target


def _blank_or_comment(number: int, line: str, comments: _Comments) -> bool:
    stripped = line.lstrip(" \t")
    return not stripped or comments.start(number, line) == len(line) - len(stripped)


def suppress(findings: Iterable[Finding], suppressions: list[Suppression]) -> list[Finding]:
    """The findings no suppression covers; marks the suppressions that were used."""
    kept: list[Finding] = []
    for finding in findings:
        hit = next((s for s in suppressions if s.path == finding.path and s.covers(finding)), None)
        if hit is None:
            kept.append(finding)
        else:
            hit.used = True
    return kept


def unused(suppressions: Iterable[Suppression]) -> list[Finding]:
    """A finding at each suppression comment that silenced nothing."""
    return [
        Finding(
            s.path,
            s.line,
            s.col,
            UNUSED_SUPPRESSION.ID,
            f"`{s.verb} {s.rule}` suppresses nothing",
            pointer="",
            hint="remove the rule from the comment (or the comment)",
        )
        for s in suppressions
        # One without a reason, or past its date, has its own finding.
        if not s.used and s.reasoned and not s.expired
    ]
