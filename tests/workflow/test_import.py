"""`journeyspec import`: CSV grids (both layouts) and Mermaid journeys become journey files."""

from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from journeyspec.export.table import render
from journeyspec.formatting import format_text
from journeyspec.model import Journey, Portfolio
from journeyspec.project import load_config
from journeyspec.validation import validate_project
from tests.conftest import Runner, copy_example, write_files

MODELINE = (
    "# yaml-language-server: $schema=https://journeyspec.dev/schemas/v1/journey.schema.json\n"
)


def portfolio_of(root: Path) -> Portfolio:
    result = validate_project(load_config(root))
    assert not result.findings, [str(f) for f in result.findings]
    return result.portfolio


def carried(journey: Journey, portfolio: Portfolio) -> list[Any]:
    """Everything of a journey the steps table holds, as data."""
    stages = []
    for stage in journey.stages:
        steps = []
        for step in stage.steps:
            touchpoints = [journey.touchpoint(t) for t in step.touchpoints]
            steps.append(
                (
                    step.id, step.name, step.does,
                    step.emotion.score if step.emotion else None,
                    step.emotion.label if step.emotion else None,
                    step.moment_of_truth,
                    [t.name for t in touchpoints if t],
                    list(dict.fromkeys(t.channel for t in touchpoints if t and t.channel)),
                    [p.id for p in journey.pain_points_at(step.id)],
                )
            )  # fmt: skip
        stages.append((stage.id, stage.name, stage.owner, steps))
    return stages


PAIN_COLUMNS = ("journey", "id", "title", "severity", "stage", "step", "opportunities")
OPPORTUNITY_COLUMNS = ("journey", "id", "title", "status", "impact", "effort", "quick_win",
                       "owner", "due", "link")  # fmt: skip


def rows(text: str, columns: tuple[str, ...]) -> list[tuple[str, ...]]:
    return sorted(tuple(row[c] for c in columns) for row in csv.DictReader(io.StringIO(text)))


def test_the_demo_csv_tables_import_back_to_the_same_pain_points_and_opportunities(
    tmp_path: Path, run: Runner
) -> None:
    original = copy_example(tmp_path / "original")
    tables = ("steps", "pain-points", "opportunities")
    for table in tables:
        out = str(tmp_path / f"{table}.csv")
        assert (
            run("export", "--format", "csv", "--table", table, "-o", out, cwd=original).exit_code
            == 0
        )
    fresh = copy_example(tmp_path / "fresh", ("journeyspec.yaml", "personas", "registry"))
    result = run("import", *(str(tmp_path / f"{t}.csv") for t in tables), cwd=fresh)
    assert result.exit_code == 1, result.stderr
    notes = [ln for ln in result.stderr.splitlines() if ln.startswith("not mapped: ")]
    # Evidence, KPIs and gaps are in no table; touchpoint ids neither: each one is reported.
    assert {n.split(": ", 3)[2].split(" ")[0] for n in notes} <= {
        "the", "evidence", "kpis", "addresses", "touchpoint"
    }  # fmt: skip
    assert (
        "not mapped: "
        + str(tmp_path / "opportunities.csv")
        + (" row 14: addresses member-stories: not in the sheets; left out")
        in result.stderr
    )
    before, after = portfolio_of(original), portfolio_of(fresh)
    for table, columns in (("pain-points", PAIN_COLUMNS), ("opportunities", OPPORTUNITY_COLUMNS)):
        again = render(after, after.journeys, table)  # type: ignore[arg-type]
        first = render(before, before.journeys, table)  # type: ignore[arg-type]
        assert rows(again, columns) == rows(first, columns), table


