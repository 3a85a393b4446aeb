"""GitHub Actions workflow commands: one annotation per finding on the pull request's diff.

``::error file={path},line={line},col={col},title={rule}::{message}`` — ``warning`` and
``notice`` for lower severities. Values are escaped as the runner expects: ``%``, CR and LF
everywhere, and ``:`` and ``,`` too inside properties; control and bidi characters from a
file are shown as ``<U+202E>`` markers (``escaping.visible``), as in the terminal.
"""

from __future__ import annotations

from typing import TextIO

from journeyspec.escaping import visible
from journeyspec.findings import Severity
from journeyspec.report import Report

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write(report: Report, stream: TextIO, colour: bool = False) -> None:
    for finding in report.findings:
        properties = [f"file={escape_property(visible(report.shown_path(finding.path)))}"]
        if finding.line:
            properties += [f"line={finding.line}", f"col={finding.col}"]
        properties.append(f"title={escape_property(visible(finding.rule))}")
        message = finding.message + (f"\n{finding.hint}" if finding.hint else "")
        command = COMMANDS[finding.severity]
        shown = escape_data(visible(message, breaks=True))
        stream.write(f"::{command} {','.join(properties)}::{shown}\n")
