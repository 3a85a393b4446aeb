"""The portfolio views of the planned site: siblings, team load, people, priorities."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from journeyspec.lint import lint
from journeyspec.project import load_config
from journeyspec.rules import RULES
from journeyspec.site import links, registers, siblings
from journeyspec.site.plan import PlannedPage, SiteInputs, plan_site
from journeyspec.site.plugin import default_nav
from journeyspec.site.siblings import add_sibling_nav
from tests.conftest import write_files

TODAY = dt.date(2026, 11, 23)
INSIGHTS = tuple(src for _, src in siblings.INSIGHTS)  # all seven are planned for the demo


@pytest.fixture(scope="module")
def planned(example_project: Path) -> dict[str, PlannedPage]:
    result = lint(load_config(example_project))
    inputs = SiteInputs(
        portfolio=result.validation.portfolio,
        findings=result.findings,
        rules=RULES,
        site_name="Northwind",
        today=TODAY,
    )
    return {page.src: page for page in plan_site(inputs)}


def text(page: PlannedPage) -> str:
    """The page's words, tags removed, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.markdown))


def test_every_insights_page_links_its_siblings_below_its_title(
    planned: dict[str, PlannedPage],
) -> None:
    for src in INSIGHTS:
        markdown = planned[src].markdown
        nav = re.search(r'<nav class="jsp-siblings" aria-label="Insights">(.*)</nav>', markdown)
        assert nav, src
        assert markdown.index("\n# ") < nav.start()
        labels = re.findall(r">([^<]+)</(?:a|strong)>", nav.group(1))
        assert labels == [
            "Pain points", "Opportunities", "KPIs", "Themes", "Heatmap", "Channels × stages",
            "Touchpoints",
        ]  # fmt: skip
        assert nav.group(1).count('aria-current="page"') == 1
        assert nav.group(1).count("<a ") == 6
    heat = planned[links.HEATMAP].markdown
    assert '<a href="../channels/">Channels × stages</a>' in heat
    assert '<a href="../themes/">Themes</a>' in heat  # the demo's themes registry plans it


def test_themes_and_touchpoints_join_the_siblings_and_the_nav_when_planned(
    planned: dict[str, PlannedPage],
) -> None:
    kpis = planned[links.KPIS].markdown
    assert '<a href="../themes/">Themes</a>' in kpis
    assert '<a href="../touchpoints/">Touchpoints</a>' in kpis
    assert kpis.index("KPIs</strong>") < kpis.index(">Themes<") < kpis.index(">Heatmap<")
    themes = planned[links.THEMES].markdown
    assert "\n# Themes\n\n<nav" in themes and '<strong aria-current="page">Themes' in themes
    insights = default_nav([], set(planned))[4]["Insights"]
    assert [next(iter(item)) for item in insights] == [
        "Pain points", "Opportunities", "KPIs", "Themes", "Heatmap", "Channels × stages",
        "Touchpoints",
    ]  # fmt: skip
    # A project without themes or shared touchpoints plans neither page: no link, no nav entry.
    without = [
        PlannedPage(src, f"# {label}\n", True, TODAY)
        for label, src in siblings.INSIGHTS
        if src not in (links.THEMES, links.TOUCHPOINTS)
    ]
    pages = {p.src: p for p in add_sibling_nav(without, True)}
    kpis = pages[links.KPIS].markdown
    assert "themes/" not in kpis and "touchpoints/" not in kpis
    assert re.findall(r">([^<]+)</(?:a|strong)>", kpis) == [
        "Pain points", "Opportunities", "KPIs", "Heatmap", "Channels × stages",
    ]  # fmt: skip
    nav = str(default_nav([], set(pages)))
    assert "Themes" not in nav and "Touchpoints" not in nav


def test_health_moves_from_home_to_the_authoring_section(
    planned: dict[str, PlannedPage],
) -> None:
    assert "passing every check" not in planned[links.HOME].markdown
    health = text(planned[links.HEALTH])
    assert "Journeys passing every check 0 of 7" in health
    nav = default_nav(["authoring/ci.md", "guide/reading.md"])
    assert {"Authoring": [{"Project health": links.HEALTH}, "authoring/ci.md"]} in nav


def test_overdue_quick_wins_are_flagged_wherever_quick_wins_are_listed(
    planned: dict[str, PlannedPage],
) -> None:
    home = planned[links.HOME].markdown
    wins = home.split("## Quick wins")[1].split("##")[0]
    assert wins.count("jsp-overdue") == 2  # the top five hold two of the three
    assert "7 high-impact, low-effort opportunities (3 overdue)" in text(planned[links.HOME])
    listed = planned[links.OPPORTUNITIES].markdown.split("## Quick wins")[1].split("##")[0]
    assert listed.count("jsp-overdue") == 3
    matrix = planned[links.OPPORTUNITIES].markdown.split("## Opportunity matrix")[1]
    quick_cell = matrix.split("jsp-quick-cell")[1].split("</td>")[0]
    assert quick_cell.count("jsp-overdue") == 3


