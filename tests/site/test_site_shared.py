"""The pages of what journeys share (issue 14): themes, shared touchpoints, the KPI
catalogue's progress and sparklines, and the links between a journey and its deep dives."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from journeyspec.model import Kpi, Measurement
from journeyspec.site import links
from journeyspec.site.plan import PlannedPage
from journeyspec.site.sparkline import sparkline


def _section(markdown: str, anchor: str) -> str:
    start = markdown.index(f'id="{anchor}"')
    return markdown[start : markdown.index("</section>", start)]


def test_themes_page_gathers_one_problem_across_journeys(
    planned: dict[str, PlannedPage],
) -> None:
    page = planned[links.THEMES].markdown
    hidden = _section(page, "theme-hidden-prices")
    assert "Seen in 3 journeys" in hidden
    for title in (
        "Prices are hidden behind a sales call",
        "Delivery and duties appear only at the last checkout step",
        "The setup fee first appears in the contract",
    ):
        assert title in hidden
    assert "Consideration › Looks for the price" in hidden  # the step it sits at
    # A cited study of the research library is named as evidence with its sample.
    assert "Relationship NPS survey, first half of 2026 <small>n = 1240</small>" in hidden
    row = re.search(r'<a href="#theme-hidden-prices">Hidden prices</a></th>(.*?)</tr>', page)
    assert row is not None
    cells = re.findall(r"<td>(.*?)</td>", row.group(1))
    assert cells[:3] == ["3", "3", "3"]  # journeys, steps, pain points
    assert "Makes them abandon" in cells[3]


def test_a_shared_touchpoint_page_lists_its_journeys_steps_feelings_and_pains(
    planned: dict[str, PlannedPage],
) -> None:
    page = planned[links.touchpoint("e-contract")].markdown
    assert "<dt>Channel</dt><dd>Email</dd>" in page
    assert "<dt>Used by</dt><dd>3 journeys, 4 steps</dd>" in page
    assert "Reads the order form</td><td>−2 misled" in page
    assert "The setup fee first appears in the contract" in page
    index = planned[links.TOUCHPOINTS].markdown
    assert '<a href="e-contract/">Electronic contract</a>' in index
    assert all(links.touchpoint(t) in planned for t in ("pricing-page", "in-app-dashboard"))


def test_kpi_catalogue_shows_latest_progress_status_and_sparkline(
    planned: dict[str, PlannedPage],
) -> None:
    page = planned[links.KPIS].markdown
    assert "<strong>4</strong> of 34 KPIs off target" in page
    start = page.index('<tr id="kpi-accounting-software-first-purchase-demo-requests">')
    row = page[start : page.index("</tr>", start)]
    assert '2.4 %<span class="jsp-note">measured 2026-10-31</span>' in row
    assert "jsp-off-track" in row and "27% of the way" in row
    assert '<svg class="jsp-spark"' in row and 'points="3,25 60,21.86 117,19.76"' in row
    start = page.index('<tr id="kpi-missing-delivery-support-hold-time">')
    row = page[start : page.index("</tr>", start)]
    assert "jsp-on-track" in row and "102% of the way" in row
    assert "not measured" in page  # KPIs with no measurement say so


def test_parent_and_deep_dive_link_each_other(planned: dict[str, PlannedPage]) -> None:
    parent = planned[links.journey("accounting-software-first-purchase")].markdown
    assert (
        '<dt>Deep dives</dt><dd><a href="../ledgerly-order-and-contract/">Ordering Ledgerly '
        "and signing the contract (deep dive)</a> (Decision)</dd>" in parent
    )
    child = planned[links.journey("ledgerly-order-and-contract")].markdown
    assert (
        '<dt>Zooms into</dt><dd><a href="../accounting-software-first-purchase/">First '
        "purchase of Ledgerly accounting software</a>, stage Decision</dd>" in child
    )


def test_sparkline_is_deterministic_escaped_and_needs_two_points() -> None:
    def kpi(*values: float) -> Kpi:
        series = tuple(
            Measurement(v, dt.date(2026, 1 + i, 1), f"/kpis/0/series/{i}")
            for i, v in enumerate(values)
        )
        return Kpi("k", "<b>Rate</b>", None, None, "%", 1, 5, None, None, None, "/kpis/0",
                   series=series)  # fmt: skip

    assert str(sparkline(kpi(3))) == ""
    drawn = str(sparkline(kpi(1, 2, 2)))
    assert drawn == str(sparkline(kpi(1, 2, 2)))
    assert "<b>" not in drawn and "&lt;b&gt;Rate&lt;/b&gt;" in drawn
    flat = str(sparkline(Kpi("k", "Flat", None, None, None, 2, None, None, None, None, "/",
                             series=kpi(2, 2).series)))  # fmt: skip
    assert 'points="3,25 117,25"' in flat  # no target, no span: no division by zero


def test_built_site_serves_the_new_pages(built_site: Path) -> None:
    themes = (built_site / "themes" / "index.html").read_text(encoding="utf-8")
    assert "Hidden prices" in themes
    touchpoint = (built_site / "touchpoints" / "pricing-page" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "Ledgerly pricing page" in touchpoint
    kpis = (built_site / "kpis" / "index.html").read_text(encoding="utf-8")
    assert kpis.count('<svg class="jsp-spark"') == 5


def test_channels_by_phase_name_the_journeys_using_each_touchpoint(
    planned: dict[str, PlannedPage],
) -> None:
    page = planned[links.CHANNELS].markdown
    assert (
        '<a href="../touchpoints/e-contract/">Electronic contract</a> <small>'
        '<a href="../journeys/accounting-software-first-purchase/">First purchase of Ledgerly '
        'accounting software</a>, <a href="../journeys/accounting-software-first-purchase-future/">'
    ) in page
    assert (
        'Account open email <small><a href="../journeys/bank-account-opening/">Opening a current '
        "account with Harbour Bank</a></small>"
    ) in page
