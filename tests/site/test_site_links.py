"""Relative links between the site's pages: the same as ``posixpath.relpath`` would give."""

from __future__ import annotations

import itertools
import posixpath

import pytest

from journeyspec.site import links

PATHS = (
    ".",
    "index.md",
    "journeys",
    "journeys/index.md",
    "journeys/a/index.md",
    "journeys/a/flow.svg",
    "journeys/ab/index.md",
    "journeys/by-tag/x/index.md",
    "teams/a/index.md",
    "insights/opportunities.svg",
    "assets/journeyspec/journeyspec.css",
    "posters/a.pdf",
    "./journeys/a/",
    "journeys//a/index.md",
)


@pytest.mark.parametrize(("target", "start"), list(itertools.product(PATHS, PATHS)))
def test_relative_equals_relpath(target: str, start: str) -> None:
    assert links.relative(target, start) == posixpath.relpath(target, start)


def test_linker_links_pages_as_folders_and_files_as_files() -> None:
    url = links.Linker("journeys/a/index.md")
    assert url(links.HOME) == "../../"
    assert url(links.journey("a")) == "./"
    assert url(links.journey("b"), "s1") == "../b/#s1"
    assert url(links.journey_file("a", "flow.svg")) == "flow.svg"
    assert links.Linker("index.md", directory_urls=False)(links.TEAMS) == "teams/index.html"
