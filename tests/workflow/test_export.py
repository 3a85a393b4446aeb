"""``journeyspec export``: Mermaid that Mermaid parses, a stable JSON document, CSV tables."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from journeyspec.export import export
from journeyspec.export.mermaid import escape, mermaid_score
from journeyspec.model import Journey, Portfolio
from journeyspec.project import load_config
from journeyspec.validation import validate_project
from tests.conftest import MINIMAL_FILES, REPO, Result, write_files
from tests.workflow import mermaid

Run = Callable[..., Result]

HOSTILE = """\
    journeyspec: 1
    id: hostile
    title: "Plan: a #1 trip; 100% fun"
    persona: odd
    stages:
      - id: s1
        name: "section review: done"
        steps:
          - id: a
            name: "Journey: start; then #2"
            emotion: {score: 2}
          - id: b
            name: "title  of\\nthe step"
            emotion: {score: -2}
          - id: c
            name: "%% not a comment"
          - id: d
            name: "accTitle x"
            emotion: {score: 0.5}
      - id: s2
        name: "Title"
        steps:
          - id: e
            name: "section"
            actor: budi
            emotion: {score: -0.5}
    """


@pytest.fixture(scope="module")
def examples() -> Portfolio:
    validation = validate_project(load_config(REPO))
    assert not validation.findings, validation.findings
    assert validation.portfolio.journeys
    return validation.portfolio


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Portfolio, Journey]:
    return _hostile(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def parsed(
    examples: Portfolio,
    hostile: tuple[Portfolio, Journey],
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, dict[str, Any]]:
    """Every example journey and the hostile one, parsed by Mermaid in one Node run."""
    folder = tmp_path_factory.mktemp("mermaid")
    texts = {j.id: export(examples, [j], "mermaid") for j in examples.journeys}
    texts["hostile"] = export(hostile[0], [hostile[1]], "mermaid")
    files = []
    for name, text in texts.items():
        files.append(folder / f"{name}.mmd")
        files[-1].write_text(text, encoding="utf-8")
    return {Path(r["file"]).stem: r for r in mermaid.parse(files)}


def test_every_example_journey_parses_with_mermaid(
    examples: Portfolio, parsed: dict[str, dict[str, Any]]
) -> None:
    for journey in examples.journeys:
        result = parsed[journey.id]
        assert result["ok"], (journey.id, result["error"])
        assert result["type"] == "journey"
        assert result["title"] == escape(journey.title)
        expected = [
            (
                escape(stage.name),
                escape(step.name),
                mermaid_score(step.emotion.score, journey.emotion_scale) if step.emotion else 3,
            )
            for stage in journey.stages
            for step in stage.steps
        ]
        got = [(t["section"], t["task"], t["score"]) for t in result["tasks"]]
        assert got == expected
        assert all(isinstance(t["score"], int) and 1 <= t["score"] <= 5 for t in result["tasks"])


def _hostile(tmp_path: Path) -> tuple[Portfolio, Journey]:
    files = {
        **MINIMAL_FILES,
        "personas/odd.yaml": "journeyspec: 1\nid: odd\nname: 'Smith, Jo: #1; 50%'\n",
        "journeys/hostile.yaml": HOSTILE,
    }
    write_files(tmp_path, files)
    validation = validate_project(load_config(tmp_path))
    assert not validation.findings
    journey = validation.portfolio.journey("hostile")
    assert journey is not None
    return validation.portfolio, journey


def test_names_with_mermaid_syntax_are_escaped_and_parse(
    hostile: tuple[Portfolio, Journey], parsed: dict[str, dict[str, Any]]
) -> None:
    portfolio, journey = hostile
    text = export(portfolio, [journey], "mermaid")
    assert text == (
        "journey\n"
        "  title Plan： a ＃1 trip； 100％ fun\n"
        "  section \u2060section review： done\n"
        "    \u2060Journey： start； then ＃2: 5: Smith， Jo： ＃1； 50％\n"
        "    \u2060title of the step: 1: Smith， Jo： ＃1； 50％\n"
        "    %% c is unscored: drawn at the neutral 3\n"
        "    ％％ not a comment: 3: Smith， Jo： ＃1； 50％\n"
        "    \u2060accTitle x: 4: Smith， Jo： ＃1； 50％\n"
        "  section \u2060Title\n"
        "    \u2060section: 3: Budi\n"
    )
    result = parsed["hostile"]
    assert result["ok"], result["error"]
    assert result["title"] == "Plan： a ＃1 trip； 100％ fun"
    assert [(t["section"], t["task"], t["score"], t["people"]) for t in result["tasks"]] == [
        ("\u2060section review： done", "\u2060Journey： start； then ＃2", 5, ["Smith， Jo： ＃1； 50％"]),
        ("\u2060section review： done", "\u2060title of the step", 1, ["Smith， Jo： ＃1； 50％"]),
        ("\u2060section review： done", "％％ not a comment", 3, ["Smith， Jo： ＃1； 50％"]),
        ("\u2060section review： done", "\u2060accTitle x", 4, ["Smith， Jo： ＃1； 50％"]),
        ("\u2060Title", "\u2060section", 3, ["Budi"]),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("score", "scale", "expected"),
    [(-2, (-2, 2), 1), (-1, (-2, 2), 2), (0, (-2, 2), 3), (1, (-2, 2), 4), (2, (-2, 2), 5),
     (0.5, (-2, 2), 4), (-0.5, (-2, 2), 3), (1, (1, 7), 1), (4, (1, 7), 3), (7, (1, 7), 5),
     (9, (-2, 2), 5), (-9, (-2, 2), 1)],
)  # fmt: skip
def test_scores_map_linearly_onto_mermaid_1_to_5(
    score: float, scale: tuple[int, int], expected: int
) -> None:
    assert mermaid_score(score, scale) == expected


def test_json_export_is_stable_and_complete(minimal_project: Path, run: Run) -> None:
    first = run("export", "--format", "json", cwd=minimal_project)
    assert first.exit_code == 0, first.stderr
    assert run("export", "--format", "json", cwd=minimal_project).stdout == first.stdout
    document = json.loads(first.stdout)
    assert list(document) == ["format", "version", "project", "journeys", "personas", "teams",
                              "channels", "touchpoints", "studies", "themes"]  # fmt: skip
    (journey,) = document["journeys"]
    assert list(journey)[:4] == ["path", "id", "title", "description"]
    step = journey["stages"][0]["steps"][0]
    assert (step["id"], step["emotion"]["score"], step["mermaid_score"]) == ("searches", -1, 2)
    assert journey["stages"][1]["steps"][0]["mermaid_score"] is None
    assert [p["id"] for p in document["personas"]] == ["budi"]
    assert [t["id"] for t in document["teams"]] == ["customer-success", "marketing"]


def test_csv_tables_parse(examples: Portfolio) -> None:
    steps = list(csv.DictReader(io.StringIO(export(examples, examples.journeys, "csv"))))
    assert len(steps) == sum(len(j.steps) for j in examples.journeys)
    pains = list(csv.DictReader(io.StringIO(
        export(examples, examples.journeys, "csv", table_name="pain-points"))))  # fmt: skip
    assert len(pains) == sum(len(j.pain_points) for j in examples.journeys)
    opportunities = list(csv.DictReader(io.StringIO(
        export(examples, examples.journeys, "csv", table_name="opportunities"))))  # fmt: skip
    assert len(opportunities) == sum(len(j.opportunities) for j in examples.journeys)
    assert {row["quick_win"] for row in opportunities} <= {"true", "false"}


def test_csv_rows_and_formula_guard(minimal_project: Path, run: Run) -> None:
    path = minimal_project / "journeys" / "first-purchase.yaml"
    path.write_text(path.read_text().replace("Searches for software", "=HYPERLINK(1)"))
    result = run("export", "--format", "csv", "-o", "steps.csv", cwd=minimal_project)
    assert result.exit_code == 0, result.stderr
    written = (minimal_project / "steps.csv").read_bytes().decode()
    assert written.split("\r\n") == [
        "journey,stage,stage_name,stage_owner,step,name,does,emotion_score,emotion_label,"
        "moment_of_truth,touchpoints,channels,pain_points",
        "first-purchase,awareness,Awareness,marketing,searches,'=HYPERLINK(1),,-1,anxious,"
        "false,Search ad,Website,",
        "first-purchase,onboarding,Onboarding,customer-success,imports-data,Imports old data,,,,"
        "false,Welcome email,Email,",
        "",
    ]


def test_output_files_are_never_replaced_without_force(minimal_project: Path, run: Run) -> None:
    target = minimal_project / "out.mmd"
    target.write_text("mine\n")
    result = run("export", "--format", "mermaid", "-o", "out.mmd", cwd=minimal_project)
    assert result.exit_code == 2
    assert "out.mmd already exists; pass --force to replace it" in result.stderr
    assert target.read_text() == "mine\n"
    forced = run("export", "--format", "mermaid", "-o", "out.mmd", "--force", cwd=minimal_project)
    assert forced.exit_code == 0
    assert target.read_text().startswith("journey\n  title First purchase\n")


def test_mermaid_of_several_journeys_needs_a_folder(minimal_project: Path, run: Run) -> None:
    second = (minimal_project / "journeys" / "first-purchase.yaml").read_text()
    (minimal_project / "journeys" / "second.yaml").write_text(
        second.replace("id: first-purchase", "id: second")
    )
    refused = run("export", "--format", "mermaid", cwd=minimal_project)
    assert refused.exit_code == 2
    assert "a Mermaid diagram shows one journey; 2 were chosen" in refused.stderr
    result = run("export", "--format", "mermaid", "-o", "diagrams", cwd=minimal_project)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (minimal_project / "diagrams").iterdir()) == [
        "first-purchase.mmd",
        "second.mmd",
    ]
    one = run("export", "--format", "mermaid", "second", cwd=minimal_project)
    assert one.exit_code == 0
    unknown = run("export", "--format", "json", "nope", cwd=minimal_project)
    assert unknown.exit_code == 2
    assert "no valid journey with id 'nope'" in unknown.stderr


def test_invalid_projects_export_nothing(minimal_project: Path, run: Run) -> None:
    path = minimal_project / "journeys" / "first-purchase.yaml"
    path.write_text(path.read_text().replace("persona: budi", "persona: nobody"))
    result = run("export", "--format", "json", cwd=minimal_project)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "nothing exported; fix the errors above first" in result.stderr


def test_json_export_gives_each_step_its_followers_and_an_exit_as_none(
    minimal_project: Path, run: Run
) -> None:
    path = minimal_project / "journeys" / "first-purchase.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("touchpoints: [search-ad]", "touchpoints: [search-ad]\n        next: []")
    )
    result = run("export", "--format", "json", cwd=minimal_project)
    assert result.exit_code == 0, result.stderr
    (journey,) = json.loads(result.stdout)["journeys"]
    first, second = (stage["steps"][0] for stage in journey["stages"])
    assert (first["follows"], first["ends"]) == ([], True)
    assert (second["follows"], second["ends"]) == ([], False)
    path.write_text(text)
    (journey,) = json.loads(run("export", "--format", "json", cwd=minimal_project).stdout)[
        "journeys"
    ]
    assert journey["stages"][0]["steps"][0]["follows"] == ["imports-data"]


PORTFOLIO_FILES = {
    "registry/touchpoints.yaml": """\
        journeyspec: 1
        touchpoints:
          - {id: pricing-page, name: Pricing page, channel: web}
        """,
    "registry/research.yaml": """\
        journeyspec: 1
        studies:
          - {id: nps-q1, title: NPS Q1, method: nps, date: 2026-04-01, sample_size: 800}
        """,
    "registry/themes.yaml": """\
        journeyspec: 1
        themes:
          - {id: hidden-prices, name: Hidden prices}
        """,
    "journeys/checkout.yaml": """\
        journeyspec: 1
        id: checkout
        title: Checkout
        persona: budi
        parent: {journey: first-purchase, stage: awareness}
        stages:
          - id: pays
            name: Pays
            steps:
              - {id: sees-total, name: Sees the total, touchpoints: [pricing-page]}
        pain_points:
          - {id: fees, title: Fees at the end, step: sees-total, evidence: [nps-q1],
             themes: [hidden-prices]}
        kpis:
          - id: completion
            name: Checkout completion
            baseline: 60
            target: 80
            series: [{value: 62, date: 2026-03-31}, {value: 66, date: 2026-04-30}]
            current: {value: 70, date: 2026-05-31}
        """,
}


def test_json_export_holds_the_shared_parts_and_the_new_fields(
    minimal_project: Path, run: Run
) -> None:
    write_files(minimal_project, PORTFOLIO_FILES)
    result = run("export", "--format", "json", cwd=minimal_project)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert [t["id"] for t in document["touchpoints"]] == ["pricing-page"]
    assert document["touchpoints"][0]["path"] == "registry/touchpoints.yaml"
    assert [(s["id"], s["date"], s["sample_size"]) for s in document["studies"]] == [
        ("nps-q1", "2026-04-01", 800)
    ]
    assert [t["name"] for t in document["themes"]] == ["Hidden prices"]
    checkout = next(j for j in document["journeys"] if j["id"] == "checkout")
    assert checkout["parent"] == {"journey": "first-purchase", "stage": "awareness"}
    assert [t["id"] for t in checkout["shared_touchpoints"]] == ["pricing-page"]
    assert checkout["pain_points"][0]["themes"] == ["hidden-prices"]
    assert checkout["pain_points"][0]["evidence"] == ["nps-q1"]
    kpi = checkout["kpis"][0]
    assert kpi["current"] == {"value": 70, "date": "2026-05-31", "pointer": "/kpis/0/current"}
    assert [m["value"] for m in kpi["series"]] == [62, 66]
