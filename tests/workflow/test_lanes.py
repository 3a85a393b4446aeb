"""A project's own lanes: declared in journeyspec.yaml, filled by steps, checked with
positions, and carried into the grid, the exports, the diff and fmt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeyspec.diff.compare import compare
from journeyspec.project import load_config
from journeyspec.site.build import build_site
from journeyspec.validation import validate_project
from tests.conftest import Runner as Run

LANES = """\
lanes:
  - {id: systems, name: Systems, description: The IT systems involved}
  - {id: regulation, name: Regulation, kind: text}
  - {id: agent-mood, name: Agent's mood, kind: score}
"""
# The minimal journey's first step (line 14: its emotion) and second step, with lanes.
FIRST = "        emotion: {score: -1, label: anxious}\n"
SECOND = "        touchpoints: [welcome-email]\n"


def _project(root: Path, first: str, second: str = "") -> Path:
    config = root / "journeyspec.yaml"
    config.write_text(config.read_text(encoding="utf-8") + LANES, encoding="utf-8")
    journey = root / "journeys/first-purchase.yaml"
    text = journey.read_text(encoding="utf-8")
    text = text.replace(FIRST, FIRST + first).replace(SECOND, SECOND + second)
    journey.write_text(text, encoding="utf-8")
    return root


FILLED = (
    "        lanes:\n"
    "          systems: [CRM, Ads console]\n"
    "          regulation: GDPR consent banner\n"
    "          agent-mood: 1\n"
    "          x-note: kept, not a lane\n"
)


def _findings(root: Path) -> list[tuple[int, int, str, str, str]]:
    result = validate_project(load_config(root))
    return [(f.line, f.col, f.rule, f.message, f.hint) for f in result.findings]


def test_declared_lanes_validate_and_reach_the_model(minimal_project: Path) -> None:
    root = _project(minimal_project, FILLED)
    result = validate_project(load_config(root))
    assert result.findings == []
    step = result.portfolio.journeys[0].steps[0]
    assert step.lanes.own == (
        ("systems", ("CRM", "Ads console")),
        ("regulation", "GDPR consent banner"),
        ("agent-mood", 1),
    )
    assert not step.lanes  # no service-blueprint lane: no blueprint diagram


def test_an_unknown_lane_is_an_error_with_did_you_mean(minimal_project: Path) -> None:
    root = _project(
        minimal_project,
        "        lanes:\n          sytems: [CRM]\n          data: [events]\n",
        "        lanes:\n          frontstag: [Agent calls]\n",
    )
    assert _findings(root) == [
        (16, 11, "reference", "unknown lane `sytems`", "did you mean `systems`?"),
        (
            17,
            11,
            "reference",
            "unknown lane `data`",
            "the project's lanes: systems, regulation, agent-mood; declare a lane under "
            "`lanes:` in journeyspec.yaml",
        ),
        (26, 11, "reference", "unknown lane `frontstag`", "did you mean `frontstage`?"),
    ]


def test_a_value_of_the_wrong_kind_is_an_error(minimal_project: Path) -> None:
    root = _project(
        minimal_project,
        "        lanes:\n          regulation: [a, b]\n          agent-mood: high\n"
        "          systems: CRM\n",
    )
    assert [f[:4] for f in _findings(root)] == [
        (16, 23, "reference", "lane `regulation` holds one text, not a list"),
        (17, 23, "reference", "lane `agent-mood` holds a score (a number), not a text"),
        (18, 20, "reference", "lane `systems` holds a list of texts, not a text"),
    ]


@pytest.mark.parametrize(
    ("declared", "message"),
    [
        ("  - {id: backstage, name: Back}\n", "lane `backstage` is a built-in lane"),
        ("  - {id: systems, name: Again}\n", "lane `systems` is declared twice"),
    ],
)
def test_a_lane_that_cannot_be_declared_is_a_config_error(
    minimal_project: Path, run: Run, declared: str, message: str
) -> None:
    root = _project(minimal_project, FILLED)
    config = root / "journeyspec.yaml"
    config.write_text(config.read_text(encoding="utf-8") + declared, encoding="utf-8")
    result = run("validate", cwd=root)
    assert result.exit_code == 2
    assert f"journeyspec.yaml:7:10: error[config]: {message}" in result.stdout + result.stderr


def test_exports_carry_the_lanes(minimal_project: Path, run: Run) -> None:
    root = _project(minimal_project, FILLED, "        lanes: {systems: [ERP]}\n")
    csv = run("export", "--format", "csv", cwd=root)
    assert csv.exit_code == 0, csv.stderr
    header, first, second = csv.stdout.splitlines()
    assert header.endswith(",pain_points,lanes.systems,lanes.regulation,lanes.agent-mood")
    assert first.endswith(",CRM; Ads console,GDPR consent banner,1")
    assert second.endswith(",ERP,,")
    exported = json.loads(run("export", "--format", "json", cwd=root).stdout)
    steps = exported["journeys"][0]["stages"][0]["steps"]
    assert steps[0]["lanes"]["own"] == {
        "systems": ["CRM", "Ads console"],
        "regulation": "GDPR consent banner",
        "agent-mood": 1,
    }


def test_the_diff_reports_each_lane(minimal_project: Path) -> None:
    root = _project(minimal_project, FILLED)
    old = validate_project(load_config(root)).portfolio.journeys[0]
    journey = root / "journeys/first-purchase.yaml"
    text = journey.read_text(encoding="utf-8")
    text = text.replace("agent-mood: 1", "agent-mood: -1").replace("Ads console", "Ad manager")
    text = text.replace("          regulation: GDPR consent banner\n", "")
    journey.write_text(text, encoding="utf-8")
    new = validate_project(load_config(root)).portfolio.journeys[0]
    changes = sorted((c.change, c.old, c.new) for c in compare(old, new) if c.id == "searches")
    assert changes == [
        ("lanes.agent-mood", 1, -1),
        ("lanes.regulation", "GDPR consent banner", None),
        ("lanes.systems", ["CRM", "Ads console"], ["CRM", "Ad manager"]),
    ]


def test_fmt_keeps_them(minimal_project: Path, run: Run) -> None:
    root = _project(minimal_project, FILLED)
    assert run("fmt", cwd=root).exit_code == 0
    before = validate_project(load_config(root)).portfolio.journeys[0].steps[0].lanes
    assert before.own[0] == ("systems", ("CRM", "Ads console"))
    assert (
        "          x-note: kept, not a lane\n"
        in (root / "journeys/first-purchase.yaml").read_text()
    )
    assert run("fmt", "--check", cwd=root).exit_code == 0


def test_the_journey_grid_shows_them(minimal_project: Path) -> None:
    root = _project(minimal_project, FILLED, "        lanes: {systems: [ERP]}\n")
    site = build_site(load_config(root), strict=False).site_dir
    page = (site / "journeys/first-purchase/index.html").read_text(encoding="utf-8")
    rows = [line for line in page.splitlines() if line.startswith('<tr class="jsp-own-lane">')]
    assert rows == [
        '<tr class="jsp-own-lane"><th scope="row" class="jsp-lane" title="The IT systems '
        'involved">Systems</th><td><span class="jsp-item">CRM</span><span class="jsp-item">'
        'Ads console</span></td><td><span class="jsp-item">ERP</span></td></tr>',
        '<tr class="jsp-own-lane"><th scope="row" class="jsp-lane">Regulation</th><td>GDPR '
        "consent banner</td><td></td></tr>",
        '<tr class="jsp-own-lane"><th scope="row" class="jsp-lane">Agent&#39;s mood</th><td>'
        '<span class="jsp-score">1</span></td><td></td></tr>',
    ]


def test_lanes_in_pyproject_toml(minimal_project: Path, run: Run) -> None:
    (minimal_project / "journeyspec.yaml").unlink()
    (minimal_project / "pyproject.toml").write_text(
        "[tool.journeyspec]\njourneyspec = 1\nname = 'Test journeys'\n\n"
        "[[tool.journeyspec.lanes]]\nid = 'systems'\nname = 'Systems'\n",
        encoding="utf-8",
    )
    journey = minimal_project / "journeys/first-purchase.yaml"
    text = journey.read_text(encoding="utf-8")
    journey.write_text(text.replace(FIRST, FIRST + "        lanes: {sistems: [CRM]}\n"))
    result = run("validate", cwd=minimal_project)
    assert result.exit_code == 1
    assert (
        "journeys/first-purchase.yaml:15:17: error[reference]: unknown lane `sistems`"
        in result.stdout
    )
