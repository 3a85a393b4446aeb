"""The site's workshop posters: each journey's PDF and SVG under ``posters/``.

They are drawn in a background thread while MkDocs renders the pages (as the diagrams
are), and written when the pages are done. Each depends only on its journey and the
portfolio's names, and carries the journey's review date, so builds stay byte-identical.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

from journeyspec.export.poster import poster_files
from journeyspec.model import Journey, Portfolio
from journeyspec.site import links


def _draw(portfolio: Portfolio, journeys: Sequence[Journey]) -> list[bytes]:
    found: list[bytes] = []
    for journey in journeys:
        files = poster_files(journey, portfolio)
        found += [files[f"{journey.id}.pdf"], files[f"{journey.id}.svg"]]
    return found


class Posters:
    """Every journey's poster being drawn; ``sources`` are known at once."""

    def __init__(self, portfolio: Portfolio, journey_ids: Collection[str] | None = None) -> None:
        """Of every journey, or of those in ``journey_ids`` (the live preview's edited ones)."""
        chosen = [j for j in portfolio.journeys if journey_ids is None or j.id in journey_ids]
        self.sources = [links.poster(j.id, ext) for j in chosen for ext in ("pdf", "svg")]
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="journeyspec-posters")
        self._files: Future[list[bytes]] = pool.submit(_draw, portfolio, chosen)
        pool.shutdown(wait=False)

    def result(self) -> list[tuple[str, bytes]]:
        """``(site path, content)`` for every poster file; waits, raises what drawing raised."""
        return list(zip(self.sources, self._files.result(), strict=True))

    def abandon(self) -> None:
        """Wait for the drawing to stop (the build failed elsewhere); its error is not news."""
        self._files.exception()
