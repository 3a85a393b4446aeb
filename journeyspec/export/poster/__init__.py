"""The workshop poster: one large landscape page per journey, as SVG and as PDF.

``plan_poster`` lays the journey out as shapes (``layout``); ``svg.render`` prints them as
SVG and ``pdf.render`` has cairo draw them as a PDF, so both show the same poster.
"""

from __future__ import annotations

import datetime as dt

from journeyspec.errors import EnvironmentProblem
from journeyspec.export.poster import svg
from journeyspec.export.poster.layout import SIZES, PageSize, plan_poster
from journeyspec.export.poster.shapes import Poster
from journeyspec.model import Journey, Portfolio

__all__ = ["SIZES", "PageSize", "poster_files", "poster_pdf", "poster_svg"]

UNDATED = dt.date(2000, 1, 1)  # the PDF's date for a journey never reviewed


def poster_svg(journey: Journey, portfolio: Portfolio, size: PageSize | None = None) -> str:
    return svg.render(plan_poster(journey, portfolio, size))


def poster_pdf(journey: Journey, portfolio: Portfolio, size: PageSize | None = None) -> bytes:
    return _pdf(journey, plan_poster(journey, portfolio, size))


def _pdf(journey: Journey, poster: Poster) -> bytes:
    try:  # not at import: every command imports this package, only posters need cairo
        from journeyspec.export.poster import pdf
    except OSError as exc:  # cairocffi loads the cairo library when it is imported
        raise EnvironmentProblem(
            f"the poster's PDF needs the cairo library, which did not load ({exc}); "
            "install it (Debian and Ubuntu: apt-get install libcairo2)"
        ) from None
    return pdf.render(poster, created=journey.last_reviewed or UNDATED)


def poster_files(
    journey: Journey, portfolio: Portfolio, size: PageSize | None = None
) -> dict[str, bytes]:
    """``{"ID.svg": …, "ID.pdf": …}``: the poster in both forms, planned once."""
    poster = plan_poster(journey, portfolio, size)
    return {
        f"{journey.id}.svg": svg.render(poster).encode("utf-8"),
        f"{journey.id}.pdf": _pdf(journey, poster),
    }
