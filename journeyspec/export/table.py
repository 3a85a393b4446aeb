"""CSV tables for spreadsheets: one table per run, chosen with ``--table``.

Three tables, because their rows have different columns (a single sheet with a ``type``
column would be mostly empty cells): ``steps``, ``pain-points`` and ``opportunities``.
The steps table ends with a column for each of the project's own lanes, named
``lanes.ID`` (in the order journeyspec.yaml declares them).
Every row starts with the journey id. Lists are joined with ``"; "``. Text cells that a
spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``) get a leading
apostrophe; numbers are written as numbers. RFC 4180: comma-separated, CRLF line ends.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from typing import Literal

from journeyspec.lanes import Lane
from journeyspec.model import Journey, LaneValue, Portfolio

TableName = Literal["steps", "pain-points", "opportunities"]
TABLES: tuple[TableName, ...] = ("steps", "pain-points", "opportunities")
Cell = str | int | float | bool | None
Row = list[Cell]

COLUMNS: dict[TableName, tuple[str, ...]] = {
    "steps": (
        "journey", "stage", "stage_name", "stage_owner", "step", "name", "does",
        "emotion_score", "emotion_label", "moment_of_truth", "touchpoints", "channels",
        "pain_points",
    ),
    "pain-points": (
        "journey", "id", "title", "severity", "stage", "step", "touchpoint", "evidence",
        "opportunities",
    ),
    "opportunities": (
        "journey", "id", "title", "status", "impact", "effort", "quick_win", "owner", "due",
        "addresses", "kpis", "link",
    ),
}  # fmt: skip


def _steps(journey: Journey, portfolio: Portfolio) -> Iterator[Row]:
    for stage in journey.stages:
        for step in stage.steps:
            touchpoints = [journey.touchpoint(t) for t in step.touchpoints]
            channels = dict.fromkeys(t.channel for t in touchpoints if t and t.channel)
            yield [
                journey.id, stage.id, stage.name, stage.owner, step.id, step.name, step.does,
                step.emotion.score if step.emotion else None,
                step.emotion.label if step.emotion else None,
                step.moment_of_truth,
                _join(t.name for t in touchpoints if t),
                _join(portfolio.channels[c].name if c in portfolio.channels else c
                      for c in channels if c),
                _join(p.id for p in journey.pain_points_at(step.id)),
            ]  # fmt: skip


def _pain_points(journey: Journey, portfolio: Portfolio) -> Iterator[Row]:
    for pain in journey.pain_points:
        stage = journey.stage_of(pain.step) if pain.step else None
        yield [
            journey.id, pain.id, pain.title, pain.severity, stage.id if stage else None,
            pain.step, pain.touchpoint, _join(pain.evidence),
            _join(o.id for o in journey.opportunities_for(pain.id)),
        ]  # fmt: skip


def _opportunities(journey: Journey, portfolio: Portfolio) -> Iterator[Row]:
    for o in journey.opportunities:
        yield [
            journey.id, o.id, o.title, o.status, o.impact, o.effort, o.quick_win, o.owner,
            o.due.isoformat() if o.due else None, _join(o.addresses), _join(o.kpis), o.link,
        ]  # fmt: skip


ROWS: dict[TableName, Callable[[Journey, Portfolio], Iterator[Row]]] = {
    "steps": _steps,
    "pain-points": _pain_points,
    "opportunities": _opportunities,
}


def render(
    portfolio: Portfolio,
    journeys: Sequence[Journey],
    table: TableName,
    lanes: Sequence[Lane] = (),
) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    own = lanes if table == "steps" else ()
    writer.writerow([*COLUMNS[table], *(f"lanes.{lane.id}" for lane in own)])
    for journey in journeys:
        steps = iter(journey.steps)
        for row in ROWS[table](journey, portfolio):
            if own:
                step = next(steps)
                row += [_lane(step.lanes.value(lane.id)) for lane in own]
            writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()


def _lane(value: LaneValue | None) -> Cell:
    return _join(value) if isinstance(value, tuple) else value


def _join(values: Iterator[str] | Sequence[str]) -> str:
    return "; ".join(values)


def _cell(value: Cell) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
