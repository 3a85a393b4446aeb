"""A poster's SVG as PDF, drawn by cairo through CairoSVG: text stays text (selectable,
searchable) and the fonts used are embedded as subsets.

Cairo stamps the time of drawing into every PDF; the date given here replaces it, so the
same poster is the same bytes on every run.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import cairocffi
from cairosvg.surface import PDFSurface


def _stamped(title: str, created: dt.date) -> type[PDFSurface]:
    class Stamped(PDFSurface):  # type: ignore[misc]
        def _create_surface(self, width: float, height: float) -> Any:
            surface, width, height = super()._create_surface(width, height)
            surface.set_metadata(cairocffi.PDF_METADATA_TITLE, title)
            surface.set_metadata(cairocffi.PDF_METADATA_CREATOR, "journeyspec")
            surface.set_metadata(
                cairocffi.PDF_METADATA_CREATE_DATE, f"{created.isoformat()}T00:00:00Z"
            )
            return surface, width, height

    return Stamped


def render(svg: str, *, title: str, created: dt.date) -> bytes:
    """The PDF of ``svg``, dated ``created`` (a content date, never the clock)."""
    result: bytes = _stamped(title, created).convert(bytestring=svg.encode("utf-8"), write_to=None)
    return result
