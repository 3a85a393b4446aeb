"""The progress bar of long commands: one line on stderr, redrawn in place, then cleared.

Shown only where someone watches it: stderr is a terminal, not a CI job (``CI`` set, as
every CI service does) and no ``--quiet``. A log never receives carriage returns.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

import click

from journeyspec.parallel import Progress

WIDTH = 24
INTERVAL = 0.1  # seconds between redraws: a fast run must not spend its time drawing

quiet_option = click.option(
    "-q", "--quiet", is_flag=True, help="Show no progress bar (none is shown off a terminal)."
)


def wanted(stream: TextIO) -> bool:
    if os.environ.get("CI", "").lower() not in ("", "0", "false"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


@contextmanager
def progress_bar(quiet: bool, stream: TextIO | None = None) -> Iterator[Progress | None]:
    """A ``Progress`` drawing on ``stream`` (stderr), or ``None`` where none is wanted; the
    line is cleared on the way out, whatever happened, so the report starts clean."""
    out = stream or sys.stderr
    if quiet or not wanted(out):
        yield None
        return
    bar = _Bar(out)
    try:
        yield bar
    finally:
        bar.clear()


class _Bar:
    def __init__(self, stream: TextIO) -> None:
        self.stream, self.drawn, self.last, self.phase = stream, False, 0.0, ""

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last < INTERVAL and done != total and phase == self.phase:
            return
        self.last, self.phase = now, phase
        if total:
            filled = WIDTH * done // total
            line = f"{phase} [{'#' * filled}{'.' * (WIDTH - filled)}] {done}/{total}"
        else:
            line = f"{phase}…"
        self.stream.write(f"\r\x1b[K{line}")
        self.stream.flush()
        self.drawn = True

    def clear(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
