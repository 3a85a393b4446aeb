"""The benchmark table: one row per figure, each a ratio against its target, as Markdown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Better = Literal["lower", "higher"]


@dataclass(frozen=True)
class Row:
    """One figure: what was measured, both sides, the ratio and whether it meets the target.

    ``ratio`` is journeyspec over the peer for times (lower is better) or peer over
    journeyspec for "× faster" (higher is better); ``None`` with ``note`` when not measured.
    """

    number: str
    what: str
    ours: str
    peer: str
    ratio: float | None
    target: float
    better: Better
    unit: str = "×"
    note: str = ""
    cpu: str = "—"  # CPU seconds of both sides and their ratio: steadier under shared load

    @property
    def met(self) -> bool | None:
        if self.ratio is None:
            return None
        return self.ratio <= self.target if self.better == "lower" else self.ratio >= self.target

    def cells(self) -> list[str]:
        sign = "≤" if self.better == "lower" else "≥"
        ratio = "—" if self.ratio is None else f"{self.ratio:.2f}{self.unit}"
        verdict = {True: "yes", False: "**no**", None: "n/a"}[self.met]
        what = f"{self.what} ({self.note})" if self.note else self.what
        target = f"{sign} {self.target:g}{self.unit}"
        return [self.number, what, self.ours, self.peer, ratio, target, verdict, self.cpu]


HEADER = ["#", "measurement", "journeyspec", "peer", "ratio", "target", "met", "CPU time"]


def markdown(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def megabytes(value: int) -> str:
    return f"{value / 1e6:.0f} MB"


def cpu(ours: float, peer: float, *, faster: bool = False) -> str:
    """``"8.1 s / 4.6 s = 1.76×"``: the CPU time each side used, and their ratio."""
    ratio = f"{peer / ours:.2f}× faster" if faster else f"{ours / peer:.2f}×"
    return f"{ours:.1f} s / {peer:.1f} s = {ratio}"