def test_the_demo_csv_export_imports_back_to_equal_journeys(tmp_path: Path, run: Runner) -> None:
    original = copy_example(tmp_path / "original")
    exported = run("export", "--format", "csv", "-o", str(tmp_path / "steps.csv"), cwd=original)
    assert exported.exit_code == 0, exported.stderr
    fresh = copy_example(tmp_path / "fresh", ("journeyspec.yaml", "personas", "registry"))
    (fresh / "journeys").mkdir()
    result = run("import", str(tmp_path / "steps.csv"), cwd=fresh)
    before = portfolio_of(original)
    assert sorted(result.stdout.splitlines()) == sorted(
        f"created journeys/{j.id}.yaml" for j in before.journeys
    )
    # The table does not say which touchpoint carries which channel when a step lists
    # fewer channels than touchpoints: those choices are reported (exit 1), never silent.
    assert result.exit_code == 1, result.stderr
    notes = [ln for ln in result.stderr.splitlines() if ln.startswith("not mapped: ")]
    assert notes and all("does not say which touchpoint has which channel" in n for n in notes)
    after = portfolio_of(fresh)  # every imported journey validates, references included
    assert sorted(j.id for j in after.journeys) == sorted(j.id for j in before.journeys)
    for journey in before.journeys:
        imported = after.journey(journey.id)
        assert imported is not None
        assert carried(imported, after) == carried(journey, before), journey.id
        # Exported again, byte for byte the same table.
        assert render(after, [imported], "steps") == render(before, [journey], "steps")
        text = (fresh / "journeys" / f"{journey.id}.yaml").read_text(encoding="utf-8")
        assert text.startswith(MODELINE)
        assert format_text(text, "journey") == text  # fmt's canonical form
        data = yaml.safe_load(text)
        assert data["objective"].startswith("TODO: ")
        assert "check the persona (amara)" in data["objective"]
        assert "owner" not in data


def test_imported_journeys_ask_for_persona_and_owner_through_lint(
    minimal_project: Path, run: Runner
) -> None:
    sheet = minimal_project / "grid.csv"
    sheet.write_text("stage,Awareness\nstep,Sees an ad\n", encoding="utf-8")
    result = run("import", "grid.csv", cwd=minimal_project)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "created journeys/grid.yaml\n"
    assert "next: check the persona (budi); set `owner:` on the journey" in result.stderr
    lint = run("lint", "journeys/grid.yaml", cwd=minimal_project)
    for finding in (
        "journeys/grid.yaml:4:8: warning[template-placeholder]: `title`",
        "journeys/grid.yaml:7:12: warning[template-placeholder]: `objective`",
        "journeys/grid.yaml:2:1: error[journey-no-owner]",
    ):
        assert finding in lint.stdout
    text = (minimal_project / "journeys/grid.yaml").read_text(encoding="utf-8")
    assert "imported from grid.csv: check the persona (budi) and name the owning team" in text


WORKSHOP = (
    "Stage,Awareness,,Purchase\r\n"
    "Step,Sees an ad,Reads reviews,Pays\r\n"
    "Doing,Scrolls social media,Compares three shops,Enters card details\r\n"
    '"Thinking","Nice shoes","Are they true to size?\nWill they last?","Why so many fields?"\r\n'
    "Feeling,curious (1),unsure -1,annoyed: -2\r\n"
    "Touchpoints,Instagram ad,Review site; Size chart,Checkout\r\n"
    "Backstage notes,ads team,,payments\r\n"
    "Pain points,,Sizes differ between brands,Checkout asks for the address twice\r\n"
    "Opportunities,,,Remember the address\r\n"
    "Channels,Social media,Website,Website\r\n"
)


