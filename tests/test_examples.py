"""The example content in journeys/, personas/ and registry/: valid, complete, and linting
with exactly the weaknesses planted on purpose."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from journeyspec.lint import lint
from journeyspec.model import Journey, Portfolio
from journeyspec.project import load_config
from journeyspec.validation import validate_project
from tests.conftest import REPO, Result, copy_example

MODELINE = "# yaml-language-server: $schema=../schemas/journey.schema.json"
TODAY = dt.date(2026, 11, 23)

# The weaknesses planted in the examples, as (path, line, col, rule) under the default
# (recommended) profile on TODAY. Each one is described in a comment or in the file.
PLANTED = {
    ("journeys/accounting-software-first-purchase-future.yaml", 47, 5, "stage-handoff-undefined"),
    ("journeys/accounting-software-first-purchase.yaml", 73, 13, "question-without-touchpoint"),
    ("journeys/accounting-software-first-purchase.yaml", 102, 13, "question-without-touchpoint"),
    ("journeys/accounting-software-first-purchase.yaml", 177, 55, "evidence-stale"),
    ("journeys/accounting-software-first-purchase.yaml", 216, 5, "opportunity-no-due-date"),
    ("journeys/accounting-software-first-purchase.yaml", 228, 286, "kpi-off-target"),
    ("journeys/accounting-software-first-purchase.yaml", 229, 204, "kpi-measurement-stale"),
    ("journeys/bank-account-opening.yaml", 109, 26, "emotion-steep-drop-without-pain-point"),
    ("journeys/bank-account-opening.yaml", 207, 5, "kpi-no-baseline-or-target"),
    ("journeys/dress-shoes-online-purchase.yaml", 188, 5, "pain-point-no-evidence"),
    ("journeys/dress-shoes-online-purchase.yaml", 216, 5, "opportunity-unrated"),
    ("journeys/dress-shoes-online-purchase.yaml", 228, 257, "kpi-off-target"),
    ("journeys/dress-shoes-online-purchase.yaml", 231, 5, "kpi-no-baseline-or-target"),
    ("journeys/gym-membership.yaml", 23, 16, "journey-review-overdue"),
    ("journeys/gym-membership.yaml", 141, 13, "gap-unaddressed"),
    ("journeys/gym-membership.yaml", 203, 10, "opportunity-overdue"),
    ("journeys/gym-membership.yaml", 212, 10, "opportunity-overdue"),
    ("journeys/gym-membership.yaml", 229, 10, "opportunity-overdue"),
    ("journeys/gym-membership.yaml", 238, 187, "kpi-off-target"),
    ("journeys/ledgerly-order-and-contract.yaml", 87, 9, "kpi-off-target"),
    ("journeys/missing-delivery-support.yaml", 218, 5, "pain-point-without-opportunity"),
    ("journeys/missing-delivery-support.yaml", 245, 10, "opportunity-overdue"),
}


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository's example content, so nothing runs against the checkout."""
    return copy_example(tmp_path_factory.mktemp("examples"))


@pytest.fixture(scope="module")
def portfolio(examples: Path) -> Portfolio:
    return validate_project(load_config(examples)).portfolio


def journey(portfolio: Portfolio, journey_id: str) -> Journey:
    found = portfolio.journey(journey_id)
    assert found is not None, f"example journey {journey_id} is missing or invalid"
    return found


def test_validate_reports_no_problems(examples: Path, run: Callable[..., Result]) -> None:
    files = (
        len(list((examples / "journeys").glob("*.yaml")))
        + len(list((examples / "personas").glob("*.yaml")))
        + len(list((examples / "registry").glob("*.yaml")))
    )
    result = run("validate", cwd=examples)
    assert result.exit_code == 0, result.stdout
    assert result.stdout.strip() == f"✓ {files} files checked, no problems"


def test_every_journey_opens_with_the_schema_modeline() -> None:
    paths = sorted((REPO / "journeys").glob("*.yaml"))
    assert len(paths) >= 6
    for path in paths:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == MODELINE, path.name


