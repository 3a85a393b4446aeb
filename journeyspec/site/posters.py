"""The site's workshop posters: each journey's PDF and SVG under ``posters/``.

They are drawn in a background thread while MkDocs renders the pages (as the diagrams
are), and each file is written into the site the moment it is drawn, so a build never
holds them all (MkDocs cleans the site folder before ``on_files``, where drawing starts,
and nothing else writes these paths). Each depends only on its journey and the
portfolio's names, and carries the journey's review date, so builds stay byte-identical.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from mkdocs.utils import write_file

from journeyspec.export.poster import poster_files
from journeyspec.model import Journey, Portfolio
from journeyspec.site import links

EXTENSIONS = ("pdf", "svg")


class Posters:
    """Every journey's poster being drawn into ``site_dir``; ``sources`` are known at once."""

    def __init__(
        self, portfolio: Portfolio, site_dir: Path, journey_ids: Collection[str] | None = None
    ) -> None:
        """Of every journey, or of those in ``journey_ids`` (the live preview's edited ones)."""
        chosen = [j for j in portfolio.journeys if journey_ids is None or j.id in journey_ids]
        self.sources = [links.poster(j.id, ext) for j in chosen for ext in EXTENSIONS]
        self._stop = threading.Event()
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="journeyspec-posters")
        self._done: Future[None] = pool.submit(self._draw, portfolio, chosen, site_dir)
        pool.shutdown(wait=False)

    def _draw(self, portfolio: Portfolio, chosen: list[Journey], site_dir: Path) -> None:
        for journey in chosen:
            if self._stop.is_set():
                return
            files = poster_files(journey, portfolio)
            for ext in EXTENSIONS:
                target = site_dir / links.poster(journey.id, ext)
                write_file(files[f"{journey.id}.{ext}"], str(target))

    def wait(self) -> None:
        """Wait until every poster is written; raises what drawing raised."""
        self._done.result()

    def abandon(self) -> None:
        """Stop drawing and wait for it (the build failed elsewhere); its error is not news."""
        self._stop.set()
        self._done.exception()
