"""The diff as a GitHub pull-request comment: a summary line, then one section per journey
(emotion changes as a table, other changes as a list, lint findings new and fixed), and
optionally the changed map as a Mermaid journey folded in a ``<details>`` block."""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeyspec.diff.phrases import describe, number
from journeyspec.diff.text import summary
from journeyspec.escaping import md_cell, md_code, md_message, md_text
from journeyspec.export import mermaid as mermaid_export
from journeyspec.findings import Finding

if TYPE_CHECKING:
    from journeyspec.diff import DiffResult, FindingDelta, JourneyDiff

# A hidden marker so a CI job can find and update its previous comment instead of adding more.
MARKER = "<!-- journeyspec-diff -->"
_ICONS = {"added": "🆕", "removed": "🗑️", "changed": "✏️", "invalid": "⚠️"}


def quote(text: str) -> str:
    return f"“{md_text(text)}”"


def render(result: DiffResult, *, mermaid: bool = True) -> str:
    lines = [
        MARKER,
        "## Journey map changes",
        "",
        f"{md_code(result.base)} → {md_code(result.head)}: {summary(result)}",
    ]
    for journey in result.journeys:
        lines += ["", *_journey(journey, result, mermaid)]
    if result.other_findings:
        lines += ["", "### Other files", "", *_findings(result.other_findings)]
    return "\n".join(lines) + "\n"


def _journey(journey: JourneyDiff, result: DiffResult, mermaid: bool) -> list[str]:
    lines = [
        f"### {_ICONS[journey.status]} {md_text(journey.title)} · {md_code(journey.id)}"
        f" ({journey.status})",
        "",
        f"<sub>{md_text(journey.path)}</sub>",
    ]
    scores = [c for c in journey.changes if c.change == "score"]
    others = [c for c in journey.changes if c.change != "score"]
    if scores:
        lines += ["", "| Step | Stage | Before | After | Trend |", "|---|---|---:|---:|---|"]
        for c in scores:
            trend = {"better": "▲ better", "worse": "▼ worse"}.get(c.trend or "", "")
            step = md_cell(f"{md_text(c.name or '')} ({md_code(c.id)})")
            lines.append(
                f"| {step} | {md_cell(md_code(c.stage or ''))} "
                f"| {number(c.old)} | {number(c.new)} | {trend} |"
            )
    if others:
        lines += ["", *(f"- {describe(c, md_code, quote)}" for c in others)]
    if journey.findings:
        lines += ["", *_findings(journey.findings)]
    if mermaid and journey.journey is not None:
        diagram = mermaid_export.render(journey.journey, result.portfolio)
        lines += [
            "",
            "<details><summary>Journey map (head)</summary>",
            "",
            "```mermaid",
            diagram.rstrip("\n"),
            "```",
            "",
            "</details>",
        ]
    return lines


def _finding(finding: Finding) -> str:
    where = f"{finding.path}:{finding.line}:{finding.col}" if finding.line else finding.path
    return (
        f"{md_code(where)} {finding.severity.label} {md_code(finding.rule)}: "
        f"{md_message(finding.message)}"
    )


def _findings(delta: FindingDelta) -> list[str]:
    return [f"- 🔴 new: {_finding(f)}" for f in delta.new] + [
        f"- ✅ fixed: {_finding(f)}" for f in delta.fixed
    ]
