"""GitHub Actions workflow commands: one annotation per finding on the pull request's diff.

``::error file={path},line={line},col={col},title={rule}::{message}`` — ``warning`` and
``notice`` for lower severities. Paths lead from the repository root, as GitHub expects
even when the step runs in a ``working-directory:``. Values are escaped as the runner
expects: ``%``, CR and LF everywhere, and ``:`` and ``,`` too inside properties.

GitHub shows only the first 10 annotations of each level in a step, so the findings of
the files the pull request changed come first, and a last ``notice`` says how many
findings were not shown as annotations (all of them are in the step's log; when the
findings hold 10 notices themselves, GitHub drops that notice too, and only the log
shows it).
"""

from __future__ import annotations

from typing import TextIO

from journeyspec.findings import Finding, Severity
from journeyspec.report import Report
from journeyspec.wording import counted

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
SHOWN_PER_LEVEL = 10  # GitHub's limit per step and level


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def ordered(report: Report) -> list[Finding]:
    """The findings of changed files first, each part in the report's order."""
    return sorted(report.findings, key=lambda f: f.path not in report.changed)


def write(report: Report, stream: TextIO, colour: bool = False) -> None:
    for finding in ordered(report):
        properties = [f"file={escape_property(report.repo_path(finding.path))}"]
        if finding.line:
            properties += [f"line={finding.line}", f"col={finding.col}"]
        properties.append(f"title={escape_property(finding.rule)}")
        message = finding.message + (f"\n{finding.hint}" if finding.hint else "")
        command = COMMANDS[finding.severity]
        stream.write(f"::{command} {','.join(properties)}::{escape_data(message)}\n")
    hidden = sum(max(report.count(level) - SHOWN_PER_LEVEL, 0) for level in COMMANDS)
    if hidden:
        first = "those of the changed files first, " if report.changed else ""
        stream.write(
            f"::notice title=journeyspec::{counted(hidden, 'finding')} not shown as annotations: "
            f"GitHub shows {SHOWN_PER_LEVEL} of each level per step ({first}"
            f"all {len(report.findings)} are listed above in this log)\n"
        )
