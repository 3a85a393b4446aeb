"""CSV grids in the two layouts teams keep journeys in (comma-separated; ``;`` or tab when
the first line has no comma).

**Export's other tables** (``--table pain-points``, ``--table opportunities``), imported
with the steps table, give the journeys their pain points' titles, severities and anchors
and their opportunities.

**Steps as rows**: a header row, then one row per step, as ``journeyspec export --format csv
--table steps`` writes it (``journey``, ``stage``, ``stage_name``, ``stage_owner``,
``step``, ``name``, ``does``, ``emotion_score``, ``emotion_label``, ``moment_of_truth``,
``touchpoints``, ``channels``, ``pain_points``; lists joined with ``;``). Rows with another
``journey`` make another journey. Only ``name`` (or ``step``) is needed.

**The workshop layout**: steps as columns, lanes as rows. The first column names the lane
(``stage``, ``step``, ``doing``, ``thinking``, ``feeling``, ``score``, ``touchpoints``,
``channels``, ``pain points``, ``opportunities``); a stage's name stands over its first
step (a merged cell) and holds for the columns after it. A feeling cell may carry its score
(``anxious (-1)``, ``-1 anxious``). Lines (or ``;``) in a cell make several thoughts,
touchpoints, pain points or opportunities.

Every cell is text: a cell that a spreadsheet would run as a formula (``=HYPERLINK(...)``)
stays the text it is, never evaluated; the apostrophe ``export`` puts in front of such a
cell is taken off again. Unknown columns and rows are reported with their position.
"""

from __future__ import annotations

import csv
import io
import re

from journeyspec.errors import UsageError
from journeyspec.export.table import COLUMNS, TableName
from journeyspec.importing.draft import (
    DraftJourney,
    DraftPain,
    DraftStage,
    DraftStep,
    Note,
    clean,
    split_list,
)
from journeyspec.rules.template_placeholder import MARKER

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SCORE = re.compile(r"[-+−]?\d+(?:\.\d+)?")

# The columns that tell export's other tables apart from a steps table.
TABLE_MARKS: dict[TableName, set[str]] = {
    "pain-points": {"id", "title", "severity"},
    "opportunities": {"id", "title", "impact", "effort"},
}

LANES: dict[str, str] = {
    "stage": "stage", "stages": "stage", "phase": "stage", "phases": "stage",
    "step": "step", "steps": "step",
    "doing": "does", "does": "does", "actions": "does", "customer actions": "does",
    "thinking": "thinks", "thinks": "thinks", "thoughts": "thinks",
    "feeling": "feeling", "feels": "feeling", "feelings": "feeling", "emotion": "feeling",
    "emotions": "feeling",
    "score": "score", "emotion score": "score", "feeling score": "score",
    "touchpoints": "touchpoints", "touchpoint": "touchpoints",
    "channels": "channels", "channel": "channels",
    "pain points": "pains", "pain point": "pains", "pains": "pains", "pain_points": "pains",
    "opportunities": "opportunities", "opportunity": "opportunities", "ideas": "opportunities",
}  # fmt: skip


def parse_csv(text: str, source: str, default_id: str) -> tuple[list[DraftJourney], list[Note]]:
    """The journeys in a CSV sheet (either layout) and what was not understood."""
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    except csv.Error as exc:
        raise UsageError(f"{source}: not a CSV file the importer can read: {exc}") from None
    rows = [[clean(cell_text(c)) for c in row] for row in rows]
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows:
        raise UsageError(f"{source}: the sheet is empty")
    if all(row and _lane(row[0]) is not None for row in rows[:2]):
        return _workshop(rows, source, default_id)
    header = {c.strip().lower() for c in rows[0]}
    for table, marks in TABLE_MARKS.items():
        if marks <= header:
            return _table(rows, source, default_id, table)
    return _steps_as_rows(rows, source, default_id)


def _table(
    rows: list[list[str]], source: str, default_id: str, table: TableName
) -> tuple[list[DraftJourney], list[Note]]:
    """Export's pain-points or opportunities table: rows kept for the journeys' steps."""
    header = [c.strip().lower() for c in rows[0]]
    notes = [
        Note(f"{source} row 1, column {_column(n + 1)}", f"unknown column {name!r}: not imported")
        for n, name in enumerate(header)
        if name not in COLUMNS[table]
    ]
    journeys: dict[str, DraftJourney] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        values = {name: row[n].strip() for n, name in enumerate(header) if n < len(row)}
        where = f"{source} row {number}"
        journey_id = values.get("journey") or default_id
        journey = journeys.setdefault(journey_id, DraftJourney(source, id=journey_id))
        if table == "pain-points":
            journey.pain_rows[values.get("id") or f"pain-point-{number}"] = (where, values)
        else:
            journey.opportunity_rows.append((where, values))
    return list(journeys.values()), notes


def _lane(label: str) -> str | None:
    return LANES.get(" ".join(label.strip().lower().rstrip(":").split()))


def _delimiter(text: str) -> str:
    """``,`` unless the first line has none and has ``;`` (spreadsheets in locales with a
    decimal comma) or a tab (a sheet copied as TSV)."""
    first = text.split("\n", 1)[0]
    if "," not in first:
        for other in (";", "\t"):
            if other in first:
                return other
    return ","


def cell_text(cell: str) -> str:
    """The cell's text: export's apostrophe before a formula-like start is taken off."""
    if cell[:1] == "'" and cell[1:2] in _FORMULA_START:
        return cell[1:]
    return cell


