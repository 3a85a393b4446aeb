"""The benchmark table: one row per figure, wall clock and CPU time, as Markdown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Better = Literal["lower", "higher"]


@dataclass(frozen=True)
class Side:
    """What one side of a row took: wall-clock seconds (best run) and CPU seconds (least)."""

    wall: float
    cpu: float | None = None


@dataclass(frozen=True)
class Row:
    """One figure: both sides, the ratio of their wall clocks and of their CPU times.

    A timed row is met by its CPU ratio alone (load does not inflate CPU time); a row
    with no CPU ratio (memory, the edit-to-preview wait) by its single figure ``value``.
    Ratios are journeyspec over the peer (lower is better) or, for "× faster", the peer
    over journeyspec (higher is better). ``None`` with ``note`` when not measured.
    """

    number: str
    what: str
    target: float
    better: Better = "lower"
    unit: str = "×"
    ours: Side | None = None
    peer: Side | None = None
    value: float | None = None  # the figure of a row without a peer (MB, seconds, ×)
    note: str = ""

    def _ratio(self, ours: float | None, peer: float | None) -> float | None:
        if ours is None or peer is None or ours <= 0 or peer <= 0:
            return None
        return peer / ours if self.better == "higher" else ours / peer

    @property
    def wall_ratio(self) -> float | None:
        if self.ours is None or self.peer is None:
            return None
        return self._ratio(self.ours.wall, self.peer.wall)

    @property
    def cpu_ratio(self) -> float | None:
        if self.ours is None or self.peer is None:
            return None
        return self._ratio(self.ours.cpu, self.peer.cpu)

    @property
    def judged(self) -> float | None:
        """The figure the target is judged by: the CPU ratio, else the row's own value."""
        return self.cpu_ratio if self.peer is not None else self.value

    @property
    def met(self) -> bool | None:
        figure = self.judged
        if figure is None:
            return None
        return figure <= self.target if self.better == "lower" else figure >= self.target

    def cells(self) -> list[str]:
        sign = "≤" if self.better == "lower" else "≥"
        verdict = {True: "yes", False: "**no**", None: "n/a"}[self.met]
        what = f"{self.what} ({self.note})" if self.note else self.what
        if self.peer is None:
            figure = "—" if self.value is None else f"{self.value:.2f}{self.unit}"
            wall = seconds(self.ours.wall) if self.ours else "—"
            cpu = seconds(self.ours.cpu) if self.ours else "—"
            sides = [wall, "—", "—", cpu, "—", figure]
        else:
            mine, peer = self.ours or Side(0), self.peer
            sides = [
                seconds(mine.wall),
                seconds(peer.wall),
                _times(self.wall_ratio, self.unit),
                seconds(mine.cpu),
                seconds(peer.cpu),
                _times(self.cpu_ratio, self.unit),
            ]
        target = f"{sign} {self.target:g}{self.unit}"
        return [self.number, what, *sides, target, verdict]


HEADER = [
    "#",
    "measurement",
    "ours, wall",
    "peer, wall",
    "wall ratio",
    "ours, CPU",
    "peer, CPU",
    "CPU ratio (judged)",
    "target",
    "met",
]


def markdown(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def seconds(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def _times(ratio: float | None, unit: str) -> str:
    return "—" if ratio is None else f"{ratio:.2f}{unit}"
