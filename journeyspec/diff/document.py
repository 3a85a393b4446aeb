"""The diff as JSON, in a stable, documented shape (``format: journeyspec-diff``, version 1).

::

    {"format": "journeyspec-diff", "version": 1, "base": LABEL, "head": LABEL,
     "summary": {"journeys_added": N, "journeys_removed": N, "journeys_changed": N,
                 "journeys_invalid": N, "findings_new": N, "findings_fixed": N,
                 "registry_changes": N},
     "journeys": [{"id", "title", "path", "status": added|removed|changed|invalid,
                   "changes": [{"part", "id", "change", "old", "new", "name", "trend", "stage"}],
                   "findings": {"new": [FINDING], "fixed": [FINDING]}}],
     "registry_changes": [CHANGE],  (personas, teams and channels)
     "other_findings": {"new": [FINDING], "fixed": [FINDING]}}

FINDING is ``{"path", "line", "col", "rule", "severity", "message"}``. Journeys are sorted by
id; changes by part, kind of change and id; findings by place. See ``changes.py`` for the
meaning of each change field.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from journeyspec.diff.changes import Change
from journeyspec.findings import Finding

if TYPE_CHECKING:
    from journeyspec.diff import DiffResult, FindingDelta

FORMAT, VERSION = "journeyspec-diff", 1


def finding_data(finding: Finding) -> dict[str, Any]:
    return {
        "path": finding.path,
        "line": finding.line,
        "col": finding.col,
        "rule": finding.rule,
        "severity": finding.severity.label,
        "message": finding.message,
    }


def delta_data(delta: FindingDelta) -> dict[str, Any]:
    return {
        "new": [finding_data(f) for f in delta.new],
        "fixed": [finding_data(f) for f in delta.fixed],
    }


def change_data(change: Change) -> dict[str, Any]:
    return {
        "part": change.part,
        "id": change.id,
        "change": change.change,
        "old": change.old,
        "new": change.new,
        "name": change.name,
        "trend": change.trend,
        "stage": change.stage,
    }


def data(result: DiffResult) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "base": result.base,
        "head": result.head,
        "summary": {
            "journeys_added": result.count("added"),
            "journeys_removed": result.count("removed"),
            "journeys_changed": result.count("changed"),
            "journeys_invalid": result.count("invalid"),
            "findings_new": result.new_findings,
            "findings_fixed": result.fixed_findings,
            "registry_changes": len(result.registry),
        },
        "journeys": [
            {
                "id": j.id,
                "title": j.title,
                "path": j.path,
                "status": j.status,
                "changes": [change_data(c) for c in j.changes],
                "findings": delta_data(j.findings),
            }
            for j in result.journeys
        ],
        "registry_changes": [change_data(c) for c in result.registry],
        "other_findings": delta_data(result.other_findings),
    }


def render(result: DiffResult, *, mermaid: bool = False) -> str:
    return json.dumps(data(result), indent=2, ensure_ascii=False) + "\n"
