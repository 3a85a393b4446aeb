"""Diagrams drawn in the background while the pages render: results in order, errors kept."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from journeyspec.diagrams import Diagram, render_svgs
from journeyspec.diagrams.render import graphviz_version
from journeyspec.errors import BuildError
from journeyspec.project import load_config
from journeyspec.site.build import build_site
from journeyspec.site.figures import CACHE_DIR, Drawing, Figures
from tests.conftest import write_files

TINY = Diagram("flow", "Tiny", "Two boxes.", 'digraph d { graph [id="tiny"]; a -> b; }\n')
BROKEN = Diagram("emotion", "Broken chart", "Nothing.", "graph g { a -- ; }\n")


def test_drawing_yields_each_svg_where_it_is_published(tmp_path: Path) -> None:
    drawing = Drawing(Figures({"j": [TINY]}, [TINY]), tmp_path)
    assert drawing.sources == ["journeys/j/flow.svg", "insights/flow.svg"]
    [(first, svg), (second, again)] = drawing.result()
    assert (first, second) == ("journeys/j/flow.svg", "insights/flow.svg")
    assert svg == again == render_svgs([TINY], tmp_path / "other")[0]
    assert list((tmp_path / CACHE_DIR).glob("*.svg"))  # the shared cache was filled


def test_a_diagram_graphviz_cannot_draw_fails_when_the_result_is_asked_for(
    tmp_path: Path,
) -> None:
    drawing = Drawing(Figures({"j": [TINY, BROKEN]}, []), tmp_path)
    with pytest.raises(BuildError, match="Graphviz could not draw the emotion diagram"):
        drawing.result()
    drawing.abandon()  # a build failing for another reason just waits; nothing is raised


BRANCH = """\
    journeyspec: 1
    id: second
    title: Second purchase
    persona: budi
    owner: marketing
    stages:
      - id: awareness
        name: Awareness
        owner: marketing
        steps:
          - id: searches
            name: Searches for software
            touchpoints: [search-ad]
            next: [imports-data, gives-up]
          - id: gives-up
            name: Gives up
            touchpoints: [search-ad]
            next: []
          - id: imports-data
            name: Imports old data
            touchpoints: [search-ad]
    touchpoints:
      - id: search-ad
        name: Search ad
        channel: web
    """


def test_a_build_runs_dot_only_for_flows_that_say_something(
    minimal_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real build with a ``dot`` on the PATH that notes each run: the emotion curve and
    the matrix never reach it, nor a linear journey's flow (it is not drawn at all)."""
    real = shutil.which("dot")
    assert real is not None
    shims, log = tmp_path / "bin", tmp_path / "dot-runs"
    shims.mkdir()
    shim = shims / "dot"
    shim.write_text(f'#!/bin/sh\necho "$*" >> {log}\nexec {real} "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    monkeypatch.setenv("PATH", f"{shims}{os.pathsep}{os.environ['PATH']}")
    graphviz_version.cache_clear()  # so even `dot -V` would go through the shim

    site = build_site(load_config(minimal_project), strict=False).site_dir
    assert not log.exists()  # a linear journey, no lanes: nothing for Graphviz
    assert (site / "journeys/first-purchase/emotion.svg").is_file()
    assert not (site / "journeys/first-purchase/flow.svg").exists()

    write_files(minimal_project, {"journeys/second.yaml": BRANCH})
    site = build_site(load_config(minimal_project), strict=False).site_dir
    runs = log.read_text(encoding="utf-8").splitlines()
    assert runs == ["-V", "-Kdot -Tsvg"]  # the version once, then the branching flow
    assert "<svg" in (site / "journeys/second/flow.svg").read_text(encoding="utf-8")
    assert not (site / "journeys/first-purchase/flow.svg").exists()
    graphviz_version.cache_clear()
