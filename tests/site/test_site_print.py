"""Printing: each journey's workshop poster published and linked, and the journey page
printed by real headless Chromium to A3 landscape with the whole grid on its first sheet."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from journeyspec.model import Portfolio
from journeyspec.project import load_config
from journeyspec.validation import validate_project
from tests.browser import serve
from tests.conftest import REPO
from tests.workflow.test_poster import pdf_info, poppler

ARTIFACTS = REPO / "test-artifacts" / "print"


@pytest.fixture(scope="module")
def portfolio(example_project: Path) -> Portfolio:
    return validate_project(load_config(example_project)).portfolio


def squeezed(text: str) -> str:
    """Text without any whitespace: a name wrapped (or broken mid-word) in a cell still matches."""
    return "".join(text.split())


def pdf_text(pdf: Path, *, first: int = 1, last: int = 0) -> str:
    pages = ["-f", str(first)] + (["-l", str(last)] if last else [])
    return subprocess.run(
        [poppler("pdftotext"), "-raw", "-enc", "UTF-8", *pages, str(pdf), "-"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip


def test_every_journey_page_links_its_poster(built_site: Path, portfolio: Portfolio) -> None:
    for journey in portfolio.journeys:
        page = (built_site / "journeys" / journey.id / "index.html").read_text(encoding="utf-8")
        pdf, svg = (f"../../posters/{journey.id}.{ext}" for ext in ("pdf", "svg"))
        assert (
            f'<p class="jsp-poster">Download workshop poster (<a href="{pdf}" download>PDF</a>'
            f' · <a href="{svg}" download>SVG</a>)</p>'
        ) in page
        published = built_site / "journeys" / journey.id / pdf
        assert published.resolve().read_bytes().startswith(b"%PDF-")
        svg_text = (built_site / "journeys" / journey.id / svg).resolve().read_text("utf-8")
        assert svg_text.startswith("<?xml") and "<svg" in svg_text


def test_the_site_posters_are_the_exported_ones(
    built_site: Path, portfolio: Portfolio, tmp_path: Path
) -> None:
    from journeyspec.export.poster import poster_files

    for journey in portfolio.journeys:
        for name, content in poster_files(journey, portfolio).items():
            assert (built_site / "posters" / name).read_bytes() == content, name


@pytest.mark.browser
def test_a_printed_journey_page_holds_the_whole_grid_on_a3_landscape(
    built_site: Path, portfolio: Portfolio, browser: Any, tmp_path: Path
) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with serve(built_site) as base:
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        page = context.new_page()
        for journey in portfolio.journeys:
            page.goto(f"{base}journeys/{journey.id}/")
            pdf = tmp_path / f"{journey.id}.pdf"
            # The page size comes from the stylesheet's @page rule, not from here.
            page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
            width, _, height = pdf_info(pdf)["Page size"].split()[:3]
            assert (round(float(width)), round(float(height))) == (1191, 842), journey.id
            # Extracted text has every word even where the page hides it: look at the
            # cells as the printer does (no clamp, no fade-out of a clamped cell).
            page.emulate_media(media="print")
            hidden = page.evaluate(
                """() => [...document.querySelectorAll('.jsp-grid .jsp-cell')].filter(c => {
                    const style = getComputedStyle(c);
                    return style.maskImage !== 'none' || style.webkitMaskImage !== 'none'
                        || style.maxHeight !== 'none';
                }).length"""
            )
            page.emulate_media(media=None)
            assert hidden == 0, journey.id
            first_sheet = squeezed(pdf_text(pdf, last=1))
            for step in journey.steps:
                assert squeezed(step.name) in first_sheet, (journey.id, step.name)
            everything = pdf_text(pdf)
            assert "Download workshop poster" not in everything  # screen-only controls
            assert "Text description" not in everything  # text alternatives collapsed
            subprocess.run(
                [poppler("pdftoppm"), "-r", "40", "-png", "-f", "1", "-l", "1", "-singlefile",
                 str(pdf), str(ARTIFACTS / journey.id)],
                check=True, capture_output=True,
            )  # fmt: skip
        context.close()


def test_posters_can_be_turned_off(minimal_project: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config as load_mkdocs

    from tests.conftest import write_files

    for posters in ("true", "false"):
        write_files(
            minimal_project,
            {
                "mkdocs.yml": "site_name: T\ntheme: {name: material, font: false}\n"
                f"plugins: [search, {{journeyspec: {{posters: {posters}, diagrams: false}}}}]\n",
                "docs/.keep": "",
            },
        )
        build(load_mkdocs(str(minimal_project / "mkdocs.yml")))
        site = minimal_project / "site"
        page = (site / "journeys/first-purchase/index.html").read_text(encoding="utf-8")
        made = (site / "posters/first-purchase.pdf").is_file()
        assert made is (posters == "true")
        assert ("Download workshop poster" in page) is made
        # The print stylesheet is on every page, posters or not.
        assert "assets/journeyspec/journeyspec-print.css" in page
        assert (site / "assets/journeyspec/journeyspec-print.css").is_file()