def test_a_workshop_sheet_becomes_a_journey(minimal_project: Path, run: Runner) -> None:
    (minimal_project / "workshop.csv").write_text(WORKSHOP, encoding="utf-8")
    result = run(
        "import", "workshop.csv", "--id", "shoes", "--owner", "marketing", cwd=minimal_project
    )
    assert result.exit_code == 1, result.stderr  # the unknown row, the unknown channel
    assert result.stdout == "created journeys/shoes.yaml\n"
    assert result.stderr.splitlines()[:2] == [
        "not mapped: workshop.csv row 7, column A: unknown lane 'Backstage notes': not imported",
        "not mapped: workshop.csv row 2, column B: channel 'Social media' is not in the "
        "channels registry",
    ]
    data = yaml.safe_load((minimal_project / "journeys/shoes.yaml").read_text(encoding="utf-8"))
    assert data["owner"] == "marketing"
    assert [(s["id"], s["name"], s["owner"]) for s in data["stages"]] == [
        ("awareness", "Awareness", "marketing"),
        ("purchase", "Purchase", "marketing"),
    ]
    awareness, purchase = data["stages"]
    assert awareness["steps"] == [
        {
            "id": "sees-an-ad",
            "name": "Sees an ad",
            "does": "Scrolls social media",
            "thinks": ["Nice shoes"],
            "emotion": {"score": 1, "label": "curious"},
            "touchpoints": ["instagram-ad"],
        },
        {
            "id": "reads-reviews",
            "name": "Reads reviews",
            "does": "Compares three shops",
            "thinks": ["Are they true to size?", "Will they last?"],
            "emotion": {"score": -1, "label": "unsure"},
            "touchpoints": ["review-site", "size-chart"],
        },
    ]
    assert purchase["steps"][0]["emotion"] == {"score": -2, "label": "annoyed"}
    assert data["touchpoints"] == [
        {"id": "instagram-ad", "name": "Instagram ad"},
        {"id": "review-site", "name": "Review site", "channel": "web"},
        {"id": "size-chart", "name": "Size chart", "channel": "web"},
        {"id": "checkout", "name": "Checkout", "channel": "web"},
    ]
    assert data["pain_points"] == [
        {
            "id": "sizes-differ-between-brands",
            "title": "Sizes differ between brands",
            "step": "reads-reviews",
        },
        {
            "id": "checkout-asks-for-the-address-twice",
            "title": "Checkout asks for the address twice",
            "step": "pays",
        },
    ]
    assert data["opportunities"] == [
        {
            "id": "remember-the-address",
            "title": "Remember the address",
            "addresses": ["checkout-asks-for-the-address-twice"],
            "owner": "marketing",
        }
    ]
    assert run("validate", cwd=minimal_project).exit_code == 0


def test_a_workshop_sheet_reports_cells_under_no_step(minimal_project: Path, run: Runner) -> None:
    (minimal_project / "w.csv").write_text(
        "stage,Awareness\nstep,Sees an ad,\ndoing,Scrolls,Orphan text\n", encoding="utf-8"
    )
    result = run("import", "w.csv", cwd=minimal_project)
    assert result.exit_code == 1
    assert "not mapped: w.csv row 3, column C: a cell under no step: not imported" in result.stderr


def test_unknown_columns_of_the_steps_layout_are_reported(
    minimal_project: Path, run: Runner
) -> None:
    (minimal_project / "s.csv").write_text(
        "journey,stage,step,name,colour\nx,a,b,Sees an ad,red\nx,a,c,Clicks,blue,extra\n",
        encoding="utf-8",
    )
    result = run("import", "s.csv", cwd=minimal_project)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        "not mapped: s.csv row 1, column E: unknown column 'colour': not imported",
        "not mapped: s.csv row 3, column F: a cell past the header",
    ]
    data = yaml.safe_load((minimal_project / "journeys/x.yaml").read_text(encoding="utf-8"))
    assert [s["id"] for s in data["stages"][0]["steps"]] == ["b", "c"]


MERMAID = """\
journey
  title Buying accounting software
  accTitle: Buying
  section Awareness
    Searches the web: 1: Budi
    Reads a blog: 3: Budi, Someone Else
  section Decision
    %% signs is unscored: drawn at the neutral 3
    Signs: 3: Budi
    Celebrates: 7: Budi
"""


def test_a_mermaid_journey_maps_its_scale_onto_the_projects(
    minimal_project: Path, run: Runner
) -> None:
    (minimal_project / "buying.mmd").write_text(MERMAID, encoding="utf-8")
    result = run("import", "buying.mmd", cwd=minimal_project)
    assert result.exit_code == 1
    assert result.stdout == "created journeys/buying.yaml\n"
    assert [ln for ln in result.stderr.splitlines() if ln.startswith("not mapped")] == [
        "not mapped: buying.mmd line 3: not imported: 'accTitle: Buying'",
        "not mapped: buying.mmd line 10: score 7 is outside Mermaid's 1..5: clamped",
        "not mapped: buying.mmd line 6: actor 'Someone Else' is not a persona of the project",
    ]
    data = yaml.safe_load((minimal_project / "journeys/buying.yaml").read_text(encoding="utf-8"))
    assert data["title"] == "Buying accounting software"
    assert data["persona"] == "budi"  # the actor's name matched the persona's
    steps = [s for stage in data["stages"] for s in stage["steps"]]
    assert [(s["name"], s.get("emotion")) for s in steps] == [
        ("Searches the web", {"score": -2}),
        ("Reads a blog", {"score": 0}),
        ("Signs", None),  # the export's unscored step: a gap, not a 3
        ("Celebrates", {"score": 2}),
    ]


