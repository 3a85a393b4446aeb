"""The flow diagram: stages as clusters, default and explicit next steps, loop-backs, stars."""

from __future__ import annotations

import re
from pathlib import Path

from journeyspec.diagrams.flow import flow_diagram
from tests.diagrams.builders import journey, one_journey, steps


def edges(dot_text: str) -> list[tuple[str, str, str]]:
    return re.findall(r"^  (\w+) -> (\w+) (\[.*\]);$", dot_text, re.MULTILINE)


def test_steps_follow_in_order_by_default_across_stages(tmp_path: Path) -> None:
    stages = [
        {"id": "one", "name": "One", "steps": steps("A", "B")},
        {"id": "two", "name": "Two", "steps": [{"id": "c", "name": "C"}]},
    ]
    subject, _ = one_journey(tmp_path, journey(stages=stages))
    diagram = flow_diagram(subject)
    assert [(a, b) for a, b, _ in edges(diagram.dot)] == [("s0", "s1"), ("s1", "s2")]
    assert diagram.dot.count("subgraph cluster_g") == 2
    assert "Stage One: A; B. Stage Two: C." in diagram.alt


def test_branches_and_loop_backs_follow_next(tmp_path: Path) -> None:
    flow = [
        {"id": "a", "name": "Asks", "next": ["b", "c"]},
        {"id": "b", "name": "Buys", "next": ["d"]},
        {"id": "c", "name": "Compares", "next": ["a"]},
        {"id": "d", "name": "Done"},
    ]
    subject, _ = one_journey(tmp_path, journey(stages=[{"id": "s", "name": "S", "steps": flow}]))
    diagram = flow_diagram(subject)
    found = {(a, b): style for a, b, style in edges(diagram.dot)}
    assert set(found) == {
        ("s0", "s1"),
        ("s0", "s2"),
        ("s1", "s3"),
        ("s2", "s0"),
        ("s1", "s2"),
        ("s2", "s3"),
    }
    assert 'style="dashed"' in found[("s2", "s0")] and 'constraint="false"' in found[("s2", "s0")]
    assert found[("s1", "s2")] == found[("s2", "s3")] == "[style=invis]"  # keeps reading order
    assert "Branches: Asks leads to Buys or Compares." in diagram.alt
    assert "Loops back: Compares returns to Asks." in diagram.alt
    assert "loops back" in diagram.dot  # the legend explains the dashed edge


def test_moments_of_truth_have_a_star_and_a_double_border(tmp_path: Path) -> None:
    marked = [
        {"id": "a", "name": "Picks up the car", "moment_of_truth": True},
        {"id": "b", "name": "Drives"},
    ]
    subject, _ = one_journey(tmp_path, journey(stages=[{"id": "s", "name": "S", "steps": marked}]))
    diagram = flow_diagram(subject)
    s0 = diagram.dot.split("  s0 ")[1].splitlines()[0]
    assert 'peripheries="2"' in s0 and "label=<★ Picks up the car>" in s0
    assert "peripheries" not in diagram.dot.split("  s1 ")[1].splitlines()[0]
    assert "moment of truth (double border)" in diagram.dot
    assert "Moments of truth: Picks up the car." in diagram.alt


def test_a_stage_without_steps_keeps_its_place(tmp_path: Path) -> None:
    stages = [
        {"id": "one", "name": "One", "steps": steps("A")},
        {"id": "two", "name": "Two"},
        {"id": "three", "name": "Three", "steps": [{"id": "c", "name": "C"}]},
    ]
    subject, _ = one_journey(tmp_path, journey(stages=stages))
    diagram = flow_diagram(subject)
    assert "e1 [" in diagram.dot and "no steps yet" in diagram.dot
    assert ("s0", "e1", "[style=invis]") in edges(diagram.dot)
    assert ("e1", "s1", "[style=invis]") in edges(diagram.dot)
    assert "Stage Two: no steps yet." in diagram.alt


def test_an_empty_next_draws_an_exit_not_an_edge_to_the_next_step(tmp_path: Path) -> None:
    flow = [
        {"id": "a", "name": "Asks", "next": ["c", "b"]},
        {"id": "b", "name": "Leaves", "next": []},
        {"id": "c", "name": "Buys"},
    ]
    subject, _ = one_journey(tmp_path, journey(stages=[{"id": "s", "name": "S", "steps": flow}]))
    diagram = flow_diagram(subject)
    found = {(a, b): style for a, b, style in edges(diagram.dot)}
    assert set(found) == {("s0", "s2"), ("s0", "s1"), ("s1", "x1"), ("s1", "s2")}
    assert found[("s1", "s2")] == "[style=invis]"  # reading order only, never a flow edge
    assert 'style="dashed"' in found[("s1", "x1")]
    assert re.search(r'^    x1 \[label="exit"', diagram.dot, re.MULTILINE)
    assert "exit: the journey ends here" in diagram.dot  # the legend explains it
    assert "The journey ends (exits) after: Leaves." in diagram.alt


def test_no_exit_is_drawn_where_next_is_left_out(tmp_path: Path) -> None:
    stages = [{"id": "s", "name": "S", "steps": steps("A", "B")}]
    subject, _ = one_journey(tmp_path, journey(stages=stages))
    diagram = flow_diagram(subject)
    assert " x" not in diagram.dot and "exit" not in diagram.dot and "exits" not in diagram.alt
