"""SARIF 2.1.0 for code-scanning services (GitHub code scanning, Azure DevOps, IDE viewers).

Every rule of the report is described in ``tool.driver.rules`` (summary, documentation,
help link when the project publishes its rule reference, a readable ``name`` that differs
from the id). Results point at ``artifactLocation.uri`` relative to ``%SRCROOT%``, the
repository root, which ``run.originalUriBaseIds`` gives as an absolute ``file:`` URI; so
GitHub code scanning finds the files whatever folder journeyspec ran in.
"""

from __future__ import annotations

import json
from typing import Any, TextIO
from urllib.parse import quote

from journeyspec.findings import Finding, Severity
from journeyspec.report import Report, RuleInfo

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
ROOT = "%SRCROOT%"
INFORMATION_URI = "https://github.com/journeyspec/journeyspec"


def _rule(info: RuleInfo) -> dict[str, Any]:
    described: dict[str, Any] = {"id": info.id}
    if info.name and info.name.casefold() != info.id.casefold():
        described["name"] = info.name
    described |= {
        "shortDescription": {"text": info.summary or info.id},
        "fullDescription": {"text": info.documentation or info.summary or info.id},
        "defaultConfiguration": {"level": LEVELS[info.severity]},
    }
    if info.documentation:
        described["help"] = {"text": info.documentation, "markdown": info.documentation}
    if info.help_uri:
        described["helpUri"] = info.help_uri
    return described


def _result(report: Report, finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    location: dict[str, Any] = {
        "artifactLocation": {"uri": quote(report.repo_path(finding.path)), "uriBaseId": ROOT}
    }
    if finding.line:
        location["region"] = {"startLine": finding.line, "startColumn": max(finding.col, 1)}
    text = finding.message + (f" ({finding.hint})" if finding.hint else "")
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": LEVELS[finding.severity],
        "message": {"text": text},
        "locations": [{"physicalLocation": location}],
    }
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    if finding.pointer:
        result["properties"] = {"pointer": finding.pointer}
    return result


def log(report: Report) -> dict[str, Any]:
    """The SARIF log of ``report`` as plain data."""
    rules = [report.rules[rule_id] for rule_id in sorted(report.rules)]
    index = {info.id: n for n, info in enumerate(rules)}
    driver = {
        "name": "journeyspec",
        "version": report.version,
        "semanticVersion": report.version,
        "informationUri": INFORMATION_URI,
        "rules": [_rule(info) for info in rules],
    }
    run: dict[str, Any] = {"tool": {"driver": driver}}
    if report.repo_uri:
        base = {"uri": report.repo_uri, "description": {"text": "The repository root."}}
        run["originalUriBaseIds"] = {ROOT: base}
    run |= {
        "columnKind": "unicodeCodePoints",
        "results": [_result(report, f, index) for f in report.findings],
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def write(report: Report, stream: TextIO, colour: bool = False) -> None:
    stream.write(json.dumps(log(report), indent=2, ensure_ascii=False) + "\n")
