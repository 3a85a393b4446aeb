"""The emotion curve, drawn as SVG by our code: points at column centres, gaps for unscored
steps, stars, declared scales, one series per person, overlays, and labels off every line."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import pairwise
from pathlib import Path

import pytest

from journeyspec.diagrams import render_svgs
from journeyspec.diagrams.canvas import SMALLEST
from journeyspec.diagrams.emotion import AXIS, COLUMN, HALF, MARGIN, PAD, PLOT, emotion_diagram
from journeyspec.diagrams.svg import safe_svg
from journeyspec.typesetting import width
from tests.diagrams.builders import example_portfolio, journey, one_journey, steps

SVG = "{http://www.w3.org/2000/svg}"
Point = tuple[float, float]


def scored(*scores: int | None) -> list[dict[str, object]]:
    result = steps(*(f"Step {i}" for i in range(len(scores))))
    for step, score in zip(result, scores, strict=True):
        if score is not None:
            step["emotion"] = {"score": score}
    return result


def centre(column: int) -> float:
    """Where a column's points must sit: the middle of the column."""
    return MARGIN + AXIS + (column + 0.5) * COLUMN


def _pairs(points: str) -> list[Point]:
    return [(float(x), float(y)) for x, y in (p.split(",") for p in points.split())]


def series(svg: str, key: str) -> tuple[list[tuple[str, Point]], list[list[Point]]]:
    """The markers (shape, centre) and the polylines of one series."""
    marks, lines = markers(svg, key)
    return [(shape, at) for shape, at, _ in marks], lines


def markers(svg: str, key: str) -> tuple[list[tuple[str, Point, float]], list[list[Point]]]:
    """The markers (shape, centre, radius) and the polylines of one series."""
    tree = ET.fromstring(svg)
    group = next(
        (g for g in tree.iter(f"{SVG}g") if g.get("class") == f"series series-{key}"), None
    )
    if group is None:
        return [], []
    marks: list[tuple[str, Point, float]] = []
    for element in group:
        tag = element.tag.removeprefix(SVG)
        if tag == "circle":
            at = (float(element.get("cx", 0)), float(element.get("cy", 0)))
            marks.append(("circle", at, float(element.get("r", 0))))
        elif tag == "rect":
            half = float(element.get("width", 0)) / 2
            at = (float(element.get("x", 0)) + half, float(element.get("y", 0)) + half)
            marks.append(("square", at, half))
        elif tag == "polygon":
            corners = _pairs(element.get("points", ""))
            at = (corners[0][0], corners[1][1])
            marks.append(("diamond", at, corners[1][0] - corners[0][0]))
        elif tag == "path":
            found = re.fullmatch(r"translate\(([-\d.]+) ([-\d.]+)\)", element.get("transform", ""))
            assert found, element.attrib
            marks.append(("star", (float(found.group(1)), float(found.group(2))), 10.0))
    lines = [_pairs(p.get("points", "")) for p in group.iter(f"{SVG}polyline")]
    return marks, lines


def texts(svg: str, kind: str | None = None) -> list[tuple[str, float, float]]:
    tree = ET.fromstring(svg)
    return [
        (t.text or "", float(t.get("x", 0)), float(t.get("y", 0)))
        for t in tree.iter(f"{SVG}text")
        if kind is None or t.get("class") == kind
    ]


def neutral_y(svg: str) -> float:
    tree = ET.fromstring(svg)
    [line] = [p for p in tree.iter(f"{SVG}polyline") if p.get("stroke-width") == "1.3"]
    [(_, y), (_, y2)] = _pairs(line.get("points", ""))
    assert y == y2
    return y


def test_an_unscored_step_has_no_point_and_breaks_the_line(tmp_path: Path) -> None:
    stages = [{"id": "s", "name": "Stage", "steps": scored(-1, None, 1, 2)}]
    subject, portfolio = one_journey(tmp_path, journey(stages=stages))
    diagram = emotion_diagram(subject, portfolio)
    marks, lines = series(diagram.svg, "persona")
    assert [(shape, x) for shape, (x, _) in marks] == [
        ("circle", centre(0)),
        ("circle", centre(2)),
        ("circle", centre(3)),
    ]
    # The gap leaves the first point alone: one line, from the third point to the fourth.
    assert lines == [[marks[1][1], marks[2][1]]]
    assert ("not scored", centre(1)) in [(t, x) for t, x, _ in texts(diagram.svg)]
    assert "Step 1 not scored" in diagram.alt


