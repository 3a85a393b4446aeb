"""The report: a finished, read-only result that reporters print and never change."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from journeyspec import __version__
from journeyspec.findings import Finding, Severity


@dataclass(frozen=True)
class RuleInfo:
    """What a reporter may say about a rule (SARIF and JUnit describe the rules they cite)."""

    id: str
    summary: str
    severity: Severity
    help_uri: str = ""
    documentation: str = ""
    name: str = ""  # readable and distinct from ``id`` (``StageNoOwner``), for SARIF


@dataclass(frozen=True)
class Report:
    """Findings of one run plus what is needed to show them well.

    ``source`` returns line ``n`` of a reported file (for excerpts); ``prefix`` is prepended
    to paths when printing them so they are clickable from the user's working directory.
    ``repo_prefix`` leads from the repository root to the project root instead, for the
    formats a code host resolves against the repository (``github``, ``sarif``, ``junit``);
    ``repo_uri`` is that root as a ``file:`` URI ending in ``/`` (empty when not known).
    ``changed`` names the files a pull request changed, whose findings come first where a
    format can show only some (GitHub's annotations).
    ``files`` names the files checked (per-file formats such as JUnit list clean ones too);
    ``baselined`` counts findings left out because a baseline accepted them.
    """

    command: str
    findings: tuple[Finding, ...]
    files_checked: int
    source: Callable[[str, int], str] = field(default=lambda path, line: "")
    prefix: str = ""
    rules: Mapping[str, RuleInfo] = field(default_factory=dict)
    fail_on: Severity = Severity.ERROR
    version: str = __version__
    extra: Mapping[str, object] = field(default_factory=dict)
    files: tuple[str, ...] = ()
    baselined: int = 0
    repo_prefix: str = ""
    repo_uri: str = ""
    changed: frozenset[str] = frozenset()

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def fails(self, findings: Iterable[Finding]) -> bool:
        """Whether any of ``findings`` is at or above ``fail_on``."""
        return any(f.severity >= self.fail_on for f in findings)

    @property
    def failed(self) -> bool:
        return self.fails(self.findings)

    def shown_path(self, path: str) -> str:
        return f"{self.prefix}{path}" if self.prefix else path

    def repo_path(self, path: str) -> str:
        """``path`` (project-relative) as seen from the repository root."""
        return f"{self.repo_prefix}{path}"

    def rule(self, rule_id: str) -> RuleInfo:
        """What is known about ``rule_id`` (a bare description for a rule not listed)."""
        return self.rules.get(rule_id) or RuleInfo(rule_id, rule_id, Severity.ERROR)

    def by_file(self) -> list[tuple[str, list[Finding]]]:
        grouped: dict[str, list[Finding]] = {}
        for finding in self.findings:
            grouped.setdefault(finding.path, []).append(finding)
        return sorted(grouped.items())
