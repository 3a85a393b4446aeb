"""The opportunity matrix: placement by impact and effort, quick wins, unrated, per portfolio."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import pairwise
from pathlib import Path

from journeyspec.diagrams import dot, journey_diagrams, portfolio_diagrams
from journeyspec.diagrams.matrix import CARDS_PER_CELL, CELL, journey_matrix
from journeyspec.diagrams.svg import safe_svg
from journeyspec.typesetting import width
from tests.diagrams.builders import branching, journey, one_journey, portfolio_of

SVG = "{http://www.w3.org/2000/svg}"


def opportunity(key: str, impact: str | None = None, effort: str | None = None) -> dict[str, str]:
    data = {"id": f"o-{key}", "title": f"Idea {key}"}
    return data | ({"impact": impact} if impact else {}) | ({"effort": effort} if effort else {})


def texts(svg: str) -> list[tuple[str, float, float]]:
    tree = ET.fromstring(svg)
    return [
        (t.text or "", float(t.get("x", 0)), float(t.get("y", 0))) for t in tree.iter(f"{SVG}text")
    ]


def boxes(svg: str, kind: str) -> list[tuple[float, float, float, float, str]]:
    """The rects of a class: left, top, right, bottom and fill."""
    tree = ET.fromstring(svg)
    found = []
    for rect in tree.iter(f"{SVG}rect"):
        if rect.get("class") == kind:
            x, y = float(rect.get("x", 0)), float(rect.get("y", 0))
            w, h = float(rect.get("width", 0)), float(rect.get("height", 0))
            found.append((x, y, x + w, y + h, rect.get("fill", "")))
    return found


def place(svg: str, words: str) -> tuple[str, str, str]:
    """Where a text sits: its row's heading, its column's heading, and its cell's fill."""
    [(x, y)] = [(x, y) for t, x, y in texts(svg) if t == words]
    heads = {t: (x, y) for t, x, y in texts(svg) if t.endswith((" impact", " effort", "Not rated"))}
    row = [
        t
        for t, (hx, hy) in heads.items()
        if not t.endswith("effort")
        and any(
            b[0] <= hx <= b[2] and b[1] <= hy <= b[3] and b[1] <= y <= b[3]
            for b in boxes(svg, "head")
        )
    ]
    column = [
        t
        for t, (hx, hy) in heads.items()
        if t.endswith("effort")
        and any(
            b[0] <= hx <= b[2] and b[1] <= hy <= b[3] and b[0] <= x <= b[2]
            for b in boxes(svg, "head")
        )
    ]
    [fill] = [b[4] for b in boxes(svg, "cell") if b[0] <= x <= b[2] and b[1] <= y <= b[3]]
    return row[0], column[0] if column else "", fill


def test_opportunities_land_in_their_cell_and_quick_wins_are_highlighted(tmp_path: Path) -> None:
    ideas = [opportunity("q", "high", "low"), opportunity("m", "medium", "high"), opportunity("u")]
    subject, _ = one_journey(tmp_path, journey(opportunities=ideas))
    diagram = journey_matrix(subject)
    assert diagram.dot == ""  # drawn by us: Graphviz never runs for it
    assert safe_svg(diagram.svg) is diagram.svg
    assert place(diagram.svg, "Idea q") == ("High impact", "Low effort", dot.QUICK_FILL)
    assert place(diagram.svg, "★ Quick wins") == ("High impact", "Low effort", dot.QUICK_FILL)
    assert place(diagram.svg, "Idea m") == ("Medium impact", "High effort", CELL)
    assert place(diagram.svg, "Idea u")[0] == "Not rated"
    assert "Quick wins (high impact, low effort): Idea q." in diagram.alt
    assert "Medium impact, high effort: Idea m." in diagram.alt
    assert "Not rated: Idea u." in diagram.alt
    sizes = [float(t.get("font-size", 0)) for t in ET.fromstring(diagram.svg).iter(f"{SVG}text")]
    assert min(sizes) >= 12


def test_cards_hold_their_text_and_stay_in_their_cell(tmp_path: Path) -> None:
    ideas = [
        opportunity("a", "high", "low") | {"title": "A rather long idea " * 6},
        opportunity("b", "high", "low"),
        opportunity("c", "low", "high"),
    ]
    subject, _ = one_journey(tmp_path, journey(opportunities=ideas))
    svg = journey_matrix(subject).svg
    cells = boxes(svg, "cell")
    cards = boxes(svg, "card")
    assert len(cards) == 3
    for left, top, right, bottom, _ in cards:  # each card inside one cell, none overlapping
        assert any(c[0] < left and right < c[2] and c[1] < top and bottom < c[3] for c in cells)
    for one, other in pairwise(cards):
        assert one[3] < other[1] or one[0] != other[0]
    for words, x, y in texts(svg):  # a card's lines within its card, measured
        inside = [c for c in cards if c[0] <= x <= c[2] and c[1] <= y <= c[3]]
        if inside:
            assert x + width(words, 13) <= inside[0][2], words
    first = cards[0]
    lines = [t for t, x, y in texts(svg) if first[0] <= x <= first[2] and first[1] <= y <= first[3]]
    assert len(lines) == 4  # three lines at most, the last cut; then its status
    assert lines[0].startswith("A rather") and lines[2].endswith("…") and lines[3] == "idea"


def test_no_quick_wins_is_said_in_the_alt_text(tmp_path: Path) -> None:
    subject, _ = one_journey(tmp_path, journey(opportunities=[opportunity("a", "low", "high")]))
    diagram = journey_matrix(subject)
    assert "There are no quick wins yet." in diagram.alt
    assert "Not rated" not in diagram.svg


def test_a_crowded_cell_shows_a_count_of_the_rest(tmp_path: Path) -> None:
    ideas = [opportunity(str(k), "high", "high") for k in range(CARDS_PER_CELL + 3)]
    subject, _ = one_journey(tmp_path, journey(opportunities=ideas))
    diagram = journey_matrix(subject)
    shown = [t for t, _, _ in texts(diagram.svg)]
    assert "+ 3 more" in shown
    assert f"Idea {CARDS_PER_CELL - 1}" in shown and f"Idea {CARDS_PER_CELL}" not in shown
    assert place(diagram.svg, "+ 3 more")[:2] == ("High impact", "High effort")


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
    shown = [t for t, _, _ in texts(diagram.svg)]
    assert "Journey one · idea" in shown and "Journey two · idea" in shown
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
        journey("branched", stages=[{"id": "s", "name": "S", "steps": branching("A", "B", "C")}]),
    )
    plain, full = portfolio.journey("plain"), portfolio.journey("full")
    branched = portfolio.journey("branched")
    assert plain is not None and full is not None and branched is not None
    # A linear flow would repeat the grid: it is not drawn.
    assert [d.name for d in journey_diagrams(plain, portfolio)] == ["emotion"]
    assert [d.name for d in journey_diagrams(full, portfolio)] == [
        "emotion",
        "blueprint",
        "opportunities",
    ]
    assert [d.name for d in journey_diagrams(branched, portfolio)] == ["flow", "emotion"]
    assert portfolio_diagrams(portfolio_of(tmp_path / "empty", journey("plain"))) == []