def test_a_zero_score_is_a_point_on_the_neutral_line_and_the_scale_fills_the_band(
    tmp_path: Path,
) -> None:
    stages = [{"id": "s", "name": "Stage", "steps": scored(0, 2, -2)}]
    subject, portfolio = one_journey(tmp_path, journey(stages=stages))
    svg = emotion_diagram(subject, portfolio).svg
    [(_, (_, zero)), (_, (_, top)), (_, (_, bottom))] = series(svg, "persona")[0]
    assert zero == neutral_y(svg)
    assert round(bottom - top, 1) == PLOT - 2 * PAD
    assert zero - top == pytest.approx(bottom - zero, abs=0.1)  # coordinates keep one decimal


def test_moments_of_truth_are_stars(tmp_path: Path) -> None:
    first, second = scored(1, -2)
    second["moment_of_truth"] = True
    stages = [{"id": "s", "name": "Stage", "steps": [first, second]}]
    subject, portfolio = one_journey(tmp_path, journey(stages=stages))
    diagram = emotion_diagram(subject, portfolio)
    marks, _ = series(diagram.svg, "persona")
    assert [(shape, x) for shape, (x, _) in marks] == [("circle", centre(0)), ("star", centre(1))]
    assert "Moments of truth (stars): Step 1." in diagram.alt
    assert "moment of truth" in [t for t, _, _ in texts(diagram.svg)]  # in the legend


def test_the_declared_scale_sets_ticks_and_the_neutral_line(tmp_path: Path) -> None:
    stages = [{"id": "s", "name": "Stage", "steps": scored(1, 5)}]
    data = journey(stages=stages, emotion_scale={"min": 1, "max": 5})
    subject, portfolio = one_journey(tmp_path, data)
    diagram = emotion_diagram(subject, portfolio)
    ticks = [t for t, x, _ in texts(diagram.svg) if x == MARGIN + AXIS - 10]
    assert ticks == ["1", "2", "3", "4", "5"]
    assert "neutral at 3" in diagram.alt
    [(_, (_, low)), (_, (_, high))] = series(diagram.svg, "persona")[0]
    assert round(low - high, 1) == PLOT - 2 * PAD
    assert neutral_y(diagram.svg) == pytest.approx((low + high) / 2, abs=0.1)


def test_each_other_person_has_their_own_series_and_legend_entry() -> None:
    portfolio = example_portfolio()
    charted = portfolio.journey("accounting-software-first-purchase")
    assert charted is not None
    svg = emotion_diagram(charted, portfolio).svg
    [theirs] = [i for i, step in enumerate(charted.steps) if step.actor == "ratna"]
    persona, persona_lines = series(svg, "persona")
    actor, _ = series(svg, "actor-0")
    assert [x for _, (x, _) in actor] == [centre(theirs)]
    assert centre(theirs) not in [x for _, (x, _) in persona]
    # Her step is a gap in his line: never averaged, never joined across.
    assert all(
        not (a[0] < centre(theirs) < b[0]) for line in persona_lines for a, b in pairwise(line)
    )
    legend = [t for t, _, _ in texts(svg)]
    assert "Ratna Wijaya" in legend and "this map" in legend


def test_no_overlay_without_a_future_state_map(tmp_path: Path) -> None:
    subject, portfolio = one_journey(tmp_path, journey(), journey("other"))
    diagram = emotion_diagram(subject, portfolio)
    assert series(diagram.svg, "overlay-0") == ([], [])
    assert "Overlay" not in diagram.alt and "future state" not in diagram.svg


def test_a_future_state_map_is_overlaid_dashed_matching_steps_by_id_or_position(
    tmp_path: Path,
) -> None:
    current = journey("now", stages=[{"id": "s", "name": "Stage", "steps": scored(-2, -1, 0)}])
    future_steps = [
        {"id": "a", "name": "Same id", "emotion": {"score": 1}},
        {"id": "x", "name": "Renamed", "emotion": {"score": 2}},  # second in the stage: matches b
    ]
    future = journey(
        "later",
        kind="future-state",
        current_state="now",
        stages=[{"id": "s", "name": "Stage", "steps": future_steps}],
    )
    subject, portfolio = one_journey(tmp_path, current, future)
    diagram = emotion_diagram(subject, portfolio)
    marks, lines = series(diagram.svg, "overlay-0")
    assert [(shape, x) for shape, (x, _) in marks] == [
        ("diamond", centre(0)),
        ("diamond", centre(1)),
    ]
    assert lines == [[point for _, point in marks]]
    tree = ET.fromstring(diagram.svg)
    dashed = [p.get("stroke-dasharray") for p in tree.iter(f"{SVG}polyline") if p.get("class")]
    assert dashed == ["6 4", None]  # the overlay dashed, this map's line solid
    assert "future state: Journey later" in [t for t, _, _ in texts(diagram.svg)]
    assert "Overlay, future state Journey later: Step 0 +1; Step 1 +2." in diagram.alt


