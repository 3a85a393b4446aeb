"""Reporters: each prints a finished report in one format; chosen by name from ``REPORTERS``.

The same dict feeds the CLI's ``--format`` choices, so adding a format is one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from journeyspec.report import Report
from journeyspec.reporters import github, json, junit, markdown, sarif, text

Reporter = Callable[[Report, TextIO, bool], None]

REPORTERS: dict[str, Reporter] = {
    "text": text.write,
    "json": json.write,
    "sarif": sarif.write,
    "github": github.write,
    "junit": junit.write,
    "markdown": markdown.write,
}
