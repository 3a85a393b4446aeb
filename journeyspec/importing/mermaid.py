"""Mermaid ``journey`` text: ``title``, ``section`` lines and ``Task: score: actor`` lines.

Sections become stages, tasks become steps, the first actor that names a persona of the
project (by id or name) becomes the journey's persona. Mermaid's 1..5 scores are mapped
linearly onto the project's emotion scale (3 is its middle: −2..+2 gives back −2..+2); a
score outside 1..5 is clamped to it and noted. A task that ``journeyspec export --format
mermaid`` marked as unscored (its ``%% ... is unscored`` comment) comes back without a
score, because a missing score is a gap, not a 3. Lines the importer does not know
(``accTitle``, ``accDescr``, anything else) are reported with their line number.
"""

from __future__ import annotations

import re
from typing import NoReturn

from journeyspec.errors import UsageError
from journeyspec.export.mermaid import MERMAID_MAX, MERMAID_MIN
from journeyspec.importing.draft import DraftJourney, DraftStage, DraftStep, Note, clean

_UNSCORED = re.compile(r"^%%\s*\S+ is unscored\b")
_WORD_JOINER = "\u2060"


def from_mermaid(score: float, scale: tuple[int, int]) -> float:
    """A Mermaid score (1..5) on ``scale``, rounded to one decimal."""
    low, high = scale
    position = (score - MERMAID_MIN) / (MERMAID_MAX - MERMAID_MIN)
    return round(low + position * (high - low), 1)


def _name(text: str) -> str:
    return " ".join(text.strip().lstrip(_WORD_JOINER).split())


def parse_mermaid(
    text: str, source: str, default_id: str, scale: tuple[int, int]
) -> tuple[DraftJourney, list[Note]]:
    journey = DraftJourney(source, id=default_id)
    notes: list[Note] = []
    started, unscored = False, False
    for number, raw in enumerate(text.split("\n"), start=1):
        line = clean(raw).strip()
        where = f"{source} line {number}"
        if not line:
            continue
        if line.startswith("%%"):
            unscored = bool(_UNSCORED.match(line))
            continue
        if not started:
            if line != "journey":
                raise_not_journey(source, number)
            started = True
            continue
        keyword, _, rest = line.partition(" ")
        if keyword == "title":
            journey.title = _name(rest) or None
        elif keyword == "section":
            journey.stages.append(DraftStage(_name(rest) or "Stage", where))
        elif ":" in line and not keyword.startswith("acc"):
            if not journey.stages:
                journey.stages.append(DraftStage("Journey", where))
                notes.append(Note(where, "a task before any section: put in a stage `Journey`"))
            journey.stages[-1].steps.append(_task(line, where, scale, notes, unscored=unscored))
        else:
            notes.append(Note(where, f"not imported: {line[:80]!r}"))
        unscored = False
    if not started:
        raise_not_journey(source, 1)
    return journey, notes


def raise_not_journey(source: str, line: int) -> NoReturn:
    raise UsageError(f"{source}:{line}:1: not a Mermaid journey: the first line must be `journey`")


def _task(
    line: str, where: str, scale: tuple[int, int], notes: list[Note], *, unscored: bool
) -> DraftStep:
    name, _, rest = line.partition(":")
    score_text, _, actors = rest.partition(":")
    step = DraftStep(_name(name) or "Step", where)
    step.actors = [_name(a) for a in actors.split(",") if _name(a)]
    if unscored:
        return step
    try:
        score = float(score_text.strip())
    except ValueError:
        notes.append(Note(where, f"score {score_text.strip()!r} is not a number; left out"))
        return step
    if not MERMAID_MIN <= score <= MERMAID_MAX:
        notes.append(Note(where, f"score {score:g} is outside Mermaid's 1..5: clamped"))
        score = max(MERMAID_MIN, min(MERMAID_MAX, score))
    step.score = from_mermaid(score, scale)
    return step
