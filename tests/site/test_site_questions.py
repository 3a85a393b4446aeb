"""The stakeholder questions, answered by clicking from the home page in real Chromium.

Each of the eight questions (team's journeys, top pain points, quick wins, a persona's
feelings, stale maps, what changed, KPIs off target, shared problems) is reached in at most
two clicks, on a desktop (1440 × 900) and a phone (390 × 844), and its answer's content is
asserted. The example project is built from a git repository with two dated commits, so
the changes feed has history. Screenshots of the portfolio pages go to test-artifacts/.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from journeyspec.project import load_config
from journeyspec.site.build import build_site
from tests.browser import serve
from tests.conftest import REPO
from tests.site.conftest import copy_example

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": (1440, 900), "phone": (390, 844)}
SHOES = "journeys/dress-shoes-online-purchase.yaml"


def _commit(root: Path, message: str, day: str, author: str) -> None:
    stamp = f"{day}T09:30:00+00:00"
    env = {
        **os.environ,
        **{f"GIT_{who}_NAME": author for who in ("AUTHOR", "COMMITTER")},
        **{f"GIT_{who}_EMAIL": "maps@example.com" for who in ("AUTHOR", "COMMITTER")},
        **{f"GIT_{who}_DATE": stamp for who in ("AUTHOR", "COMMITTER")},
    }
    if not (root / ".git").exists():
        subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, env=env, check=True)
    for args in (["add", "-A"], ["commit", "-q", "-m", message]):
        subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=root, env=env, check=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, pinned_today: None) -> Path:
    """The example project as a git repository: the maps, then a change to one journey."""
    root = copy_example(tmp_path_factory.mktemp("questions") / "project")
    _commit(root, "Example journeys", "2026-10-01", "Dewi Lestari")
    shoes = root / SHOES
    text = shoes.read_text(encoding="utf-8")
    changed = text.replace(
        "emotion: {score: 1, label: curious}", "emotion: {score: -1, label: curious}"
    ).replace(
        "status: planned\n    kpis: [exchange-rate]",
        "status: in-progress\n    kpis: [exchange-rate]",
    )
    assert changed != text
    shoes.write_text(changed, encoding="utf-8")
    _commit(root, "Fit guide under way; browsing feels worse", "2026-11-18", "Lina Haddad")
    return build_site(load_config(root)).site_dir


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(params=list(VIEWPORTS))
def page(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    width, height = VIEWPORTS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    yield context.new_page()
    context.close()


class Clicks:
    """Clicks from the home page, counted."""

    def __init__(self, page: Any, server: str) -> None:
        self.page, self.count = page, 0
        page.goto(server)

    def __call__(self, locator: Any) -> None:
        locator.first.click()
        self.count += 1
        self.page.wait_for_load_state("load")


def team_journeys(page: Any, clicks: Clicks) -> None:
    clicks(page.get_by_role("link", name="Which journeys does my team own?"))
    clicks(page.locator("table a.jsp-team", has_text="Customer Support"))
    assert page.locator("h1").inner_text().startswith("Customer Support")
    table = page.locator("table", has=page.locator("caption", has_text="takes part in"))
    assert "Getting help with a missing delivery" in table.inner_text()


def top_pain_points(page: Any, clicks: Clicks) -> None:
    clicks(page.get_by_role("link", name="Where does it hurt most?"))
    first = page.locator("table.jsp-register tbody tr").first
    assert "Delivery and duties appear only at the last checkout step" in first.inner_text()
    assert "n = 52000" in first.inner_text()


def quick_wins(page: Any, clicks: Clicks) -> None:
    clicks(page.get_by_role("link", name="What are the quick wins?"))
    wins = page.locator("#quick-wins + ul.jsp-ranked")
    assert wins.locator("li").count() == 7
    assert wins.locator(".jsp-overdue").count() == 3


def persona_feelings(page: Any, clicks: Clicks) -> None:
    clicks(page.get_by_role("link", name="How does a persona feel?"))
    clicks(page.locator("a.jsp-persona-card", has_text="Budi Santoso"))
    heat = page.locator("table.jsp-heatmap")
    assert "Emotion of Budi Santoso" in heat.locator("caption").inner_text()
    assert heat.locator("td[class^=jsp-heat-]").count() >= 4


def stale_maps(page: Any, clicks: Clicks) -> None:
    clicks(page.get_by_role("link", name="Which maps are stale?"))
    section = page.locator("#stale-maps + ul")
    section.wait_for(state="visible")  # is_visible() would not wait for the page
    assert "Joining Pulse Fitness" in section.inner_text()
    assert "review overdue" in section.inner_text()


def what_changed(page: Any, clicks: Clicks) -> None:
    clicks(page.get_by_role("link", name="What changed recently?"))
    recent = page.locator("#changed-in-the-last-30-days + ul.jsp-changes")
    recent.wait_for(state="visible")
    assert "Fit guide under way; browsing feels worse" in recent.inner_text()
    assert "Example journeys" not in recent.inner_text()  # 2026-10-01: before the 30 days
    clicks(page.get_by_role("link", name="All recent changes →"))
    feed = page.locator("ul.jsp-changes").inner_text()
    assert "Lina Haddad" in feed
    assert (
        "opportunity “A fit guide comparing our sizes with popular brands” planned → in-progress"
        in feed
    )
    assert "(worse)" in feed


def kpis_off_target(page: Any, clicks: Clicks) -> None:
    clicks(page.get_by_role("link", name="Which KPIs are off target?"))
    assert page.locator("h1").inner_text().startswith("KPIs")
    summary = page.locator("p.jsp-kpi-summary")
    summary.wait_for(state="visible")
    assert summary.inner_text().startswith("4 of 34 KPIs off target: ")
    assert page.locator(".jsp-badge.jsp-off-track").count() == 4


def shared_problems(page: Any, clicks: Clicks) -> None:
    clicks(page.get_by_role("link", name="Problems shared across journeys"))
    assert page.locator("h1").inner_text().startswith("Themes")
    journeys = page.eval_on_selector_all(
        "main a[href*='journeys/']", "els => [...new Set(els.map(e => e.pathname))].sort()"
    )
    # The themes recur in five of the seven demo journeys (and the page links the index).
    assert [j for j in journeys if j != "/journeys/"] == [
        f"/journeys/{j}/"
        for j in (
            "accounting-software-first-purchase", "dress-shoes-online-purchase", "gym-membership",
            "ledgerly-order-and-contract", "missing-delivery-support",
        )
    ]  # fmt: skip


QUESTIONS: dict[str, Callable[[Any, Clicks], None]] = {
    "team's journeys": team_journeys,
    "top pain points": top_pain_points,
    "quick wins": quick_wins,
    "a persona's feelings": persona_feelings,
    "stale maps": stale_maps,
    "what changed": what_changed,
    "KPIs off target": kpis_off_target,
    "shared problems": shared_problems,
}


@pytest.mark.parametrize("question", list(QUESTIONS))
def test_each_question_is_answered_within_two_clicks_from_home(
    server: str, page: Any, question: str
) -> None:
    clicks = Clicks(page, server)
    QUESTIONS[question](page, clicks)
    assert 1 <= clicks.count <= 2


def test_every_insights_page_reaches_its_siblings_by_clicking(server: str, page: Any) -> None:
    clicks = Clicks(page, server)
    clicks(page.get_by_role("link", name="Where do all journeys go wrong?"))
    nav = page.locator("nav.jsp-siblings")
    nav.wait_for(state="visible")
    assert nav.bounding_box()["y"] < 400  # at the top, no scrolling
    clicks(nav.get_by_role("link", name="Channels × stages"))
    assert page.locator("h1").inner_text().startswith("Channels × stages")
    labels = page.locator("nav.jsp-siblings").inner_text().replace("\n", " ")
    assert labels.split(" · ") == [
        "Pain points", "Opportunities", "KPIs", "Themes", "Heatmap", "Channels × stages",
        "Touchpoints",
    ]  # fmt: skip
    assert clicks.count == 2


SHOTS = {
    "home": "",
    "pain-points": "pain-points/",
    "opportunities": "opportunities/",
    "heatmap": "heatmap/",
    "teams": "teams/",
    "team": "teams/support/",
    "personas": "personas/",
    "persona-ratna": "personas/ratna/",
    "changes": "changes/",
    "health": "authoring/health/",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_the_portfolio_pages(server: str, browser: Any, scheme: str) -> None:
    artifacts = REPO / "test-artifacts" / "portfolio"
    artifacts.mkdir(parents=True, exist_ok=True)
    for device, (width, height) in VIEWPORTS.items():
        context = browser.new_context(
            viewport={"width": width, "height": height}, color_scheme=scheme
        )
        page = context.new_page()
        for name, path in SHOTS.items():
            page.goto(server + path)
            page.wait_for_load_state("load")
            scheme_now = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            assert scheme_now == ("slate" if scheme == "dark" else "default")
            page.screenshot(path=str(artifacts / f"{name}-{device}-{scheme}.png"), full_page=True)
        # The history block on a journey page (the rest of that page is not this branch's).
        page.goto(server + "journeys/dress-shoes-online-purchase/")
        block = page.locator("h2#history + ul.jsp-changes")
        assert "Fit guide under way" in block.inner_text()
        block.screenshot(path=str(artifacts / f"journey-history-{device}-{scheme}.png"))
        context.close()
