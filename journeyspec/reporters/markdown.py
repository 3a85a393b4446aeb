"""Markdown for a pull-request comment or ``$GITHUB_STEP_SUMMARY``: a summary and a table."""

from __future__ import annotations

from typing import TextIO

from journeyspec.escaping import md_cell, md_code, md_message, md_url
from journeyspec.findings import Severity
from journeyspec.report import Report
from journeyspec.wording import counted

_ICONS = {Severity.ERROR: "❌ error", Severity.WARNING: "⚠️ warning", Severity.INFO: "ℹ️ info"}


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
        rule = md_code(finding.rule)
        rule = f"[{rule}]({md_url(info.help_uri)})" if info.help_uri else rule
        message = md_message(finding.message)
        if finding.hint:
            message += f"<br>_{md_message(finding.hint)}_"
        location = md_cell(md_code(where))
        stream.write(
            f"| {_ICONS[finding.severity]} | {location} | {md_cell(rule)} | {md_cell(message)} |\n"
        )