def _column(n: int) -> str:
    """A spreadsheet's column letter: 1 -> A, 27 -> AA."""
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _steps_as_rows(
    rows: list[list[str]], source: str, default_id: str
) -> tuple[list[DraftJourney], list[Note]]:
    header = [c.strip().lower() for c in rows[0]]
    if "name" not in header and "step" not in header:
        raise UsageError(
            f"{source}: neither layout: no header row naming `name` or `step` (steps as rows) "
            "and no row labelled `step` in column A (the workshop layout)"
        )
    notes = [
        Note(f"{source} row 1, column {_column(n + 1)}", f"unknown column {name!r}: not imported")
        for n, name in enumerate(header)
        if name not in COLUMNS["steps"]
    ]
    at = {name: n for n, name in reversed(list(enumerate(header)))}
    journeys: dict[str, DraftJourney] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        where = f"{source} row {number}"

        def get(name: str, row: list[str] = row) -> str:
            n = at.get(name)
            return row[n].strip() if n is not None and n < len(row) else ""

        extra = [n for n in range(len(header), len(row)) if row[n].strip()]
        for n in extra:
            notes.append(Note(f"{where}, column {_column(n + 1)}", "a cell past the header"))
        journey_id = get("journey") or default_id
        journey = journeys.setdefault(journey_id, DraftJourney(source, id=journey_id))
        stage_key = get("stage") or get("stage_name") or "stage"
        if not journey.stages or (journey.stages[-1].id or journey.stages[-1].name) != stage_key:
            journey.stages.append(
                DraftStage(
                    get("stage_name") or get("stage") or "Stage",
                    where,
                    id=get("stage") or None,
                    owner=get("stage_owner") or None,
                )
            )
        step = DraftStep(get("name") or get("step") or f"Step {number - 1}", where)
        step.id = get("step") or None
        step.does = get("does") or None
        step.score = _score(get("emotion_score"), where, notes)
        step.label = get("emotion_label") or None
        step.moment_of_truth = get("moment_of_truth").lower() in ("true", "yes", "1", "x")
        step.touchpoints = split_list(get("touchpoints"))
        step.channels = split_list(get("channels"))
        step.pains = [
            DraftPain(f"{MARKER} describe {p}", p) for p in split_list(get("pain_points"))
        ]
        journey.stages[-1].steps.append(step)
    return list(journeys.values()), notes


def _score(cell: str, where: str, notes: list[Note]) -> float | None:
    if not cell:
        return None
    number = cell.replace("−", "-")
    if re.fullmatch(r"[-+]?\d+,\d+", number):  # a decimal comma
        number = number.replace(",", ".")
    try:
        return float(number)
    except ValueError:
        notes.append(Note(where, f"score {cell!r} is not a number; left out"))
        return None


def _workshop(
    rows: list[list[str]], source: str, default_id: str
) -> tuple[list[DraftJourney], list[Note]]:
    notes: list[Note] = []
    lanes: dict[str, list[str]] = {}
    lane_rows: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):
        label = row[0].strip() if row else ""
        lane = _lane(label)
        if lane is None:
            if any(c.strip() for c in row):
                notes.append(
                    Note(
                        f"{source} row {number}, column A", f"unknown lane {row[0]!r}: not imported"
                    )
                )
            continue
        if lane in lanes:
            notes.append(Note(f"{source} row {number}", f"a second {label!r} row: not imported"))
            continue
        lanes[lane], lane_rows[lane] = row[1:], number
    if "step" not in lanes:
        raise UsageError(
            f"{source}: neither layout: no header row naming `name` or `step` (steps as rows) "
            "and no row labelled `step` in column A (the workshop layout)"
        )
    journey = DraftJourney(source, id=default_id)
    width = max(len(cells) for cells in lanes.values())
    stage_names = lanes.get("stage", [])
    for n in range(width):
        column = _column(n + 2)

        def cell(lane: str, n: int = n) -> str:
            cells = lanes.get(lane, [])
            return cells[n].strip() if n < len(cells) else ""

        stage_name = stage_names[n].strip() if n < len(stage_names) else ""
        if stage_name or not journey.stages:
            where = f"{source} row {lane_rows.get('stage', lane_rows['step'])}, column {column}"
            journey.stages.append(DraftStage(stage_name or "Stage", where))
        name = cell("step")
        filled = [lane for lane in lanes if lane not in ("stage", "step") and cell(lane)]
        if not name:
            for lane in filled:
                notes.append(
                    Note(
                        f"{source} row {lane_rows[lane]}, column {column}",
                        "a cell under no step: not imported",
                    )
                )
            continue
        step = DraftStep(name, f"{source} row {lane_rows['step']}, column {column}")
        step.does = cell("does") or None
        step.thinks = split_list(cell("thinks"))
        _feeling(step, cell("feeling"), cell("score"), notes)
        step.touchpoints = split_list(cell("touchpoints"))
        step.channels = split_list(cell("channels"))
        step.pains = [DraftPain(title=t) for t in split_list(cell("pains"))]
        step.opportunities = split_list(cell("opportunities"))
        journey.stages[-1].steps.append(step)
    journey.stages = [s for s in journey.stages if s.steps]
    return [journey], notes


def _feeling(step: DraftStep, feeling: str, score: str, notes: list[Note]) -> None:
    found = _SCORE.search(score or feeling)
    if score and not found:
        notes.append(Note(step.where, f"score {score!r} is not a number; left out"))
    if found is not None:
        step.score = float(found.group().replace("−", "-"))
    label = feeling
    if not score and found is not None:
        label = (feeling[: found.start()] + feeling[found.end() :]).strip(" ()[]:,")
    step.label = " ".join(label.split()) or None
