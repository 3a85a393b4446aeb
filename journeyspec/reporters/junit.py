"""JUnit XML for CI test reports: a test suite per file, a test case per file and rule.

A file without findings is one passing test case, so the report shows what was checked;
every finding of a rule in a file is listed in that test case's ``failure``.
"""

from __future__ import annotations

from typing import TextIO
from xml.etree import ElementTree as ET

from journeyspec.findings import Finding
from journeyspec.report import Report
from journeyspec.wording import counted


def _suite(report: Report, path: str, findings: list[Finding]) -> ET.Element:
    by_rule: dict[str, list[Finding]] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    shown = report.shown_path(path)
    suite = ET.Element(
        "testsuite",
        name=shown,
        tests=str(max(len(by_rule), 1)),
        failures=str(len(by_rule)),
        errors="0",
        skipped="0",
    )
    if not by_rule:
        ET.SubElement(suite, "testcase", classname=shown, name=f"journeyspec {report.command}")
    for rule, found in sorted(by_rule.items()):
        case = ET.SubElement(suite, "testcase", classname=shown, name=rule)
        worst = max(f.severity for f in found)
        failure = ET.SubElement(
            case,
            "failure",
            type=worst.label,
            message=f"{counted(len(found), 'finding')} of {rule}",
        )
        failure.text = "\n".join(
            f"{shown}:{f.line}:{f.col}: {f.severity.label}: {f.message}"
            + (f" ({f.hint})" if f.hint else "")
            for f in found
        )
    return suite


def write(report: Report, stream: TextIO, colour: bool = False) -> None:
    grouped = dict(report.by_file())
    paths = sorted(set(report.files) | set(grouped))
    suites = [_suite(report, path, grouped.get(path, [])) for path in paths]
    root = ET.Element(
        "testsuites",
        name=f"journeyspec {report.command}",
        tests=str(sum(int(s.get("tests", "0")) for s in suites)),
        failures=str(sum(int(s.get("failures", "0")) for s in suites)),
        errors="0",
    )
    root.extend(suites)
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode") + "\n")
