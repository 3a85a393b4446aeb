"""JUnit XML for CI test reports: a test suite per file, a test case per file and rule.

A file without findings is one passing test case, so the report shows what was checked.
A rule with a finding at or above ``--fail-on`` is a ``failure``; findings below it pass
and are listed in the case's ``system-out``, so a lint that exits 0 shows no failed test.

``classname`` is the file's path with ``/`` as ``.`` and without its extension
(``journeys.first-purchase``): Jenkins splits a class name at its last dot, so a
``.yaml`` ending would show every file as a class named ``yaml``. ``file`` is the path
from the repository root; ``time`` is 0 because files are not timed one by one (and the
report stays byte-identical for the same input).
"""

from __future__ import annotations

import posixpath
from typing import TextIO
from xml.etree import ElementTree as ET

from journeyspec.findings import Finding
from journeyspec.report import Report
from journeyspec.wording import counted


def classname(path: str) -> str:
    """``journeys/v1.2/first.yaml`` -> ``journeys.v1_2.first``: one dot per folder level."""
    stem = posixpath.splitext(path)[0]
    return ".".join(part.replace(".", "_") for part in stem.split("/") if part)


def _lines(report: Report, findings: list[Finding]) -> str:
    return "\n".join(
        f"{report.repo_path(f.path)}:{f.line}:{f.col}: {f.severity.label}: {f.message}"
        + (f" ({f.hint})" if f.hint else "")
        for f in findings
    )


def _suite(report: Report, path: str, findings: list[Finding]) -> ET.Element:
    by_rule: dict[str, list[Finding]] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    failing = {rule for rule, found in by_rule.items() if report.fails(found)}
    common = {"classname": classname(path), "file": report.repo_path(path), "time": "0"}
    suite = ET.Element(
        "testsuite",
        name=report.repo_path(path),
        tests=str(max(len(by_rule), 1)),
        failures=str(len(failing)),
        errors="0",
        skipped="0",
        time="0",
    )
    if not by_rule:
        ET.SubElement(suite, "testcase", {"name": f"journeyspec {report.command}", **common})
    for rule, found in sorted(by_rule.items()):
        case = ET.SubElement(suite, "testcase", {"name": rule, **common})
        if rule in failing:
            failure = ET.SubElement(
                case,
                "failure",
                type=max(f.severity for f in found).label,
                message=f"{counted(len(found), 'finding')} of {rule}",
            )
            failure.text = _lines(report, found)
        else:
            ET.SubElement(case, "system-out").text = _lines(report, found)
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
        skipped="0",
        time="0",
    )
    root.extend(suites)
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode") + "\n")
