"""Human output: findings grouped by file, the source line with a caret, then a summary."""

from __future__ import annotations

import re
from typing import TextIO

from journeyspec.findings import Finding, Severity
from journeyspec.report import Report
from journeyspec.wording import counted

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def write(report: Report, stream: TextIO, colour: bool = False) -> None:
    for path, findings in report.by_file():
        stream.write(_paint(report.shown_path(path), "1;4", colour) + "\n")
        for finding in findings:
            _finding(report, finding, stream, colour)
        stream.write("\n")
    stream.write(_summary(report, colour) + "\n")


def _finding(report: Report, finding: Finding, stream: TextIO, colour: bool) -> None:
    where = f"{report.shown_path(finding.path)}:{finding.line}:{finding.col}"
    severity = _paint(finding.severity.label, _COLOURS[finding.severity], colour)
    stream.write(f"{where}: {severity}[{finding.rule}]: {finding.message}\n")
    source = report.source(finding.path, finding.line) if finding.line else ""
    if source.strip():
        gutter = f"{finding.line:>5} | "
        visible, column = excerpt(source, finding.col)
        stream.write(f"{gutter}{visible}\n")
        caret = " " * (len(gutter) - 2) + "| " + " " * max(column - 1, 0) + "^"
        stream.write(_paint(caret, _COLOURS[finding.severity], colour) + "\n")
    if finding.hint:
        stream.write(f"      = help: {finding.hint}\n")


EXCERPT_WIDTH = 120
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def excerpt(source: str, col: int) -> tuple[str, int]:
    """The part of a source line around ``col`` that fits a terminal, and the caret's column.

    A 1 MB line is cut to a window with "…" on the cut sides, and control and bidi
    characters are shown as "�": a file must not be able to clear, recolour or
    reorder the terminal or CI log that shows it.
    """
    if len(source) <= EXCERPT_WIDTH:
        return _visible(source), col
    # Cut first (one character stays one character), so a long line costs its window only.
    start = max(0, min(col - 1 - EXCERPT_WIDTH // 2, len(source) - EXCERPT_WIDTH))
    window = _visible(source[start : start + EXCERPT_WIDTH])
    head = "…" if start > 0 else ""
    tail = "…" if start + EXCERPT_WIDTH < len(source) else ""
    return head + window + tail, col - start + len(head)


def _visible(text: str) -> str:
    return _UNPRINTABLE.sub("\ufffd", text.replace("\t", " "))


def _summary(report: Report, colour: bool) -> str:
    files = counted(report.files_checked, "file")
    baselined = f" ({report.baselined} accepted by the baseline)" if report.baselined else ""
    if not report.findings:
        return _paint(f"✓ {files} checked, no problems{baselined}", "32", colour)
    parts = []
    for severity, word in (
        (Severity.ERROR, "error"),
        (Severity.WARNING, "warning"),
        (Severity.INFO, "info"),
    ):
        n = report.count(severity)
        if n:
            parts.append(counted(n, word, "info" if word == "info" else None))
    mark = "✗" if report.failed else "!"
    return _paint(f"{mark} {files} checked: " + ", ".join(parts) + baselined, "1", colour)
