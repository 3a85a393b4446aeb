"""Exports: a validated portfolio as Mermaid journey text, a JSON document, or CSV tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from journeyspec.errors import UsageError
from journeyspec.export import document, mermaid, table
from journeyspec.export.table import TABLES, TableName
from journeyspec.lanes import Lane
from journeyspec.model import Journey, Portfolio

ExportFormat = Literal["mermaid", "json", "csv"]
FORMATS: tuple[ExportFormat, ...] = ("mermaid", "json", "csv")

__all__ = ["FORMATS", "TABLES", "ExportFormat", "TableName", "choose", "export"]


def choose(portfolio: Portfolio, journey_ids: Sequence[str]) -> list[Journey]:
    """The journeys named by id, in the order given; every journey when none are named."""
    if not journey_ids:
        return list(portfolio.journeys)
    chosen = []
    for journey_id in journey_ids:
        journey = portfolio.journey(journey_id)
        if journey is None:
            known = ", ".join(j.id for j in portfolio.journeys) or "none"
            raise UsageError(f"no valid journey with id {journey_id!r} (valid journeys: {known})")
        chosen.append(journey)
    return chosen


def export(
    portfolio: Portfolio,
    journeys: Sequence[Journey],
    fmt: ExportFormat,
    *,
    project: str = "",
    table_name: TableName = "steps",
    lanes: Sequence[Lane] = (),
) -> str:
    """The text of one export; Mermaid takes exactly one journey (one diagram per text).
    ``lanes``: the project's own lanes, a column each in the CSV steps table."""
    if fmt == "mermaid":
        if len(journeys) != 1:
            raise UsageError(
                f"a Mermaid diagram shows one journey; {len(journeys)} were chosen "
                "(name one JOURNEY-ID, or give -o DIR to write one .mmd file per journey)"
            )
        return mermaid.render(journeys[0], portfolio)
    if fmt == "json":
        return document.render(portfolio, journeys, project)
    return table.render(portfolio, journeys, table_name, lanes)
