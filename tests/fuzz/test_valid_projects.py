"""Random valid projects always validate, lint without crashing and render.

Drawn from the schema's structure (``strategies.py``) with random Unicode text, numbers,
dates and optional parts. In-process API calls, not the CLI, so thousands of examples
fit in seconds; a small subset is also rendered to SVG by the real Graphviz.
"""

from __future__ import annotations

import datetime as dt
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings

from journeyspec.diagrams import render_svgs
from journeyspec.diagrams.svg import safe_svg
from journeyspec.lint import lint
from journeyspec.project import load_config
from journeyspec.rules import RULES
from journeyspec.site.figures import plan_figures
from journeyspec.site.plan import SiteInputs, plan_site
from tests.fuzz.conftest import scaled
from tests.fuzz.strategies import project

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-valid")


def fresh(workdir: Path, files: dict[str, str]) -> Path:
    root = workdir / "project"
    shutil.rmtree(root, ignore_errors=True)
    for relative, text in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


@settings(max_examples=scaled(300))
@given(files=project())
def test_valid_projects_validate_lint_and_draw(workdir: Path, files: dict[str, str]) -> None:
    result = lint(load_config(fresh(workdir, files)), today=TODAY)

    assert result.validation.findings == []
    portfolio = result.validation.portfolio
    assert len(portfolio.journeys) == sum(path.startswith("journeys/") for path in files)
    for finding in result.findings:
        assert finding.path in files
        assert finding.line >= 1 and finding.col >= 1
    figures = plan_figures(portfolio)
    for diagram in [d for found in figures.by_journey.values() for d in found]:
        # Graphviz's diagrams come as DOT, the ones whose layout we know as finished SVG.
        assert bool(diagram.dot) != bool(diagram.svg), diagram.name
        if diagram.dot:
            assert diagram.dot.rstrip().endswith("}")
            assert "\x00" not in diagram.dot
        else:
            assert safe_svg(diagram.svg) == diagram.svg  # well-formed, nothing to strip
            ET.fromstring(diagram.svg)


@settings(max_examples=scaled(100))
@given(files=project())
def test_valid_projects_plan_every_page(workdir: Path, files: dict[str, str]) -> None:
    result = lint(load_config(fresh(workdir, files)), today=TODAY)
    portfolio = result.validation.portfolio
    figures = plan_figures(portfolio)
    pages = plan_site(
        SiteInputs(
            portfolio=portfolio,
            findings=result.findings,
            rules=RULES,
            site_name="Fuzz",
            today=TODAY,
            figures=dict(figures.by_journey),
            portfolio_figures=list(figures.portfolio),
        )
    )
    sources = [page.src for page in pages]
    assert len(sources) == len(set(sources))
    for journey in portfolio.journeys:
        assert any(journey.id in src for src in sources)


@settings(max_examples=scaled(4))
@given(files=project())
def test_valid_projects_render_to_well_formed_svg(workdir: Path, files: dict[str, str]) -> None:
    config = load_config(fresh(workdir, files))
    portfolio = lint(config, today=TODAY).validation.portfolio
    figures = plan_figures(portfolio)
    diagrams = [d for found in figures.by_journey.values() for d in found]
    for svg in render_svgs(diagrams, workdir / "cache"):
        root = ET.fromstring(svg)
        assert root.tag.endswith("svg")