def test_a_future_state_map_shows_its_current_state_rescaled(tmp_path: Path) -> None:
    current = journey(
        "now",
        emotion_scale={"min": 1, "max": 5},
        stages=[{"id": "s", "name": "Stage", "steps": scored(1, 5)}],
    )
    future = journey(
        "later",
        current_state="now",
        kind="future-state",
        stages=[{"id": "s", "name": "Stage", "steps": scored(2, None)}],
    )
    subject, portfolio = one_journey(tmp_path, future, current)
    diagram = emotion_diagram(subject, portfolio)
    assert "Overlay, current state Journey now: Step 0 -2; Step 1 +2." in diagram.alt
    assert [x for _, (x, _) in series(diagram.svg, "persona")[0]] == [centre(0)]
    overlay = series(diagram.svg, "overlay-0")[0]
    assert [x for _, (x, _) in overlay] == [centre(0), centre(1)]
    # 1 and 5 on its 1-5 scale are -2 and +2 on this map's: the band's two ends.
    assert round(overlay[0][1][1] - overlay[1][1][1], 1) == PLOT - 2 * PAD


def test_a_journey_without_steps_still_draws_its_axes(tmp_path: Path) -> None:
    subject, portfolio = one_journey(tmp_path, journey(stages=[{"id": "s", "name": "Empty"}]))
    diagram = emotion_diagram(subject, portfolio)
    assert "no steps yet" in [t for t, _, _ in texts(diagram.svg)]
    assert "The journey has no steps yet." in diagram.alt


def test_graphviz_never_sees_it_and_the_svg_is_safe_and_stable(tmp_path: Path) -> None:
    portfolio = example_portfolio()
    for charted in portfolio.journeys:
        diagram = emotion_diagram(charted, portfolio)
        assert diagram.dot == ""
        assert safe_svg(diagram.svg) is diagram.svg
        assert emotion_diagram(charted, portfolio).svg == diagram.svg
    assert render_svgs([diagram], tmp_path / "cache") == [diagram.svg]
    assert not (tmp_path / "cache").exists()  # nothing to cache: drawing costs less


def test_no_text_is_under_12_px_at_its_own_size() -> None:
    portfolio = example_portfolio()
    for charted in portfolio.journeys:
        svg = emotion_diagram(charted, portfolio).svg
        root = ET.fromstring(svg)
        assert root.get("width") == root.get("viewBox", "").split()[2] + "px"  # shown 1:1
        sizes = [float(t.get("font-size", 0)) for t in root.iter(f"{SVG}text")]
        assert sizes and min(sizes) >= 12, charted.id


def _blocks(box: tuple[float, float, float, float], a: Point, b: Point) -> bool:
    """Whether the segment ``a``-``b`` passes through the box (left, top, right, bottom)."""
    left, top, right, bottom = box
    (x1, y1), (x2, y2) = sorted((a, b))
    lo, hi = max(left, x1), min(right, x2)
    if lo > hi:
        return False
    ys = [y1, y2] if x1 == x2 else [y1 + (y2 - y1) * (at - x1) / (x2 - x1) for at in (lo, hi)]
    return min(ys) <= bottom and max(ys) >= top


def test_score_labels_never_sit_on_a_line_or_a_point() -> None:
    """Each label's box (its measured width, a 12 px line's height) is crossed by no line
    of any series, not by the neutral line, and covers no point."""
    portfolio = example_portfolio()
    checked = 0
    for charted in portfolio.journeys:
        svg = emotion_diagram(charted, portfolio).svg
        tree = ET.fromstring(svg)
        keys = [
            g.get("class", "").split("-", 1)[1]
            for g in tree.iter(f"{SVG}g")
            if g.get("class", "").startswith("series ")
        ]
        segments = [(neutral_start := (0.0, neutral_y(svg)), (1e9, neutral_start[1]))]
        marks: list[tuple[Point, float]] = []
        for key in keys:
            found, lines = markers(svg, key)
            marks += [(point, radius) for _, point, radius in found]
            segments += [pair for line in lines for pair in pairwise(line)]
        labels = texts(svg, "score")
        assert len(labels) == sum(1 for s in charted.steps if s.emotion), charted.id
        for words, x, baseline in labels:
            half = width(words, SMALLEST) / 2
            middle = baseline - 0.35 * SMALLEST
            box = (x - half, middle - HALF, x + half, middle + HALF)
            for a, b in segments:
                assert not _blocks(box, a, b), (charted.id, words, a, b)
            for (mx, my), r in marks:
                apart = mx + r < box[0] or mx - r > box[2] or my + r < box[1] or my - r > box[3]
                assert apart, (charted.id, words, (mx, my))
            checked += 1
    assert checked > 50