def test_journeys_are_rich_but_not_sprawling() -> None:
    for path in sorted((REPO / "journeys").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        lines = len(text.splitlines())
        shortest = 60 if "\nkind: deep-dive\n" in text else 120  # a deep dive is one stage
        assert shortest <= lines <= 350, f"{path.name} has {lines} lines"


def test_every_file_became_part_of_the_portfolio(portfolio: Portfolio) -> None:
    assert len(portfolio.journeys) == len(list((REPO / "journeys").glob("*.yaml")))
    assert len(portfolio.personas) >= 6
    assert len(portfolio.teams) >= 8
    assert len(portfolio.channels) >= 10


def test_b2b_purchase_has_the_approving_director_as_actor(portfolio: Portfolio) -> None:
    b2b = journey(portfolio, "accounting-software-first-purchase")
    assert "b2b" in b2b.tags
    assert b2b.persona == "budi"
    assert [a.persona for a in b2b.actors if a.persona] == ["ratna"]
    acting = [step.id for step in b2b.steps if step.actor == "ratna"]
    assert acting == ["requests-approval"]


def test_gym_wishes_are_gaps_and_gaps_lead_to_opportunities(portfolio: Portfolio) -> None:
    gym = journey(portfolio, "gym-membership")
    gaps = [gap.id for step in gym.steps for gap in step.gaps]
    assert len(gaps) == 5
    for step in gym.steps:
        if step.gaps:
            assert any(t.startswith("I wish") for t in step.thinks), step.id
    unaddressed = [gap for gap in gaps if not gym.opportunities_for(gap)]
    assert unaddressed == ["loyalty-rewards"]  # planted for gap-unaddressed


def test_shoe_purchase_loops_back_and_runs_to_advocacy(portfolio: Portfolio) -> None:
    shop = journey(portfolio, "dress-shoes-online-purchase")
    order = [step.id for step in shop.steps]
    loops = [
        (step.id, target)
        for step in shop.steps
        for target in step.next
        if order.index(target) < order.index(step.id)
    ]
    assert loops == [("receives-coupon", "reviews-cart")]
    assert [stage.id for stage in shop.stages][-2:] == ["exchange", "advocacy"]


def test_support_blueprint_has_all_lanes_on_every_step(portfolio: Portfolio) -> None:
    blueprint = journey(portfolio, "missing-delivery-support")
    assert blueprint.kind == "service-blueprint"
    for step in blueprint.steps:
        lanes = step.lanes
        assert lanes.physical_evidence and lanes.frontstage, step.id
        assert lanes.backstage and lanes.support, step.id
    assert sum(1 for step in blueprint.steps if step.wait_time) >= 5
    fail_points = [p for p in blueprint.pain_points if p.title.startswith("Fail point")]
    assert len(fail_points) == 4


def test_banking_journey_exists(portfolio: Portfolio) -> None:
    bank = journey(portfolio, "bank-account-opening")
    assert "banking" in bank.tags
    assert any(step.moment_of_truth for step in bank.steps)


def test_future_state_improves_its_current_state_on_shared_steps(portfolio: Portfolio) -> None:
    futures = [j for j in portfolio.journeys if j.kind == "future-state"]
    assert [j.id for j in futures] == ["accounting-software-first-purchase-future"]
    future = futures[0]
    assert future.current_state is not None
    current = journey(portfolio, future.current_state)
    assert current.kind == "current-state"
    assert portfolio.future_states_of(current.id) == (future,)
    now = {s.id: s.emotion.score for s in current.steps if s.emotion}
    then = {s.id: s.emotion.score for s in future.steps if s.emotion}
    shared = sorted(now.keys() & then.keys())
    assert len(shared) >= 6
    assert all(then[step] >= now[step] for step in shared)
    assert sum(then[step] > now[step] for step in shared) >= 4


def test_portfolio_has_one_stale_map_and_unscored_steps(portfolio: Portfolio) -> None:
    stale = [
        j.id for j in portfolio.journeys if j.last_reviewed and (TODAY - j.last_reviewed).days > 365
    ]
    assert stale == ["gym-membership"]
    assert [j.id for j in portfolio.journeys if j.review_interval] == ["missing-delivery-support"]
    unscored = [s.id for j in portfolio.journeys for s in j.steps if s.emotion is None]
    assert len(unscored) >= 4


def test_lint_finds_exactly_the_planted_weaknesses(examples: Path) -> None:
    result = lint(load_config(examples), today=TODAY)
    found = {(f.path, f.line, f.col, f.rule) for f in result.findings}
    assert found == PLANTED


def test_shared_touchpoints_themes_research_and_a_sub_journey(portfolio: Portfolio) -> None:
    """Issue 14's demo: shared parts used across journeys, and a deep dive under a stage."""
    users = {
        t: {j.id for j in portfolio.journeys if any(s.id == t for s in j.shared_touchpoints)}
        for t in portfolio.touchpoints
    }
    assert len(users["e-contract"]) >= 3
    hidden = {
        j.id for j in portfolio.journeys for p in j.pain_points if "hidden-prices" in p.themes
    }
    assert len(hidden) == 3
    citing = {
        j.path for j in portfolio.journeys if any(i in portfolio.studies for _, i in j.citations())
    }
    citing |= {p.path for p in portfolio.personas.values() if p.research}
    assert len(citing) >= 4
    measured = [k for j in portfolio.journeys for k in j.kpis if len(k.measurements) > 1]
    assert len(measured) >= 3
    assert any(k.on_target is False for k in measured)
    assert any(k.on_target is True for k in measured)
    (child,) = portfolio.children_of("accounting-software-first-purchase")
    assert child.parent is not None and child.parent.stage == "decision"
