"""The emotion curve: gaps for unscored steps, stars, declared scales, current vs future overlay."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from journeyspec.diagrams import dot, render_svgs
from journeyspec.diagrams.emotion import emotion_diagram
from tests.diagrams.builders import example_portfolio, journey, one_journey, steps

SVG = "{http://www.w3.org/2000/svg}"


def scored(*scores: int | None) -> list[dict[str, object]]:
    result = steps(*(f"Step {i}" for i in range(len(scores))))
    for step, score in zip(result, scores, strict=True):
        if score is not None:
            step["emotion"] = {"score": score}
    return result


def nodes(dot_text: str, prefix: str) -> list[str]:
    return re.findall(rf"^  ({prefix}\d+) \[", dot_text, re.MULTILINE)


def segments(dot_text: str, prefix: str) -> list[tuple[str, str]]:
    return re.findall(rf"^  ({prefix}\d+) -- ({prefix}\d+) ", dot_text, re.MULTILINE)


def line_paths(svg: str, colour: str) -> int:
    tree = ET.fromstring(svg)
    return sum(
        1
        for group in tree.iter(f"{SVG}g")
        if group.get("class") == "edge"
        for path in group.iter(f"{SVG}path")
        if path.get("stroke") == colour
    )


def test_an_unscored_step_has_no_point_and_breaks_the_line(tmp_path: Path) -> None:
    stages = [{"id": "s", "name": "Stage", "steps": scored(-1, None, 1, 2)}]
    subject, portfolio = one_journey(tmp_path, journey(stages=stages))
    diagram = emotion_diagram(subject, portfolio)
    assert nodes(diagram.dot, "p") == ["p0", "p2", "p3"]
    assert segments(diagram.dot, "p") == [("p2", "p3")]
    assert "not scored" in diagram.dot.split("  x1 ")[1].splitlines()[0]
    assert "Step 1 not scored" in diagram.alt
    [svg] = render_svgs([diagram], tmp_path / "cache")
    assert line_paths(svg, dot.ACCENT) == 1


def test_a_zero_score_is_a_point_on_the_neutral_line(tmp_path: Path) -> None:
    stages = [{"id": "s", "name": "Stage", "steps": scored(0, 0)}]
    subject, portfolio = one_journey(tmp_path, journey(stages=stages))
    diagram = emotion_diagram(subject, portfolio)
    assert segments(diagram.dot, "p") == [("p0", "p1")]
    neutral = re.search(r'  na \[pos="-0.500,([0-9.]+)!"', diagram.dot)
    point = re.search(r'  p0 \[pos="0.000,([0-9.]+)!"', diagram.dot)
    assert neutral and point and neutral.group(1) == point.group(1) == "1.500"


def test_moments_of_truth_are_stars(tmp_path: Path) -> None:
    first, second = scored(1, -2)
    second["moment_of_truth"] = True
    stages = [{"id": "s", "name": "Stage", "steps": [first, second]}]
    subject, portfolio = one_journey(tmp_path, journey(stages=stages))
    diagram = emotion_diagram(subject, portfolio)
    assert 'shape="star"' in diagram.dot.split("  p1 ")[1].splitlines()[0]
    assert 'shape="circle"' in diagram.dot.split("  p0 ")[1].splitlines()[0]
    assert "Moments of truth (stars): Step 1." in diagram.alt


def test_the_declared_scale_sets_ticks_and_the_neutral_line(tmp_path: Path) -> None:
    stages = [{"id": "s", "name": "Stage", "steps": scored(1, 5)}]
    data = journey(stages=stages, emotion_scale={"min": 1, "max": 5})
    subject, portfolio = one_journey(tmp_path, data)
    diagram = emotion_diagram(subject, portfolio)
    ticks = re.findall(
        r'^  t\d+ \[pos="[^"]*", shape="plaintext", label=<([^>]*)>', diagram.dot, re.M
    )
    assert ticks == ["1", "2", "3", "4", "5"]
    assert "neutral at 3" in diagram.alt
    assert 'p0 [pos="0.000,0.000!"' in diagram.dot and 'p1 [pos="1.500,3.000!"' in diagram.dot


def test_no_overlay_without_a_future_state_map(tmp_path: Path) -> None:
    subject, portfolio = one_journey(tmp_path, journey(), journey("other"))
    diagram = emotion_diagram(subject, portfolio)
    assert nodes(diagram.dot, "q0_") == []
    assert "Overlay" not in diagram.alt and "future state" not in diagram.dot


def test_a_future_state_map_is_overlaid_matching_steps_by_id_or_position(tmp_path: Path) -> None:
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
    assert nodes(diagram.dot, "q0_") == ["q0_0", "q0_1"]
    assert segments(diagram.dot, "q0_") == [("q0_0", "q0_1")]
    assert "future state: Journey later" in diagram.dot
    assert "Overlay, future state Journey later: Step 0 +1; Step 1 +2." in diagram.alt
    [svg] = render_svgs([diagram], tmp_path / "cache")
    assert line_paths(svg, "#7c3aed") == 1


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
    assert nodes(diagram.dot, "p") == ["p0"]


def test_a_journey_without_steps_still_draws_its_axes(tmp_path: Path) -> None:
    subject, portfolio = one_journey(tmp_path, journey(stages=[{"id": "s", "name": "Empty"}]))
    diagram = emotion_diagram(subject, portfolio)
    assert "no steps yet" in diagram.dot
    assert "The journey has no steps yet." in diagram.alt
    [svg] = render_svgs([diagram], tmp_path / "cache")
    assert "no steps yet" in svg


def test_score_labels_never_sit_on_a_line() -> None:
    """Every score label clears every line segment within half a label's width of it."""
    portfolio = example_portfolio()
    for charted in portfolio.journeys:
        source = emotion_diagram(charted, portfolio).dot
        pos = {
            name: (float(x), float(y))
            for name, x, y in re.findall(r"^  (\w+) \[pos=\"([-0-9.]+),([-0-9.]+)!\"", source, re.M)
        }
        segments = [
            (pos[a], pos[b])
            for a, b in re.findall(r"^  (\w+) -- (\w+) \[color", source, re.M)
            if re.fullmatch(r"(p|a\d+_|q\d+_)\d+", a)
        ]
        for name, (x, y) in pos.items():
            if not re.fullmatch(r"v\d+", name):
                continue
            for (x1, y1), (x2, y2) in segments:
                for dx in (-0.6, 0.0, 0.6):
                    at = x + dx
                    if min(x1, x2) <= at <= max(x1, x2) and x1 != x2:
                        line = y1 + (y2 - y1) * (at - x1) / (x2 - x1)
                        assert abs(line - y) >= 0.2, (charted.id, name, at, line, y)
