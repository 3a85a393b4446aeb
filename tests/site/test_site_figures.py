"""Diagrams drawn in the background while the pages render: results in order, errors kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeyspec.diagrams import Diagram, render_svgs
from journeyspec.errors import BuildError
from journeyspec.site.figures import CACHE_DIR, Drawing, Figures

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
