"""The diff as a GitHub pull-request comment: a summary line, then one section per journey
(emotion changes as a table, other changes as a list, lint findings new and fixed), and
optionally the changed map as a Mermaid journey folded in a ``<details>`` block."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from journeyspec.diff.phrases import describe, number
from journeyspec.diff.text import summary
from journeyspec.export import mermaid as mermaid_export
from journeyspec.findings import Finding

if TYPE_CHECKING:
    from journeyspec.diff import DiffResult, FindingDelta, JourneyDiff

# A hidden marker so a CI job can find and update its previous comment instead of adding more.
MARKER = "<!-- journeyspec-diff -->"
_ICONS = {"added": "🆕", "removed": "🗑️", "changed": "✏️", "invalid": "⚠️"}
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
# Rule messages mark ids with backticks on purpose; keep those as code spans.
_MESSAGE_SPECIAL = re.compile(r"([\\*_{}\[\]<>|~#])")


def escape(text: str) -> str:
    """Text as literal Markdown: special characters backslash-escaped, newlines as spaces."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def code(text: str) -> str:
    return f"`{text}`" if "`" not in text else f"`` {text} ``"


def quote(text: str) -> str:
    return f"“{escape(text)}”"


def render(
    result: DiffResult, *, mermaid: bool = True, max_bytes: int | None = None, elsewhere: str = ""
) -> str:
    """The comment; with ``max_bytes``, cut to fit (see ``fit``), ``elsewhere`` saying in
    Markdown where the whole report can be read."""
    head = [
        MARKER,
        "## Journey map changes",
        "",
        f"{code(result.base)} → {code(result.head)}: {summary(result)}",
    ]
    sections = ["\n".join(_journey(journey, result, mermaid)) for journey in result.journeys]
    if result.other_findings:
        sections.append("\n".join(["### Other files", "", *_findings(result.other_findings)]))
    return fit("\n".join(head), sections, max_bytes, elsewhere)


def fit(head: str, sections: list[str], max_bytes: int | None, elsewhere: str) -> str:
    """``head`` then every section, or, when that would exceed ``max_bytes`` of UTF-8 (a
    GitHub comment takes 65,536 characters; a byte count is never below a character
    count), as many whole sections as fit and a closing line saying how many were left
    out and where the full report is. A section is never cut inside, so no table, list or
    folded diagram is left open."""
    whole = "\n\n".join([head, *sections]) + "\n"
    if max_bytes is None or _size(whole) <= max_bytes:
        return whole
    shown = [head]
    # The note's count never has more digits than the total it is measured with.
    budget = max_bytes - 2 - _size(_cut_note(len(sections), len(sections), elsewhere))
    used = _size(head)
    for section in sections:
        used += _size(section) + 2
        if used > budget:
            break
        shown.append(section)
    return "\n\n".join(
        [*shown, _cut_note(len(sections) - len(shown) + 1, len(sections), elsewhere)]
    )


def _cut_note(left_out: int, total: int, elsewhere: str) -> str:
    return (
        f"---\n\n✂️ **{left_out} of {total} sections not shown**: this comment is cut to "
        f"GitHub's size limit. {elsewhere}".rstrip()
        + "\n"
    )


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _journey(journey: JourneyDiff, result: DiffResult, mermaid: bool) -> list[str]:
    lines = [
        f"### {_ICONS[journey.status]} {escape(journey.title)} · {code(journey.id)}"
        f" ({journey.status})",
        "",
        f"<sub>{escape(journey.path)}</sub>",
    ]
    scores = [c for c in journey.changes if c.change == "score"]
    others = [c for c in journey.changes if c.change != "score"]
    if scores:
        lines += ["", "| Step | Stage | Before | After | Trend |", "|---|---|---:|---:|---|"]
        for c in scores:
            trend = {"better": "▲ better", "worse": "▼ worse"}.get(c.trend or "", "")
            lines.append(
                f"| {escape(c.name)} ({code(c.id)}) | {code(c.stage or '')} "
                f"| {number(c.old)} | {number(c.new)} | {trend} |"
            )
    if others:
        lines += ["", *(f"- {describe(c, code, quote)}" for c in others)]
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
        f"{code(where)} {finding.severity.label} {code(finding.rule)}: {_message(finding.message)}"
    )


def _message(text: str) -> str:
    # Odd pieces are inside backticks: code spans show backslashes, so leave those alone.
    pieces = " ".join(text.split()).split("`")
    if len(pieces) % 2 == 0:  # an unpaired backtick: treat all of it as text
        return escape(text)
    return "`".join(p if i % 2 else _MESSAGE_SPECIAL.sub(r"\\\1", p) for i, p in enumerate(pieces))


def _findings(delta: FindingDelta) -> list[str]:
    return [f"- 🔴 new: {_finding(f)}" for f in delta.new] + [
        f"- ✅ fixed: {_finding(f)}" for f in delta.fixed
    ]