def test_mermaid_scores_follow_a_declared_one_to_seven_scale(
    minimal_project: Path, run: Runner
) -> None:
    config = minimal_project / "journeyspec.yaml"
    config.write_text(config.read_text() + "emotion_scale: {min: 1, max: 7}\n")
    (minimal_project / "j.mmd").write_text(
        "journey\n  section S\n    A: 1: Budi\n    B: 2: Budi\n    C: 5: Budi\n"
    )
    assert run("import", "j.mmd", cwd=minimal_project).exit_code == 0
    data = yaml.safe_load((minimal_project / "journeys/j.yaml").read_text(encoding="utf-8"))
    assert [s["emotion"]["score"] for s in data["stages"][0]["steps"]] == [1, 2.5, 7]


def test_an_exported_mermaid_journey_imports_back(minimal_project: Path, run: Runner) -> None:
    exported = run("export", "--format", "mermaid", "-o", "fp.mmd", cwd=minimal_project)
    assert exported.exit_code == 0, exported.stderr
    result = run("import", "fp.mmd", "--id", "again", cwd=minimal_project)
    assert result.exit_code == 0, result.stderr
    data = yaml.safe_load((minimal_project / "journeys/again.yaml").read_text(encoding="utf-8"))
    assert data["title"] == "First purchase"
    assert [(s["name"], [t["name"] for t in s["steps"]]) for s in data["stages"]] == [
        ("Awareness", ["Searches for software"]),
        ("Onboarding", ["Imports old data"]),
    ]
    first, second = (stage["steps"][0] for stage in data["stages"])
    assert first["emotion"] == {"score": -1}  # -1 -> Mermaid 2 -> -1
    assert "emotion" not in second  # unscored stays unscored


def test_formula_cells_stay_text_and_exports_escape_them(
    minimal_project: Path, run: Runner
) -> None:
    journey = minimal_project / "journeys/first-purchase.yaml"
    text = journey.read_text(encoding="utf-8")
    for old, new in (("Searches for software", "=HYPERLINK(\"http://x.example\",\"y\")"),
                     ("Imports old data", "@SUM(A1)"), ("Awareness", "+Awareness"),
                     ("Onboarding", "-Onboarding")):  # fmt: skip
        text = text.replace(f"name: {old}", f"name: '{new}'")
    journey.write_text(text, encoding="utf-8")
    assert run("export", "--format", "csv", "-o", "s.csv", cwd=minimal_project).exit_code == 0
    cells = (minimal_project / "s.csv").read_text(encoding="utf-8")
    # The export guards every formula start with an apostrophe (CSV injection).
    for guarded in ("'=HYPERLINK", "'@SUM(A1)", "'+Awareness", "'-Onboarding"):
        assert guarded in cells
    result = run("import", "s.csv", "--id", "copy", cwd=minimal_project)
    assert result.exit_code == 0, result.stderr
    data = yaml.safe_load((minimal_project / "journeys/copy.yaml").read_text(encoding="utf-8"))
    assert [s["name"] for s in data["stages"]] == ["+Awareness", "-Onboarding"]
    assert [s["steps"][0]["name"] for s in data["stages"]] == [
        '=HYPERLINK("http://x.example","y")',
        "@SUM(A1)",
    ]


