"""The diff for a terminal: one block per journey, one line per change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeyspec.diff.phrases import describe, mark
from journeyspec.escaping import visible
from journeyspec.findings import Finding
from journeyspec.wording import counted

if TYPE_CHECKING:
    from journeyspec.diff import DiffResult, FindingDelta


def summary(result: DiffResult) -> str:
    counts = [
        f"{counted(result.count(s), 'journey')} {s}"
        for s in ("changed", "added", "removed", "invalid")
        if result.count(s)
    ]
    journeys = ", ".join(counts) or "no journey changes"
    if result.registry:
        journeys += f", {counted(len(result.registry), 'persona or registry change')}"
    new, fixed = result.new_findings, result.fixed_findings
    return f"{journeys}; lint: {counted(new, 'new finding')}, {fixed} fixed"


def _finding(finding: Finding) -> str:
    where = f"{finding.path}:{finding.line}:{finding.col}" if finding.line else finding.path
    return f"{where}: {finding.severity.label}[{finding.rule}]: {finding.message}"


def _findings(delta: FindingDelta, indent: str) -> list[str]:
    return [f"{indent}lint new:   {_finding(f)}" for f in delta.new] + [
        f"{indent}lint fixed: {_finding(f)}" for f in delta.fixed
    ]


def _quote(text: str) -> str:
    return f'"{text}"'


def render(result: DiffResult, *, mermaid: bool = False) -> str:
    lines = [f"journeyspec diff: {result.base} → {result.head}", summary(result)]
    for journey in result.journeys:
        lines += ["", f"{journey.id} ({journey.path}): {journey.status}"]
        lines += [f"  {mark(c)} {describe(c, lambda s: s, _quote)}" for c in journey.changes]
        lines += _findings(journey.findings, "  ")
    if result.registry:
        lines += ["", "personas and registries:"]
        lines += [f"  {mark(c)} {describe(c, lambda s: s, _quote)}" for c in result.registry]
    if result.other_findings:
        lines += ["", "other files:", *_findings(result.other_findings, "  ")]
    # Each line is made visible whole: a name or path holding a line break, an escape
    # sequence or a bidi control shows it as a marker instead of acting on the terminal.
    return "\n".join(visible(line) for line in lines) + "\n"