def test_pain_points_rank_within_severity_by_reach_then_feeling(
    planned: dict[str, PlannedPage], example_project: Path
) -> None:
    portfolio = lint(load_config(example_project)).validation.portfolio
    entries = registers.pain_entries(portfolio.journeys)
    abandon = [e for e in entries if e.pain.severity == "abandon"]
    reaches = [e.reach or 0 for e in abandon]
    assert reaches == sorted(reaches, reverse=True)
    assert (abandon[0].pain.id, abandon[0].reach, abandon[0].feeling) == (
        "surprise-delivery-cost",
        52000,
        -2,
    )
    table = text(planned[links.PAIN_POINTS])
    assert "Abandons the cart n = 52000 −2" in table


def test_the_heatmap_shows_the_worst_step_beside_the_average(
    planned: dict[str, PlannedPage],
) -> None:
    heat = text(planned[links.HEATMAP])
    assert "−0.5 worst −2: Looks for the price 1 pain" in heat


def test_team_pages_show_their_load_and_say_no_for_maps_they_do_not_own(
    planned: dict[str, PlannedPage],
) -> None:
    teams = text(planned[links.TEAMS])
    assert "Customer Support Lead: Colleen Byrne" in teams
    assert "owns the help centre. 1 3 journeys 4 3 1 overdue 4" in teams
    page = planned[links.team("support")].markdown
    owns = re.findall(r"</th><td>(yes|no|)</td>", page.split("## Journeys and stages")[1])
    assert owns and "" not in owns and "no" in owns
    pains = text(
        PlannedPage("", page.split("## Pain points in the stages it owns")[1], False, TODAY)
    )
    assert "Fail point: holds of 50 minutes on the support line" in pains.split("Opportunities")[0]
    assert "3 open, 1 overdue" in pains


def test_a_persona_who_takes_part_as_an_actor_has_those_journeys(
    planned: dict[str, PlannedPage],
) -> None:
    ratna = text(planned[links.persona("ratna")])
    assert "No journey maps this persona yet" not in ratna
    assert "Takes part in (beside another persona): First purchase of Ledgerly" in ratna
    assert (
        "as Approves the budget above the finance department&#39;s limit · "
        "acts at Asks the director for budget · with Budi Santoso" in ratna
    )


def test_the_actor_of_a_step_takes_part_without_being_listed_among_actors(
    minimal_project: Path,
) -> None:
    write_files(
        minimal_project,
        {
            "personas/rita.yaml": "journeyspec: 1\nid: rita\nname: Rita\n",
            "journeys/first-purchase.yaml": (minimal_project / "journeys/first-purchase.yaml")
            .read_text(encoding="utf-8")
            .replace("name: Imports old data", "name: Imports old data\n        actor: rita"),
        },
    )
    portfolio = lint(load_config(minimal_project)).validation.portfolio
    (part,) = registers.takes_part(portfolio.journeys, "rita")
    assert (part.journey.id, part.roles, part.steps) == (
        "first-purchase",
        (),
        ("Imports old data",),
    )
    assert registers.takes_part(portfolio.journeys, "budi") == ()  # her own journey


def test_persona_cards_show_initials_and_a_mini_emotion_strip(
    planned: dict[str, PlannedPage],
) -> None:
    cards = planned[links.PERSONAS].markdown
    assert (
        '<span class="jsp-initials" aria-hidden="true">BS</span><h2 class="jsp-card-title">Budi'
        in cards
    )
    strip = re.search(
        r'<span class="jsp-strip" role="img" aria-label="How Budi Santoso feels[^"]*">(.*?)</span></span>',
        cards,
    )
    assert strip and strip.group(1).count("jsp-heat-") >= 3
    # Ratna maps no journey of her own (she acts in three): no strip rather than an empty one.
    ratna = cards.split("Ratna Wijaya</h2>")[1].split("</a>")[0]
    assert "jsp-strip" not in ratna and "3 journeys" in ratna


def test_home_answers_kpis_off_target_and_problems_shared_across_journeys(
    planned: dict[str, PlannedPage],
) -> None:
    home = planned[links.HOME].markdown
    assert (
        '<a class="jsp-question" href="kpis/"><strong>Which KPIs are off target?</strong>'
        "<span>4 of 34 KPIs off target, with progress from baseline to target</span></a>"
    ) in home
    assert (
        '<a class="jsp-question" href="themes/"><strong>Problems shared across journeys</strong>'
        "<span>2 themes seen in more than one journey," in home
    )
