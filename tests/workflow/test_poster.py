"""``journeyspec export --format poster``: real PDFs (read back with poppler), real SVGs."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from journeyspec.export.poster import layout, poster_svg
from journeyspec.export.poster.curve import COLOURS
from journeyspec.export.poster.shapes import Line, Mark, Poster, Text
from journeyspec.model import Portfolio
from journeyspec.project import load_config
from journeyspec.typesetting import width, wrap
from journeyspec.validation import validate_project
from tests.conftest import REPO, Result, copy_example

Run = Callable[..., Result]
ARTIFACTS = REPO / "test-artifacts" / "poster"


def poppler(tool: str) -> str:
    found = shutil.which(tool)
    assert found, f"{tool} is missing: install Debian's poppler-utils (scripts/setup should)"
    return found


def pdf_text(pdf: Path) -> str:
    """The PDF's text in content order, whitespace collapsed (a wrapped name is one line)."""
    raw = subprocess.run(
        [poppler("pdftotext"), "-raw", "-enc", "UTF-8", str(pdf), "-"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return " ".join(raw.split())


def pdf_info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(
        [poppler("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


@pytest.fixture(scope="module")
def examples() -> Portfolio:
    validation = validate_project(load_config(REPO))
    assert not validation.findings, validation.findings
    return validation.portfolio


@pytest.fixture(scope="module")
def posters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every demo journey's poster, exported once through the CLI."""
    project = copy_example(tmp_path_factory.mktemp("example"))
    out = project / "out"
    done = subprocess.run(
        [sys.executable, "-m", "journeyspec", "export", "--format", "poster", "-o", str(out)],
        cwd=project, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out


def test_every_step_name_is_text_in_the_pdf_with_its_fonts_embedded(
    examples: Portfolio, posters: Path
) -> None:
    assert sorted(p.name for p in posters.iterdir()) == sorted(
        f"{j.id}.{ext}" for j in examples.journeys for ext in ("pdf", "svg")
    )
    for journey in examples.journeys:
        pdf = posters / f"{journey.id}.pdf"
        text = pdf_text(pdf)
        for step in journey.steps:
            assert " ".join(step.name.split()) in text, (journey.id, step.name)
        for stage in journey.stages:
            assert " ".join(stage.name.split()) in text
        assert journey.title in text
        fonts = subprocess.run(
            [poppler("pdffonts"), str(pdf)], check=True, capture_output=True, text=True
        ).stdout.splitlines()[2:]
        assert fonts and all("DejaVuSans" in f for f in fonts), fonts
        assert all(re.search(r"\byes\s+yes\s+yes\b", f) for f in fonts), fonts  # emb sub uni
        info = pdf_info(pdf)
        assert info["Pages"] == "1"
        assert info["Title"] == journey.title
        assert info["Page size"].endswith(("(A3)", "(A2)", "(A1)")), info["Page size"]


def test_the_pdfs_render_and_the_renders_are_kept_to_look_at(
    examples: Portfolio, posters: Path
) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for journey in examples.journeys:
        prefix = ARTIFACTS / journey.id
        subprocess.run(
            [poppler("pdftoppm"), "-r", "40", "-png", "-singlefile",
             str(posters / f"{journey.id}.pdf"), str(prefix)],
            check=True, capture_output=True,
        )  # fmt: skip
        png = prefix.with_suffix(".png")
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert png.stat().st_size > 20_000  # a drawn map, not a blank page


def test_two_exports_are_byte_identical(posters: Path, tmp_path: Path, run: Run) -> None:
    project = copy_example(tmp_path / "again")
    assert run("export", "--format", "poster", "-o", "out", cwd=project).exit_code == 0
    for made in posters.iterdir():
        assert (project / "out" / made.name).read_bytes() == made.read_bytes(), made.name


def test_the_page_is_the_smallest_that_holds_the_map(tmp_path: Path, run: Run) -> None:
    project = copy_example(tmp_path / "p")
    for size, expected in (("A3", "(A3)"), ("A1", "(A1)")):
        out = project / size
        result = run("export", "--format", "poster", "gym-membership", "--size", size,
                     "-o", str(out), cwd=project)  # fmt: skip
        assert result.exit_code == 0, result.stderr
        assert pdf_info(out / "gym-membership.pdf")["Page size"].endswith(expected)
    # Ten steps do not fit A3 at 9 pt: the named page scales the map and says so.
    assert "Scaled to" in pdf_text(project / "A3" / "gym-membership.pdf")
    assert "Scaled to" not in pdf_text(project / "A1" / "gym-membership.pdf")
    result = run("export", "--format", "poster", "gym-membership", "--size", "fit",
                 "-o", "fit", cwd=project)  # fmt: skip
    assert result.exit_code == 0
    assert "Scaled to" not in pdf_text(project / "fit" / "gym-membership.pdf")


def test_the_default_page_holds_the_map_at_full_size(examples: Portfolio) -> None:
    for journey in examples.journeys:
        poster = layout.plan_poster(journey, examples)
        small = [t for t in poster.items if isinstance(t, Text) and t.size < layout.BODY]
        assert not small
        if poster.scale == 1.0:
            assert poster.page in ("A3", "A2", "A1")
        else:  # only when even A1 is too small
            assert poster.page == "A1"


def curve_marks(poster: Poster) -> list[Mark]:
    """The marks of the curve lane (the legend's sit below the grid)."""
    legend = next(t.y for t in poster.items if isinstance(t, Text) and t.text == "Legend")
    return [m for m in poster.items if isinstance(m, Mark) and m.y < legend]


def test_each_person_has_their_own_emotion_line(examples: Portfolio) -> None:
    journey = examples.journey("accounting-software-first-purchase")
    assert journey is not None
    poster = layout.plan_poster(journey, examples)
    persona, director = COLOURS[0], COLOURS[1]
    persona_marks = [m for m in curve_marks(poster) if m.fill == persona]
    director_marks = [m for m in curve_marks(poster) if m.fill == director]
    actor_steps = [s for s in journey.steps if s.actor == "ratna" and s.emotion]
    assert len(director_marks) == len(actor_steps) == 1
    assert director_marks[0].shape == "diamond"
    scored = [s for s in journey.steps if s.emotion and s.actor in (None, journey.persona)]
    assert len(persona_marks) == len(scored)
    persona_xs = {x for line in poster.items if isinstance(line, Line) and line.stroke == persona
                  for x, _ in line.points}  # fmt: skip
    assert director_marks[0].x not in persona_xs  # her -1 is never on Budi's line
    svg = poster_svg(journey, examples)
    assert "Ratna Wijaya: emotion" in svg and "Budi Santoso: emotion" in svg


def test_unscored_steps_break_the_line(examples: Portfolio) -> None:
    journey = examples.journey("accounting-software-first-purchase")
    assert journey is not None
    poster = layout.plan_poster(journey, examples)
    gaps = [m for m in curve_marks(poster) if m.shape == "ring"]
    unscored = [s for s in journey.steps if s.emotion is None]
    assert unscored and len(gaps) == len(unscored)
    lines = [i for i in poster.items if isinstance(i, Line) and i.stroke == COLOURS[0]]
    for gap in gaps:
        for line in lines:
            xs = [x for x, _ in line.points]
            assert not (min(xs) < gap.x < max(xs)), "a line runs across an unscored step"


def test_wrapped_lines_never_leave_their_cell() -> None:
    rng = random.Random(7)
    alphabet = "abcdefghijklmnopqrstuvwxyzWM ★“”—é漢"
    for _ in range(400):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120)))
        room = rng.uniform(30, 200)
        lines = wrap(text, room, 9)
        assert all(width(line, 9) <= room for line in lines), (text, room)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_hostile_text_stays_text(examples: Portfolio) -> None:
    """Markup, controls, bidi overrides and endless words: valid XML, a PDF, nothing spills."""
    import dataclasses
    import xml.etree.ElementTree as ET

    from journeyspec.export.poster import poster_pdf

    journey = examples.journeys[0]
    title = '<script>alert(1)</script> & "x" \x01\x1b[31m \u202eevil\u202c ' + "W" * 400
    hostile = dataclasses.replace(journey, title=title)
    svg = poster_svg(hostile, examples)
    assert "<script>" not in svg and "\x01" not in svg and "\u202e" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; " in svg
    assert "&lt;U+202E&gt;evil" in svg
    ET.fromstring(svg.encode("utf-8"))  # well-formed
    assert poster_pdf(hostile, examples).startswith(b"%PDF-")
    poster = layout.plan_poster(hostile, examples)
    right = layout.LABEL_W + layout.MAX_COL * len(hostile.steps) + 1
    for item in poster.items:
        if isinstance(item, Text):
            assert item.x + width(item.text, item.size) <= max(right, 2 * layout.CARD_W + 80)


def test_a_small_journey_gets_a_poster(minimal_project: Path, run: Run) -> None:
    """Steps with nothing but a name, a stage with no steps: empty lanes are left off."""
    path = minimal_project / "journeys" / "first-purchase.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("\ntouchpoints:", "\n  - id: later\n    name: Later\ntouchpoints:"),
        encoding="utf-8",
    )
    result = run("export", "--format", "poster", "-o", "out", cwd=minimal_project)
    assert result.exit_code == 0, result.stderr
    text = pdf_text(minimal_project / "out" / "first-purchase.pdf")
    for expected in ("Searches for software", "Imports old data", "no steps yet", "Later"):
        assert expected in text
    assert "Pain points" not in text.split("Persona:")[0]  # no pain point: no lane
    assert pdf_info(minimal_project / "out" / "first-purchase.pdf")["Page size"].endswith("(A3)")


def test_usage_errors_write_nothing(tmp_path: Path, run: Run) -> None:
    project = copy_example(tmp_path / "p")
    before = sorted(p.name for p in project.iterdir())
    result = run("export", "--format", "json", "--size", "A3", cwd=project)
    assert result.exit_code == 2
    assert "--size is for posters" in result.stderr
    result = run("export", "--format", "poster", "-o", "journeys/gym-membership.yaml",
                 cwd=project)  # fmt: skip
    assert result.exit_code == 2
    assert "is not a folder" in result.stderr
    result = run("export", "--format", "poster", "no-such-journey", "-o", "out", cwd=project)
    assert result.exit_code == 2
    assert "no valid journey with id 'no-such-journey'" in result.stderr
    after = [p.name for p in project.iterdir() if p.name != ".journeyspec-cache"]
    assert sorted(after) == before


def test_existing_posters_are_kept_without_force(tmp_path: Path, run: Run) -> None:
    project = copy_example(tmp_path / "p")
    out = project / "out"
    out.mkdir()
    (out / "gym-membership.pdf").write_bytes(b"mine")
    result = run("export", "--format", "poster", "gym-membership", "-o", "out", cwd=project)
    assert result.exit_code == 2
    assert "already exists; pass --force" in result.stderr
    assert (out / "gym-membership.pdf").read_bytes() == b"mine"
    assert not (out / "gym-membership.svg").exists()  # nothing half done
    result = run("export", "--format", "poster", "gym-membership", "-o", "out", "--force",
                 cwd=project)  # fmt: skip
    assert result.exit_code == 0
    assert (out / "gym-membership.pdf").read_bytes().startswith(b"%PDF-")


def test_posters_never_go_through_a_link_in_the_project(tmp_path: Path, run: Run) -> None:
    project = copy_example(tmp_path / "p")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / "out").symlink_to(elsewhere)
    result = run("export", "--format", "poster", "gym-membership", "-o", "out", cwd=project)
    assert result.exit_code == 2
    assert "is a link" in result.stderr
    assert not any(elsewhere.iterdir())


def test_an_invalid_project_exports_no_poster(tmp_path: Path, run: Run) -> None:
    project = copy_example(tmp_path / "p")
    path = project / "journeys" / "gym-membership.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("persona: marcus", "persona: 7"))
    result = run("export", "--format", "poster", "-o", "out", cwd=project)
    assert result.exit_code == 1
    assert not (project / "out").exists()
