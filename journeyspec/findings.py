"""Findings: what every check reports, as plain comparable values."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """How much a finding matters; ordered so ``>=`` compares gravity."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """``"warning"`` (or ``"warn"``) -> ``Severity.WARNING``; ``ValueError`` otherwise."""
        key = {"warn": "warning"}.get(text.strip().lower(), text.strip().lower())
        try:
            return cls[key.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r}; use error, warning or info") from None


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place: ``path:line:col: severity[rule]: message``.

    Ordering is by file, line, column and rule, so reports and tests are stable.
    ``line`` and ``col`` are 1-based; 0 means the input has no position (a missing file).
    """

    path: str
    line: int
    col: int
    rule: str
    message: str = field(compare=False)
    severity: Severity = field(default=Severity.ERROR, compare=False)
    pointer: str = field(default="", compare=False)
    hint: str = field(default="", compare=False)
    # ``pointer`` with list positions replaced by the ids of the items (``sourcemap.place``),
    # so a baseline still knows the finding after items are inserted above it.
    place: str = field(default="", compare=False)

    def key(self) -> tuple[str, int, int, str]:
        """The identity tests assert on: file, line, column and rule."""
        return (self.path, self.line, self.col, self.rule)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        text = f"{where}: {self.severity.label}[{self.rule}]: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text
