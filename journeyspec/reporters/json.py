"""Machine-readable output: one JSON document with a stable, versioned shape.

Shape (``version`` 1; keys only ever added, never renamed or removed)::

    {"version": 1,
     "tool": {"name": "journeyspec", "version": "0.1.0"},
     "command": "lint",
     "summary": {"files": 3, "errors": 1, "warnings": 2, "infos": 0,
                 "baselined": 0, "fail_on": "error", "failed": true},
     "findings": [{"path": "journeys/a.yaml", "line": 7, "column": 5,
                   "rule": "stage-no-owner", "severity": "error",
                   "message": "…", "hint": "…", "pointer": "/stages/0",
                   "help_uri": "https://…/rules/stage-no-owner/"}]}

``help_uri`` is "" when the project publishes no rule reference (no ``lint.docs_url`` and
no ``site_url`` in mkdocs.yml).

Findings are sorted by path, line, column and rule; paths are relative to the project root.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from journeyspec.findings import Severity
from journeyspec.report import Report

VERSION = 1


def document(report: Report) -> dict[str, Any]:
    return {
        "version": VERSION,
        "tool": {"name": "journeyspec", "version": report.version},
        "command": report.command,
        "summary": {
            "files": report.files_checked,
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "infos": report.count(Severity.INFO),
            "baselined": report.baselined,
            "fail_on": report.fail_on.label,
            "failed": report.failed,
        },
        "findings": [
            {
                "path": f.path,
                "line": f.line,
                "column": f.col,
                "rule": f.rule,
                "severity": f.severity.label,
                "message": f.message,
                "hint": f.hint,
                "pointer": f.pointer,
                "help_uri": report.rule(f.rule).help_uri,
            }
            for f in report.findings
        ],
    }


def write(report: Report, stream: TextIO, colour: bool = False) -> None:
    stream.write(json.dumps(document(report), indent=2, ensure_ascii=False) + "\n")