def test_huge_cells_are_cut_and_reported(minimal_project: Path, run: Runner) -> None:
    huge = "x" * 200_000
    (minimal_project / "h.csv").write_text(
        f"stage,S\nstep,{huge}\ndoing,{huge}\n", encoding="utf-8"
    )
    result = run("import", "h.csv", cwd=minimal_project)
    assert result.exit_code == 1
    assert "h.csv row 2, column B: 200,000 characters; cut to the 5,000 a journey keeps" in (
        result.stderr
    )
    assert "cut to the 50,000 a journey keeps" in result.stderr
    data = yaml.safe_load((minimal_project / "journeys/h.yaml").read_text(encoding="utf-8"))
    step = data["stages"][0]["steps"][0]
    assert (len(step["name"]), len(step["does"])) == (5000, 50000)
    assert run("validate", cwd=minimal_project).exit_code == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe\x00bad", "h.csv: not UTF-8 text (byte 0); save it as UTF-8"),
        (b"", "h.csv: the sheet is empty"),
        (b"a,b\nc,d\n", "no header row naming"),
    ],
)
def test_unreadable_sheets_write_nothing(
    minimal_project: Path, run: Runner, content: bytes, message: str
) -> None:
    (minimal_project / "h.csv").write_bytes(content)
    result = run("import", "h.csv", cwd=minimal_project)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (minimal_project / "journeys").iterdir()) == [
        "first-purchase.yaml"
    ]


def test_not_a_mermaid_journey(minimal_project: Path, run: Runner) -> None:
    (minimal_project / "f.mmd").write_text("flowchart LR\n  A --> B\n")
    result = run("import", "f.mmd", cwd=minimal_project)
    assert result.exit_code == 2
    assert "f.mmd:1:1: not a Mermaid journey: the first line must be `journey`" in result.stderr


def test_a_fifo_is_refused(minimal_project: Path, run: Runner) -> None:
    os.mkfifo(minimal_project / "pipe.csv")
    result = run("import", "pipe.csv", cwd=minimal_project)
    assert result.exit_code == 2
    assert "not a regular file" in result.stderr


def test_usage_errors(minimal_project: Path, run: Runner) -> None:
    (minimal_project / "g.csv").write_text("stage,A\nstep,B\n")
    for args, message in (
        (("--persona", "nobody"), "no persona 'nobody' (personas: budi)"),
        (("--owner", "nobody"), "no team 'nobody' (teams: customer-success, marketing)"),
        (("--id", "Not An Id"), "--id 'Not An Id' is not an id"),
        (("--id", "first-purchase"), "a journey with id 'first-purchase' exists already"),
    ):
        result = run("import", "g.csv", *args, cwd=minimal_project)
        assert (result.exit_code, message in result.stderr) == (2, True), result.stderr


def test_never_overwrites_and_never_writes_through_a_link(
    minimal_project: Path, tmp_path: Path, run: Runner
) -> None:
    (minimal_project / "g.csv").write_text("stage,A\nstep,B\n")
    stray = minimal_project / "journeys/g.yaml"
    stray.write_text("# mine, not a journey yet\n")
    result = run("import", "g.csv", cwd=minimal_project)
    assert result.exit_code == 2
    assert stray.read_text() == "# mine, not a journey yet\n"
    stray.unlink()
    outside = tmp_path / "outside.yaml"
    stray.symlink_to(outside)  # a dangling link: writing would create the file outside
    result = run("import", "g.csv", cwd=minimal_project)
    assert result.exit_code == 2
    assert not outside.exists()
    stray.unlink()
    journeys = minimal_project / "journeys"
    shutil.move(journeys, tmp_path / "real-journeys")
    journeys.symlink_to(tmp_path / "real-journeys")
    result = run("import", "g.csv", cwd=minimal_project)
    assert result.exit_code == 2
    assert "link" in result.stderr
    assert not (tmp_path / "real-journeys/g.yaml").exists()


def test_importing_twice_refuses_the_second(minimal_project: Path, run: Runner) -> None:
    write_files(minimal_project, {"g.csv": "stage,A\nstep,B\n"})
    assert run("import", "g.csv", cwd=minimal_project).exit_code == 0
    first = (minimal_project / "journeys/g.yaml").read_bytes()
    second = run("import", "g.csv", cwd=minimal_project)
    assert second.exit_code == 2
    assert "a journey with id 'g' exists already" in second.stderr
    assert (minimal_project / "journeys/g.yaml").read_bytes() == first


