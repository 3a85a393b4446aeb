"""The Insights pages' sibling navigation: a row of links at the top of each of them.

Filled in once every page is planned, so it links only pages that exist (Themes and
Touchpoints appear when the project's plan holds them) and reaches any Insights page
another module plans without that module knowing of it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from markupsafe import escape

from journeyspec.site import links

if TYPE_CHECKING:
    from journeyspec.site.plan import PlannedPage

INSIGHTS: tuple[tuple[str, str], ...] = (
    ("Pain points", links.PAIN_POINTS),
    ("Opportunities", links.OPPORTUNITIES),
    ("KPIs", links.KPIS),
    ("Themes", links.THEMES),
    ("Heatmap", links.HEATMAP),
    ("Channels × stages", links.CHANNELS),
    ("Touchpoints", links.TOUCHPOINTS),
)
INSIGHT_PAGES = frozenset(src for _, src in INSIGHTS)


def present(srcs: Sequence[str] | set[str]) -> tuple[tuple[str, str], ...]:
    """The Insights pages that exist, in their reading order."""
    return tuple((label, src) for label, src in INSIGHTS if src in srcs)


def block(here: str, pages: tuple[tuple[str, str], ...], directory_urls: bool) -> str:
    """The nav row for the page ``here``: the current page marked, not linked."""
    url = links.Linker(here, directory_urls)
    items = [
        f'<strong aria-current="page">{escape(label)}</strong>'
        if src == here
        else f'<a href="{escape(url(src))}">{escape(label)}</a>'
        for label, src in pages
    ]
    return f'<nav class="jsp-siblings" aria-label="Insights">{" · ".join(items)}</nav>\n'


def add_sibling_nav(pages: list[PlannedPage], directory_urls: bool) -> list[PlannedPage]:
    """Each Insights page with the sibling row right below its first heading."""
    shown = present({p.src for p in pages})
    wanted = {src for _, src in shown}
    result: list[PlannedPage] = []
    for page in pages:
        if page.src in wanted:
            page = dataclasses.replace(
                page, markdown=_below_title(page.markdown, block(page.src, shown, directory_urls))
            )
        result.append(page)
    return result


def _below_title(markdown: str, html: str) -> str:
    """``html`` after the first ``# `` heading line (at the top when there is none)."""
    lines = markdown.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith("# "):
            return "".join([*lines[: index + 1], "\n", html, *lines[index + 1 :]])
    return html + "\n" + markdown
