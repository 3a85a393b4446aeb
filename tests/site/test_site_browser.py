"""The built example site in real headless Chromium: every page, every link, the key paths."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    yield context.new_page()
    context.close()


def target_file(site: Path, url: str, base: str) -> Path | None:
    """The file a same-site URL serves, or None for other hosts."""
    parts = urlsplit(url)
    if not url.startswith(base):
        return None
    path = unquote(parts.path[len(urlsplit(base).path) :])
    file = site / path
    return file / "index.html" if path == "" or path.endswith("/") else file


def test_every_page_loads_cleanly_and_every_link_resolves(
    built_site: Path, server: str, page: Any
) -> None:
    problems: list[str] = []
    page.on(
        "console",
        lambda m: (
            problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning")
            else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    # Navigating on aborts late loads (the search worker, the favicon): not a failure.
    page.on(
        "requestfailed",
        lambda r: (
            None
            if r.failure == "net::ERR_ABORTED"
            else problems.append(f"failed request: {r.url} {r.failure}")
        ),
    )
    page.on(
        "response",
        lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
    )
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith(server)
            else problems.append(f"request to another host: {r.url}")
        ),
    )
    pages = sorted(p for p in built_site.rglob("index.html"))
    assert len(pages) > 30
    checked: set[str] = set()
    for file in pages:
        url = server + file.parent.relative_to(built_site).as_posix() + "/"
        url = url.replace("/./", "/")
        response = page.goto(url)
        assert response is not None and response.ok, url
        page.wait_for_load_state("load")
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        for href in hrefs:
            absolute = urljoin(url, href).split("#")[0]
            if absolute in checked or not absolute.startswith(server):
                continue
            checked.add(absolute)
            target = target_file(built_site, absolute, server)
            if target is not None and not target.is_file():
                problems.append(f"broken link on {url}: {href}")
        broken = page.eval_on_selector_all(
            "img", "els => els.filter(e => !e.complete || e.naturalWidth === 0).map(e => e.src)"
        )
        problems += [f"image not shown on {url}: {src}" for src in broken]
    assert problems == []


def test_journey_page_shows_grid_and_diagrams(server: str, page: Any) -> None:
    page.goto(server + "journeys/accounting-software-first-purchase/")
    grid = page.locator("table.jsp-grid")
    assert grid.is_visible()
    assert grid.locator("th[scope=colgroup]").count() >= 4
    assert grid.locator("caption").inner_text().startswith("First purchase")
    figures = page.locator("figure.jsp-figure img")
    # The curve is a lane of the grid and this flow is a straight line: the matrix remains.
    assert figures.count() >= 1
    for index in range(figures.count()):
        image = figures.nth(index)
        image.scroll_into_view_if_needed()
        page.wait_for_function("e => e.complete && e.naturalWidth > 0", arg=image.element_handle())
        assert image.is_visible()
        assert image.get_attribute("alt")
    page.evaluate("window.scrollTo(0, 0)")
    artifacts = REPO / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    page.screenshot(path=str(artifacts / "journey-page.png"), full_page=True)


def test_navigation_by_clicking_from_home(server: str, page: Any) -> None:
    page.goto(server)
    page.get_by_role("link", name="Journeys", exact=True).first.click()
    page.get_by_role(
        "link", name="First purchase of Ledgerly accounting software", exact=True
    ).first.click()
    assert page.locator("h1").inner_text().startswith("First purchase of Ledgerly")

    page.goto(server)
    page.get_by_role("link", name="How does a persona feel?").click()
    page.locator("a.jsp-persona-card").first.click()
    page.locator("table.jsp-heatmap").wait_for(state="visible")  # is_visible() never waits

    page.goto(server)
    page.get_by_role("link", name="Which journeys does my team own?").click()
    page.locator("table a.jsp-team").first.click()
    page.get_by_role("heading", name="Journeys and stages").wait_for(state="visible")

    page.goto(server)
    page.get_by_role("link", name="Where does it hurt most?").click()
    assert page.locator("h1").inner_text().startswith("Pain points")
    assert page.locator("table.jsp-register tbody tr").count() >= 5

    page.goto(server)
    page.get_by_role("link", name="What are the quick wins?").click()
    matrix = page.locator("table.jsp-matrix")
    matrix.wait_for(state="visible")  # the click's navigation may still be under way
    assert matrix.locator("td.jsp-quick-cell a").count() >= 1


def test_journeys_filter_works_with_script_and_views_without(server: str, page: Any) -> None:
    page.goto(server + "journeys/")
    rows = page.locator("table.jsp-journeys tbody tr")
    total = rows.count()
    page.select_option("form.jsp-filter select[name=kind]", "service-blueprint")
    visible = page.locator("table.jsp-journeys tbody tr:not([hidden])")
    assert 0 < visible.count() < total
    assert "service-blueprint" in visible.first.inner_text()
    page.goto(server + "journeys/by-kind/service-blueprint/")
    assert page.locator("table.jsp-journeys tbody tr").count() == visible.count()


@pytest.mark.parametrize(
    ("words", "pages"),
    [
        ("Ledgerly", ("journeys/accounting-software-first-purchase/",)),
        ("Santoso", ("personas/budi/",)),
        ("pallet", ("journeys/missing-delivery-support/",)),
        ("holds minutes", ("pain-points/", "journeys/missing-delivery-support/")),
        (
            "business case approvers",
            ("opportunities/", "journeys/accounting-software-first-purchase/"),
        ),
    ],
)
def test_search_finds_journeys_personas_pains_and_opportunities(
    server: str, page: Any, words: str, pages: tuple[str, ...]
) -> None:
    page.goto(server)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    # Type once the search worker has loaded its index (it reports "Type to start searching").
    page.locator(".md-search-result__meta").get_by_text("Type to start searching").wait_for()
    page.locator("input.md-search__input").press_sequentially(words, delay=10)
    # Results update as the query settles: wait until a link to an expected page shows up.
    page.wait_for_function(
        """([server, pages]) => Array.from(document.querySelectorAll("a.md-search-result__link"))
            .map(a => a.getAttribute("href"))
            .some(h => pages.some(p => h.startsWith(server + p) || h.startsWith(p)))""",
        arg=[server, list(pages)],
        timeout=15000,
    )
    hrefs = page.eval_on_selector_all(
        "a.md-search-result__link", "els => els.map(e => e.getAttribute('href'))"
    )
    assert any(h.startswith(server + p) or h.startswith(p) for h in hrefs for p in pages), hrefs


# Names in register tables: a name is split into more line boxes than it has words only when
# the browser breaks inside a word ("Store Operati|ons").
_SPLIT_NAMES = """() => [...document.querySelectorAll('table.jsp-table td a')]
  .filter(a => a.getClientRects().length > a.textContent.trim().split(/\\s+/).length)
  .map(a => a.textContent.trim())"""


@pytest.mark.parametrize("path", ["opportunities/", "kpis/", "journeys/", "pain-points/"])
def test_register_tables_fit_a_phone_and_keep_words_whole(
    server: str, page: Any, path: str
) -> None:
    page.goto(server + path)
    assert page.evaluate(_SPLIT_NAMES) == []
    page.set_viewport_size({"width": 400, "height": 900})
    # The table scrolls inside itself; the page never becomes wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 400


_CONTRAST = """(selector) => {
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const el = document.querySelector(selector);
  let bg = el; while (getComputedStyle(bg).backgroundColor === 'rgba(0, 0, 0, 0)') bg = bg.parentElement;
  const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(rgb(getComputedStyle(bg).backgroundColor))];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_home_cards_are_readable_in_both_schemes(browser: Any, server: str, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(server)
    # WCAG AA: 4.5:1 for text, 3:1 for large text (the bold stat numbers). Indigo titles on
    # the slate background measured 2.3:1.
    for selector, least in ((".jsp-question strong", 4.5), (".jsp-stat strong", 3.0)):
        assert page.evaluate(_CONTRAST, selector) >= least, (scheme, selector)
    context.close()
