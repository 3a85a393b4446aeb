"""Rendering with the real Graphviz: cache by content hash, determinism, errors, accessibility."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from journeyspec.cachefolder import CacheFolder
from journeyspec.diagrams import Diagram, journey_diagrams, portfolio_diagrams, render_svgs
from journeyspec.diagrams.render import graphviz_version
from journeyspec.errors import BuildError
from tests.diagrams.builders import branching, example_portfolio, journey, portfolio_of

SVG = "{http://www.w3.org/2000/svg}"
TINY = Diagram("flow", "Tiny", "Two boxes.", 'digraph d { graph [id="tiny"]; a -> b; }\n')
OTHER = Diagram("flow", "Other", "Three boxes.", "digraph d { a -> b -> c; }\n")


@pytest.fixture(scope="module")
def examples() -> list[Diagram]:
    portfolio = example_portfolio()
    planned = [d for j in portfolio.journeys for d in journey_diagrams(j, portfolio)]
    return planned + portfolio_diagrams(portfolio)


def test_rendering_is_byte_identical_across_runs(examples: list[Diagram], tmp_path: Path) -> None:
    first = render_svgs(examples, tmp_path / "one", jobs=2)
    second = render_svgs(examples, tmp_path / "two", jobs=1)
    assert first == second
    assert len(first) == len(examples) and all(svg.startswith("<svg ") for svg in first)


def test_a_cache_hit_is_read_not_rendered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    [svg] = render_svgs([TINY], tmp_path)
    [cached] = list(tmp_path.glob("*.svg"))
    seal, _, stored = cached.read_bytes().partition(b"\n")
    assert stored.decode("utf-8") == svg and len(seal) == 64
    # Without `dot` on the PATH only a hit can give the SVG (the version is remembered).
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert render_svgs([TINY], tmp_path) == [svg]
    assert not list(tmp_path.glob("*.tmp"))


def test_an_entry_it_did_not_seal_is_drawn_again(tmp_path: Path) -> None:
    [svg] = render_svgs([TINY], tmp_path)
    [cached] = list(tmp_path.glob("*.svg"))
    for planted in (b"<svg>marker</svg>\n", b"0" * 64 + b"\n<svg>marker</svg>\n"):
        cached.write_bytes(planted)
        assert render_svgs([TINY, OTHER], tmp_path)[0] == svg
    assert len(list(tmp_path.glob("*.svg"))) == 2


@pytest.mark.parametrize("stored", [b"not svg", b"<svg><g></svg>", b"\xff\xfe", b"<svg/>"])
def test_a_sealed_entry_that_is_no_safe_svg_is_drawn_again(tmp_path: Path, stored: bytes) -> None:
    # Sealed with this user's own key (a bug, or an older journeyspec): still checked.
    [svg] = render_svgs([TINY], tmp_path)
    [cached] = list(tmp_path.glob("*.svg"))
    folder = CacheFolder.open(tmp_path.parent, tmp_path.name)
    assert folder is not None
    folder.write((), cached.name, stored.replace(b"<svg", b'<svg onload="alert(1)"'))
    folder.close()
    assert render_svgs([TINY], tmp_path) == [svg]


def test_a_changed_diagram_misses_the_cache(tmp_path: Path) -> None:
    render_svgs([TINY], tmp_path)
    changed = Diagram(TINY.name, TINY.title, "Two boxes, joined.", TINY.dot)
    render_svgs([changed], tmp_path)
    assert len(list(tmp_path.glob("*.svg"))) == 2  # the alt text is part of the key


def test_a_torn_cache_file_is_rendered_again(tmp_path: Path) -> None:
    [svg] = render_svgs([TINY], tmp_path)
    [cached] = list(tmp_path.glob("*.svg"))
    whole = cached.read_bytes()
    cached.write_bytes(whole[:120])
    assert render_svgs([TINY], tmp_path) == [svg]
    assert cached.read_bytes() == whole


def test_the_same_diagram_twice_is_rendered_once(tmp_path: Path) -> None:
    first, second = render_svgs([TINY, TINY], tmp_path)
    assert first == second and len(list(tmp_path.glob("*.svg"))) == 1


def test_svgs_are_accessible_and_carry_no_generator_comment(tmp_path: Path) -> None:
    [svg] = render_svgs([TINY], tmp_path)
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "tiny-title tiny-desc"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.get("id") == "tiny-title" and title.text == "Tiny"
    assert desc is not None and desc.get("id") == "tiny-desc" and desc.text == "Two boxes."
    assert "<!--" not in svg and "<?xml" not in svg and "graphviz version" not in svg
    assert [t.text for t in root.iter(f"{SVG}title")] == ["Tiny"]  # no "a", "b", "a->b" tooltips


def test_a_dot_error_is_a_build_error_naming_the_diagram(tmp_path: Path) -> None:
    broken = Diagram("emotion", "Broken chart", "Nothing.", "graph g { a -- ; }\n")
    with pytest.raises(BuildError) as caught:
        render_svgs([TINY, broken], tmp_path)
    message = str(caught.value)
    assert message.startswith("Graphviz could not draw the emotion diagram 'Broken chart': ")
    assert "syntax error in line 1" in message and "Traceback" not in message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


@pytest.fixture
def no_graphviz(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    graphviz_version.cache_clear()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    yield
    graphviz_version.cache_clear()


@pytest.mark.usefixtures("no_graphviz")
def test_missing_graphviz_is_a_build_error_saying_how_to_install_it(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match=r"`dot` program was not found\. Install Graphviz"):
        render_svgs([TINY], tmp_path / "cache")
    assert not (tmp_path / "cache").exists()


@pytest.mark.usefixtures("no_graphviz")
def test_curves_and_matrices_need_no_graphviz_and_are_never_cached(tmp_path: Path) -> None:
    """With no ``dot`` on the PATH (not even for ``dot -V``), a linear journey's diagrams,
    the curve and the matrix, are drawn all the same: Graphviz is never run for them."""
    portfolio = portfolio_of(
        tmp_path / "project",
        journey("one", opportunities=[{"id": "o", "title": "Idea", "impact": "high"}]),
    )
    planned = [d for j in portfolio.journeys for d in journey_diagrams(j, portfolio)]
    planned += portfolio_diagrams(portfolio)
    assert [d.name for d in planned] == ["emotion", "opportunities", "portfolio-opportunities"]
    svgs = render_svgs(planned, tmp_path / "cache")
    assert svgs == [d.svg for d in planned]
    assert not (tmp_path / "cache").exists()


def test_changing_one_journey_redraws_only_its_diagrams(tmp_path: Path) -> None:
    cache = tmp_path / "cache"

    def build(second_name: str) -> set[str]:
        portfolio = portfolio_of(
            tmp_path / second_name.replace(" ", "-"),
            journey("one", stages=[{"id": "s", "name": "S", "steps": branching("A", "B", "C")}],
                    opportunities=[{"id": "o", "title": "Idea", "impact": "high"}]),
            journey("two", stages=[{"id": "s", "name": "S",
                                    "steps": branching("Start", second_name, "End")}]),
        )  # fmt: skip
        planned = [d for j in portfolio.journeys for d in journey_diagrams(j, portfolio)]
        render_svgs(planned + portfolio_diagrams(portfolio), cache)
        return {p.name for p in cache.glob("*.svg")}

    before = build("Second")
    after = build("Second, renamed")
    # Graphviz's flows alone are cached: the curves and matrices we draw cost less than a read.
    assert len(before) == 2
    assert len(after - before) == 1  # only journey two's flow was drawn again
