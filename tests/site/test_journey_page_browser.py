"""The journey page in real headless Chromium: the grid fits, the curve sits on its columns,
diagrams are readable, phones get cards, and axe-core finds nothing serious, light or dark.

Screenshots of the pages (desktop 1440×900 and phone 390×844, light and dark) are saved in
test-artifacts/ for people to look at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "test-artifacts"
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
PAGES = {
    "home": "",
    "journey": "journeys/accounting-software-first-purchase/",
    "blueprint": "journeys/missing-delivery-support/",
    "backlog": "opportunities/",
    "persona": "personas/budi/",
}

# Every step column's header, and every curve point's centre with its column.
COLUMNS = """() => Array.from(
  document.querySelectorAll('table.jsp-grid thead tr:nth-child(2) > :not(.jsp-lane)'),
  e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; })"""
POINTS = """() => Array.from(document.querySelectorAll('svg.jsp-curve .jsp-pt'), e => {
  const r = e.getBoundingClientRect();
  return [Number(e.closest('svg.jsp-curve').dataset.col), (r.left + r.right) / 2,
          e.closest('.jsp-series').classList[1]];
})"""
# The smallest text of each diagram as shown: its font size times the image's scale.
DIAGRAM_TEXT = """async () => {
  const sizes = [];
  for (const img of document.querySelectorAll('figure.jsp-figure img')) {
    const svg = new DOMParser().parseFromString(
      await (await fetch(img.src)).text(), 'image/svg+xml').documentElement;
    const scale = img.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    for (const t of svg.querySelectorAll('text')) {
      sizes.push([img.src, Number(t.getAttribute('font-size')) * scale]);
    }
  }
  for (const t of document.querySelectorAll('.md-content svg text')) {
    sizes.push(['inline', parseFloat(getComputedStyle(t).fontSize)]);
  }
  return sizes;
}"""
SERIOUS = """async () => (await axe.run({exclude: [['.md-search']]}, {resultTypes: ['violations']}))
  .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
  .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"""


def journey_ids(site: Path) -> list[str]:
    return sorted(
        p.parent.name
        for p in (site / "journeys").glob("*/index.html")
        if not p.parent.name.startswith("by-")
    )


def dark(page: Any) -> None:
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")


def test_compact_grid_fits_and_the_curve_sits_on_its_columns(
    built_site: Path, server: str, browser: Any
) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    journeys = journey_ids(built_site)
    assert len(journeys) == 7  # the six maps and the Ledgerly order deep dive
    for journey in journeys:
        page.goto(server + f"journeys/{journey}/")
        table = page.locator("table.jsp-grid")
        assert table.get_attribute("data-mode") == "compact", journey
        # Wide diagrams scroll inside their cards: the page itself never scrolls sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
        columns = page.evaluate(COLUMNS)
        assert columns and max(right for _, right in columns) <= DESKTOP["width"], journey
        points = page.evaluate(POINTS)
        assert points, journey
        for column, x, series in points:
            left, right = columns[column]
            assert abs(x - (left + right) / 2) <= 2, (journey, column, series)
        for source, size in page.evaluate(DIAGRAM_TEXT):
            assert size >= 11.99, (journey, source, size)
        # The curve lane is the only curve: the emotion figure is linked, not shown.
        assert page.locator("figure.jsp-figure img[src$='emotion.svg']").count() == 0
        assert page.locator("a[href$='emotion.svg']").count() == 1

    page.goto(server + PAGES["journey"])
    # The approving director is her own series, not a point on the persona's line.
    series = {(column, name) for column, _, name in page.evaluate(POINTS)}
    assert (6, "jsp-series-actor-0") in series and (6, "jsp-series-persona") not in series
    assert page.locator(".jsp-curve-legend").inner_text().count("Ratna Wijaya") == 1
    assert "Makes them abandon" in page.locator("tr.jsp-row-pains").inner_text()

    # Full mode is remembered; scrolled sideways, the stage under the left edge stays named.
    page.get_by_role("button", name="Full grid").click()
    page.reload()
    assert table.get_attribute("data-mode") == "full"
    scroller = page.locator(".jsp-grid-scroll")
    scroller.evaluate("e => { e.scrollLeft = 1200; }")
    visible = page.evaluate(
        """() => {
      const lane = document.querySelector('table.jsp-grid th.jsp-lane').getBoundingClientRect();
      const x = lane.right + 4, y = document.querySelector('th.jsp-stage')
        .getBoundingClientRect().top + 2;
      const stage = Array.from(document.querySelectorAll('th.jsp-stage')).find(th => {
        const r = th.getBoundingClientRect(); return r.left <= x && r.right >= x; });
      const name = stage.querySelector('.jsp-stage-name');
      const r = name.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + 3, (r.top + r.bottom) / 2);
      return [name.firstChild.textContent, r.left >= lane.right - 1, name.contains(hit), y > 0];
    }"""
    )
    assert visible[1:] == [True, True, True], visible
    assert visible[0] == "Decision"  # the third stage: the first two scrolled away
    assert scroller.evaluate("e => e.scrollLeft") > 0

    # Keys cross the grid: End jumps to the last step, no Tab per cell.
    page.get_by_role("button", name="Compact grid").click()
    first = page.locator("table.jsp-grid td[tabindex='0']")
    assert first.count() == 1
    first.focus()
    where = """() => [document.activeElement.parentNode.rowIndex,
      document.activeElement.cellIndex, document.activeElement.parentNode.cells.length]"""
    row, cell, _ = page.evaluate(where)
    assert cell == 1
    page.keyboard.press("End")
    assert page.evaluate(where) == [row, 13, 14]
    page.keyboard.press("ArrowDown")
    assert page.evaluate(where)[0] == row + 1
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    context.close()

    # Without JavaScript the grid is compact too.
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.goto(server + PAGES["journey"])
    assert max(right for _, right in page.evaluate(COLUMNS)) <= DESKTOP["width"]
    context.close()


def test_phones_get_cards_with_the_curve_as_a_strip(server: str, browser: Any) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(server + PAGES["journey"])
    assert not page.locator(".jsp-grid-scroll").is_visible()
    assert page.locator("li.jsp-step-card").count() == 13
    assert page.locator("svg.jsp-curve-strip").is_visible()
    assert page.locator("li.jsp-step-card").first.bounding_box()["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.goto(server + PAGES["backlog"])
    row = page.locator("table.jsp-stacks tbody tr").first
    assert row.evaluate("e => getComputedStyle(e).display") == "block"
    assert row.bounding_box()["width"] <= PHONE["width"]
    label = row.locator("td").first.evaluate("e => getComputedStyle(e, '::before').content")
    assert label == '"Journey: "'

    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_and_screenshots_are_saved(
    server: str, browser: Any, scheme: str
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for size, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        for name, path in PAGES.items():
            page.goto(server + path)
            if scheme == "dark":
                dark(page)
            page.screenshot(path=str(ARTIFACTS / f"{name}-{size}-{scheme}.png"))
            if size == "desktop":
                page.add_script_tag(path=str(AXE))
                assert page.evaluate(SERIOUS) == [], (name, scheme)
        context.close()
