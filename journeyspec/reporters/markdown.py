"""Markdown for a pull-request comment or ``$GITHUB_STEP_SUMMARY``: a summary and a table."""

from __future__ import annotations

import re
from typing import TextIO

from journeyspec.findings import Severity
from journeyspec.report import Report
from journeyspec.wording import counted

_ICONS = {Severity.ERROR: "❌ error", Severity.WARNING: "⚠️ warning", Severity.INFO: "ℹ️ info"}


# A code span as CommonMark reads it: a run of backticks, closed by a run of the same length.
_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)


def cell(text: str) -> str:
    """Text safe inside a table cell: no pipes, newlines or stray HTML.

    Code spans are escaped apart: inside them GitHub shows ``&lt;`` and ``\\`` literally,
    so only the pipe (which the table splits on first) and line breaks are touched."""
    parts: list[str] = []
    end = 0
    for span in _CODE_SPAN.finditer(text):
        parts.append(_plain(text[end : span.start()]))
        parts.append(span.group(0).replace("|", "\\|").replace("\r", " ").replace("\n", " "))
        end = span.end()
    parts.append(_plain(text[end:]))
    return "".join(parts)


def _plain(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace("`", "\\`")
        .replace("\r", " ")
        .replace("\n", "<br>")
    )


def write(report: Report, stream: TextIO, colour: bool = False) -> None:
    stream.write(f"## journeyspec {report.command}\n\n")
    files = counted(report.files_checked, "file")
    baselined = f" ({report.baselined} accepted by the baseline)" if report.baselined else ""
    if not report.findings:
        stream.write(f"✅ {files} checked, no problems{baselined}.\n")
        return
    counts = ", ".join(
        counted(report.count(s), s.label, "info" if s == Severity.INFO else None)
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    )
    verdict = "❌ failed" if report.failed else "✅ passed"
    stream.write(
        f"{verdict} (fails on {report.fail_on.label} and above): {files} checked, {counts}"
        f"{baselined}.\n\n"
    )
    stream.write("| Severity | Location | Rule | Message |\n| --- | --- | --- | --- |\n")
    for finding in report.findings:
        where = report.shown_path(finding.path) + (
            f":{finding.line}:{finding.col}" if finding.line else ""
        )
        info = report.rule(finding.rule)
        rule = f"[`{finding.rule}`]({info.help_uri})" if info.help_uri else f"`{finding.rule}`"
        message = finding.message + (f"\n_{finding.hint}_" if finding.hint else "")
        location = cell(f"`{where}`")
        stream.write(f"| {_ICONS[finding.severity]} | {location} | {rule} | {cell(message)} |\n")
