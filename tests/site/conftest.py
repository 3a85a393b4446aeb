"""Site fixtures: the example project copied to tmp and built once per session."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from journeyspec.lint import lint
from journeyspec.project import load_config
from journeyspec.rules import RULES
from journeyspec.site.build import build_site
from journeyspec.site.figures import plan_figures
from journeyspec.site.plan import PlannedPage, SiteInputs, plan_site
from tests.browser import chromium, serve
from tests.conftest import copy_example as copy_parts

TODAY = "2026-11-23"
EXAMPLE_PARTS = ("journeyspec.yaml", "mkdocs.yml", "journeys", "personas", "registry", "docs")


def copy_example(target: Path) -> Path:
    """The repository's example project (journeys, personas, registries, site config)."""
    return copy_parts(target, EXAMPLE_PARTS)


@pytest.fixture(scope="session")
def pinned_today() -> Iterator[None]:
    old = os.environ.get("JOURNEYSPEC_TODAY")
    os.environ["JOURNEYSPEC_TODAY"] = TODAY
    yield
    if old is None:
        del os.environ["JOURNEYSPEC_TODAY"]
    else:
        os.environ["JOURNEYSPEC_TODAY"] = old


@pytest.fixture(scope="session")
def example_project(tmp_path_factory: pytest.TempPathFactory, pinned_today: None) -> Path:
    return copy_example(tmp_path_factory.mktemp("example") / "project")


@pytest.fixture(scope="session")
def built_site(example_project: Path) -> Path:
    """The example site, built once with `journeyspec build`'s safe build."""
    return build_site(load_config(example_project)).site_dir


@pytest.fixture(scope="session")
def planned(example_project: Path) -> dict[str, PlannedPage]:
    """The example site's planned pages by source path (no MkDocs run)."""
    result = lint(load_config(example_project))
    portfolio = result.validation.portfolio
    figures = plan_figures(portfolio)
    pages = plan_site(
        SiteInputs(
            portfolio=portfolio,
            findings=result.findings,
            rules=RULES,
            site_name="Northwind customer journeys",
            today=dt.date.fromisoformat(TODAY),
            figures=figures.by_journey,
            portfolio_figures=figures.portfolio,
        )
    )
    return {page.src: page for page in pages}


@pytest.fixture(scope="module")
def server(built_site: Path) -> Iterator[str]:
    """The built example site, served on loopback (a module may serve another site)."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for a module's pages."""
    with chromium() as launched:
        yield launched
