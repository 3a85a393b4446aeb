"""The opportunity matrix: placement by impact and effort, quick wins, unrated, per portfolio."""

from __future__ import annotations

from pathlib import Path

from journeyspec.diagrams import journey_diagrams, portfolio_diagrams
from journeyspec.diagrams.matrix import CARDS_PER_CELL, journey_matrix
from tests.diagrams.builders import journey, one_journey, portfolio_of


def opportunity(key: str, impact: str | None = None, effort: str | None = None) -> dict[str, str]:
    data = {"id": f"o-{key}", "title": f"Idea {key}"}
    return data | ({"impact": impact} if impact else {}) | ({"effort": effort} if effort else {})


def test_opportunities_land_in_their_cell_and_quick_wins_are_highlighted(tmp_path: Path) -> None:
    ideas = [opportunity("q", "high", "low"), opportunity("m", "medium", "high"), opportunity("u")]
    subject, _ = one_journey(tmp_path, journey(opportunities=ideas))
    diagram = journey_matrix(subject)
    high = diagram.dot.index("<B>High impact</B>")
    medium = diagram.dot.index("<B>Medium impact</B>")
    unrated = diagram.dot.index("<B>Not rated</B>")
    assert high < diagram.dot.index("★ Quick wins") < diagram.dot.index("Idea q") < medium
    assert medium < diagram.dot.index("Idea m") < diagram.dot.index("<B>Low impact</B>")
    assert unrated < diagram.dot.index("Idea u")
    assert diagram.dot.count('BGCOLOR="#b7e4c7"') >= 2  # the quick-win cell (and the legend)
    assert "Quick wins (high impact, low effort): Idea q." in diagram.alt
    assert "Medium impact, high effort: Idea m." in diagram.alt
    assert "Not rated: Idea u." in diagram.alt


def test_no_quick_wins_is_said_in_the_alt_text(tmp_path: Path) -> None:
    subject, _ = one_journey(tmp_path, journey(opportunities=[opportunity("a", "low", "high")]))
    diagram = journey_matrix(subject)
    assert "There are no quick wins yet." in diagram.alt
    assert "<B>Not rated</B>" not in diagram.dot


def test_a_crowded_cell_shows_a_count_of_the_rest(tmp_path: Path) -> None:
    ideas = [opportunity(str(k), "high", "high") for k in range(CARDS_PER_CELL + 3)]
    subject, _ = one_journey(tmp_path, journey(opportunities=ideas))
    diagram = journey_matrix(subject)
    assert "<I>+ 3 more</I>" in diagram.dot
    assert (
        f"Idea {CARDS_PER_CELL - 1}<" in diagram.dot
        and f"Idea {CARDS_PER_CELL}<" not in diagram.dot
    )


def test_the_portfolio_matrix_names_each_opportunitys_journey(tmp_path: Path) -> None:
    portfolio = portfolio_of(
        tmp_path,
        journey("one", opportunities=[opportunity("a", "high", "low")]),
        journey("two", opportunities=[opportunity("b", "low", "low")]),
        journey("three"),
    )
    [diagram] = portfolio_diagrams(portfolio)
    assert diagram.name == "portfolio-opportunities"
    assert diagram.title == "Opportunity matrix: all journeys"
    assert "Journey one · idea" in diagram.dot and "Journey two · idea" in diagram.dot
    assert "Idea a (Journey one)" in diagram.alt and "Idea b (Journey two)" in diagram.alt


def test_diagrams_are_planned_only_for_what_a_journey_holds(tmp_path: Path) -> None:
    lanes = {"id": "a", "name": "Calls", "lanes": {"backstage": ["Agent looks up the order"]}}
    portfolio = portfolio_of(
        tmp_path,
        journey("plain"),
        journey(
            "full",
            opportunities=[opportunity("a")],
            stages=[{"id": "s", "name": "S", "steps": [lanes]}],
        ),
    )
    plain, full = portfolio.journey("plain"), portfolio.journey("full")
    assert plain is not None and full is not None
    assert [d.name for d in journey_diagrams(plain, portfolio)] == ["flow", "emotion"]
    assert [d.name for d in journey_diagrams(full, portfolio)] == [
        "flow",
        "emotion",
        "blueprint",
        "opportunities",
    ]
    assert portfolio_diagrams(portfolio_of(tmp_path / "empty", journey("plain"))) == []
