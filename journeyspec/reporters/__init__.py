"""Reporters: each prints a finished report in one format; chosen by name from ``REPORTERS``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from journeyspec.report import Report
from journeyspec.reporters import text

Reporter = Callable[[Report, TextIO, bool], None]

REPORTERS: dict[str, Reporter] = {
    "text": text.write,
}
