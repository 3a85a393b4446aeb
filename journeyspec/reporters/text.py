"""Human output: findings grouped by file, the source line with a caret, then a summary."""

from __future__ import annotations

from typing import TextIO

from journeyspec.escaping import visible
from journeyspec.findings import Finding, Severity
from journeyspec.report import Report
from journeyspec.wording import counted

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def write(report: Report, stream: TextIO, colour: bool = False) -> None:
    for path, findings in report.by_file():
        stream.write(_paint(visible(report.shown_path(path)), "1;4", colour) + "\n")
        for finding in findings:
            _finding(report, finding, stream, colour)
        stream.write("\n")
    stream.write(_summary(report, colour) + "\n")


def _finding(report: Report, finding: Finding, stream: TextIO, colour: bool) -> None:
    # Every value from a file or its name is shown through `visible`: no control or bidi
    # character may clear, recolour or reorder the terminal or CI log.
    where = f"{visible(report.shown_path(finding.path))}:{finding.line}:{finding.col}"
    severity = _paint(finding.severity.label, _COLOURS[finding.severity], colour)
    stream.write(f"{where}: {severity}[{visible(finding.rule)}]: {visible(finding.message)}\n")
    source = report.source(finding.path, finding.line) if finding.line else ""
    if source.strip():
        gutter = f"{finding.line:>5} | "
        shown, column = excerpt(source, finding.col)
        stream.write(f"{gutter}{shown}\n")
        caret = " " * (len(gutter) - 2) + "| " + " " * max(column - 1, 0) + "^"
        stream.write(_paint(caret, _COLOURS[finding.severity], colour) + "\n")
    if finding.hint:
        stream.write(f"      = help: {visible(finding.hint)}\n")


EXCERPT_WIDTH = 120


def excerpt(source: str, col: int) -> tuple[str, int]:
    """The part of a source line around ``col`` that fits a terminal, and the caret's column.

    A 1 MB line is cut to a window with "…" on the cut sides, and control and bidi
    characters are shown as ``<U+202E>`` markers (the caret moves with them): a file must
    not be able to clear, recolour or reorder the terminal or CI log that shows it.
    """
    # Cut first (one character stays one character), so a long line costs its window only.
    start = max(0, min(col - 1 - EXCERPT_WIDTH // 2, len(source) - EXCERPT_WIDTH))
    shown = [visible(c) for c in source[start : start + EXCERPT_WIDTH]]
    caret = min(max(col - 1 - start, 0), len(shown))
    # Markers are wider than the characters they stand for: grow a window around the
    # caret until it is EXCERPT_WIDTH wide, so no line of controls floods the log.
    left, right, width, grew = caret, caret, 0, True
    while grew:
        grew = False
        if right < len(shown) and width + len(shown[right]) <= EXCERPT_WIDTH:
            width, right, grew = width + len(shown[right]), right + 1, True
        if left > 0 and width + len(shown[left - 1]) <= EXCERPT_WIDTH:
            width, left, grew = width + len(shown[left - 1]), left - 1, True
    head = "…" if start + left > 0 else ""
    tail = "…" if start + right < len(source) else ""
    before = sum(len(piece) for piece in shown[left:caret])
    return head + "".join(shown[left:right]) + tail, len(head) + before + 1


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
