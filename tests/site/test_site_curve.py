"""The curve lane, the grid's lanes, the people on a map and the blocks holding inline SVG."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from journeyspec.diagrams.series import actor_series, own_series
from journeyspec.flow import flow_of
from journeyspec.model import Journey, Portfolio
from journeyspec.site.blocks import split
from journeyspec.site.curve import journey_curve
from journeyspec.site.grid import journey_grid
from journeyspec.site.matrices import stage_cell
from tests.diagrams.builders import example_portfolio, journey, one_journey, steps


def first_purchase() -> tuple[Journey, Portfolio]:
    portfolio = example_portfolio()
    found = portfolio.journey("accounting-software-first-purchase")
    assert found is not None
    return found, portfolio


def test_the_approving_director_is_her_own_series_never_the_personas() -> None:
    found, portfolio = first_purchase()
    director = [i for i, step in enumerate(found.steps) if step.actor]
    assert director == [6]
    assert own_series(found).scores[6] is None
    [(actor, series)] = actor_series(found)
    assert actor == "ratna"
    assert series.scores[6] == -1
    assert [i for i, s in enumerate(series.scores) if s is not None] == [6]
    curve = journey_curve(found, portfolio, journey_grid(found, {}).steps, "Budi Santoso")
    assert [(line.kind, line.name) for line in curve.lines] == [
        ("persona", "Budi Santoso"),
        ("actor", "Ratna Wijaya"),
        ("overlay", "future state: " + portfolio.future_states_of(found.id)[0].title),
    ]
    assert "jsp-series-actor-0" in curve.cells[6] and "jsp-series-persona" not in curve.cells[6]
    assert curve.words[6] == "Ratna Wijaya: -1 skeptical"


def test_the_persona_heatmap_leaves_the_directors_feelings_out() -> None:
    found, _ = first_purchase()
    decision = next(stage for stage in found.stages if any(s.actor for s in stage.steps))
    persona_scores = [s.emotion.score for s in decision.steps if s.emotion and not s.actor]
    cell = stage_cell(found, decision)
    assert cell.scored == len(persona_scores)
    assert cell.score == round(sum(persona_scores) / len(persona_scores), 1)


def test_each_cell_draws_its_point_at_the_centre_and_a_gap_breaks_the_line(
    tmp_path: Path,
) -> None:
    stage = {
        "id": "s",
        "name": "Stage",
        "steps": [
            {"id": "a", "name": "A", "emotion": {"score": 2}},
            {"id": "b", "name": "B", "emotion": {"score": -2}, "moment_of_truth": True},
            {"id": "c", "name": "C"},
            {"id": "d", "name": "D", "emotion": {"score": 0}},
        ],
    }
    found, portfolio = one_journey(tmp_path, journey(stages=[stage, {"id": "e", "name": "E"}]))
    grid = journey_grid(found, {})
    assert len(grid.steps) == 5 and grid.steps[4] is None  # the empty stage's placeholder
    curve = journey_curve(found, portfolio, grid.steps, "Budi")
    points = [re.findall(r'<svg x="50%" y="([0-9.]+)"', cell) for cell in curve.cells]
    assert points == [["12.0"], ["88.0"], [], ["50.0"], []]
    halves = [re.findall(r'<line x1="(0|100%)"', cell) for cell in curve.cells]
    assert halves == [["100%"], ["0"], [], [], []]  # C is a gap: B and D stay apart
    assert "jsp-star" in curve.cells[1] and "jsp-star" not in curve.cells[0]
    assert curve.words == ("+2", "-2", "", "0", "")
    assert bool(curve)


def test_no_scores_means_no_curve_lane(tmp_path: Path) -> None:
    found, portfolio = one_journey(tmp_path, journey())
    assert not journey_curve(found, portfolio, journey_grid(found, {}).steps, "Budi")


def test_grid_lanes_hide_empty_ones_and_put_a_blueprint_in_canon_order(tmp_path: Path) -> None:
    plain, _ = one_journey(tmp_path / "plain", journey())
    assert [lane.id for lane in journey_grid(plain, {}).rows] == ["curve"]
    lanes = {"physical_evidence": ["Receipt"], "backstage": ["Ticket routed"]}
    stage = {"id": "s", "name": "Stage", "steps": steps("One", "Two", does="Calls", lanes=lanes)}
    blueprint, _ = one_journey(tmp_path / "blueprint", journey(stages=[stage]))
    rows = journey_grid(blueprint, {}).rows
    assert [(lane.id, lane.label, lane.line) for lane in rows] == [
        ("physical_evidence", "Physical evidence", None),
        ("doing", "Customer actions", None),
        ("curve", "Feeling", None),
        ("frontstage", "Frontstage", "Line of interaction"),
        ("backstage", "Backstage", "Line of visibility"),
        ("support", "Support processes", "Line of internal interaction"),
    ]


def test_only_a_flow_that_is_not_a_straight_line_is_worth_a_diagram(tmp_path: Path) -> None:
    straight, _ = one_journey(tmp_path / "a", journey())
    assert flow_of(straight).linear
    stage = {
        "id": "s",
        "name": "Stage",
        "steps": [
            {"id": "a", "name": "A", "next": ["b", "c"]},
            {"id": "b", "name": "B", "next": []},
            {"id": "c", "name": "C"},
        ],
    }
    branching, _ = one_journey(tmp_path / "b", journey(stages=[stage]))
    assert not flow_of(branching).linear


def test_a_block_with_self_closed_svg_tags_ends_at_its_blank_line() -> None:
    page = '<div class="x">\n<svg><line x1="0"/><circle r="5"/></svg>\n</div>\n\n## Next\n'
    parts = split(page)
    assert len(parts.blocks) == 1
    assert "## Next" in parts.markdown


def test_an_actors_unscored_step_has_no_words_under_the_curve() -> None:
    # Found by the fuzzer: "Ratna: " with no score sent the page to a feeling it lacked.
    found, portfolio = first_purchase()
    unscored = [s if not s.actor else dataclasses.replace(s, emotion=None) for s in found.steps]
    curve = journey_curve(found, portfolio, tuple(unscored), "Budi Santoso")
    assert curve.words[6] == ""
    scored = journey_curve(found, portfolio, journey_grid(found, {}).steps, "Budi Santoso")
    assert scored.words[6].startswith("Ratna Wijaya: ")