def test_control_and_bidi_characters_never_reach_the_file(
    minimal_project: Path, run: Runner
) -> None:
    (minimal_project / "c.csv").write_bytes(
        b'stage,A\x00x\nstep,"B\xe2\x80\xa8C\x1b[31m\xe2\x80\xaeevil\x0c"\ndoing,"tab\there\rcr"\n'
    )
    result = run("import", "c.csv", cwd=minimal_project)
    assert result.exit_code == 1, result.stderr
    assert (
        "not mapped: c.csv row 2, column B: bidi control characters taken out: they can make "
        "text read differently from what it holds"
    ) in result.stderr
    data = yaml.safe_load((minimal_project / "journeys/c.yaml").read_text(encoding="utf-8"))
    stage = data["stages"][0]
    assert stage["name"] == "Ax"
    assert stage["steps"][0]["name"] == "B\nC[31mevil"
    assert stage["steps"][0]["does"] == "tab\there\ncr"
    assert run("validate", cwd=minimal_project).exit_code == 0


def test_semicolon_sheets_and_ids_that_had_to_change(minimal_project: Path, run: Runner) -> None:
    (minimal_project / "s.csv").write_text(
        "journey;stage;step;name;emotion_score\n"
        "x;a;Step One;Sees an ad;1,5\n"
        "x;a;b;Clicks;2\n"
        "x;a;b;Clicks again;\n",
        encoding="utf-8",
    )
    result = run("import", "s.csv", cwd=minimal_project)
    assert result.exit_code == 1
    assert [ln for ln in result.stderr.splitlines() if ln.startswith("not mapped")] == [
        "not mapped: s.csv row 2: id 'Step One' became 'step-one' (ids are unique lowercase "
        "words joined by hyphens)",
        "not mapped: s.csv row 4: id 'b' became 'b-2' (ids are unique lowercase words joined "
        "by hyphens)",
    ]
    data = yaml.safe_load((minimal_project / "journeys/x.yaml").read_text(encoding="utf-8"))
    assert data["stages"][0]["steps"][0]["emotion"] == {"score": 1.5}  # a decimal comma
    assert [(s["id"], s["name"]) for s in data["stages"][0]["steps"]] == [
        ("step-one", "Sees an ad"),
        ("b", "Clicks"),
        ("b-2", "Clicks again"),
    ]


def test_mermaid_actors_that_are_other_personas_act_at_their_steps(
    minimal_project: Path, run: Runner
) -> None:
    write_files(
        minimal_project,
        {"personas/dana.yaml": "journeyspec: 1\nid: dana\nname: Dana Director\nrole: Director\n"},
    )
    (minimal_project / "b.mmd").write_text(
        "journey\n  section S\n    Asks: 3: Budi\n    Approves: 4: Dana Director\n"
        "    Signs: 5: Budi, dana, Stranger\n",
        encoding="utf-8",
    )
    result = run("import", "b.mmd", "--persona", "budi", cwd=minimal_project)
    assert result.exit_code == 1
    assert "not mapped: b.mmd line 5: actor 'Stranger' is not a persona of the project" in (
        result.stderr
    )
    data = yaml.safe_load((minimal_project / "journeys/b.yaml").read_text(encoding="utf-8"))
    assert data["persona"] == "budi"
    assert [s.get("actor") for s in data["stages"][0]["steps"]] == [None, "dana", "dana"]
    assert run("validate", cwd=minimal_project).exit_code == 0


def test_a_pain_points_table_alone_writes_nothing(minimal_project: Path, run: Runner) -> None:
    exported = run(
        "export", "--format", "csv", "--table", "pain-points", "-o", "p.csv", cwd=minimal_project
    )
    assert exported.exit_code == 0, exported.stderr
    result = run("import", "p.csv", cwd=minimal_project)
    assert result.exit_code == 2
    assert "no journey with stages and steps in p.csv" in result.stderr


def test_channels_are_told_apart_by_the_steps_together() -> None:
    from journeyspec.importing.channels import solve_channels

    # Step 1 alone says "Ad" is social; then step 2's order says "Page" is web.
    found, guessed = solve_channels([(["Ad"], ["social"]), (["Ad", "Page"], ["social", "web"])])
    assert (found, guessed) == ({"Ad": "social", "Page": "web"}, set())
    # Two touchpoints, one channel: either may lack it; the first fullest reading is taken
    # and reported as a guess.
    found, guessed = solve_channels([(["A", "B"], ["email"])])
    assert (found, guessed) == ({"A": "email", "B": "email"}, {"A", "B"})
