"""Scaffolding: ``init`` (a new journeys repository) and ``new`` (a journey or persona file)."""

from __future__ import annotations

from journeyspec.scaffold.documents import KINDS, TEMPLATES, NewFile, new_file
from journeyspec.scaffold.files import PlannedFile, Written
from journeyspec.scaffold.repository import (
    DEFAULT_INSTALL,
    DEFAULT_NAME,
    init_repository,
    plan_repository,
)

__all__ = [
    "DEFAULT_INSTALL",
    "DEFAULT_NAME",
    "KINDS",
    "TEMPLATES",
    "NewFile",
    "PlannedFile",
    "Written",
    "init_repository",
    "new_file",
    "plan_repository",
]
