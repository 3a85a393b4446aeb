"""Hostile text (DOT and XML syntax, Graphviz escapes, huge words) stays inert text."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import graphviz
import pytest

from journeyspec.diagrams import Diagram, journey_diagrams, portfolio_diagrams, render_svgs
from tests.diagrams.builders import one_journey

PAYLOAD = 'Q"]; node [shape=box] \\N \\G \\l <script>alert(1)</script> & \\'
WORD = "w" * 500
NAMESPACE = "{http://www.w3.org/2000/svg}"


def hostile_journey() -> dict[str, object]:
    step = {
        "lanes": {
            "physical_evidence": [PAYLOAD],
            "frontstage": [f"line one\nline two {PAYLOAD}"],
            "backstage": [WORD],
            "support": ["\\"],
        },
    }
    return {
        "id": "hostile",
        "title": f"Hostile {PAYLOAD}",
        "persona": "budi",
        "stages": [
            {
                "id": "s",
                "name": PAYLOAD,
                "steps": [
                    # A branch: a linear flow would not be drawn.
                    {
                        "id": "a",
                        "name": PAYLOAD,
                        "emotion": {"score": 1, "label": PAYLOAD},
                        "next": ["b", "c"],
                        **step,
                    },
                    {"id": "b", "name": WORD, "moment_of_truth": True, "does": PAYLOAD, **step},
                    {"id": "c", "name": "two\nlines\tand\\ttab", "wait_time": PAYLOAD},
                ],
            }
        ],
        "pain_points": [{"id": "p", "title": PAYLOAD, "step": "a"}],
        "opportunities": [
            {"id": "o", "title": PAYLOAD, "impact": "high", "effort": "low"},
            {"id": "w", "title": WORD},
        ],
    }


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Diagram, str]]:
    root = tmp_path_factory.mktemp("hostile")
    journey, portfolio = one_journey(root, hostile_journey())
    diagrams = journey_diagrams(journey, portfolio) + portfolio_diagrams(portfolio)
    assert [d.name for d in diagrams] == [
        "flow",
        "emotion",
        "blueprint",
        "opportunities",
        "portfolio-opportunities",
    ]
    return list(zip(diagrams, render_svgs(diagrams, root / "cache"), strict=True))


def texts(svg: str) -> list[str]:
    tree = ET.fromstring(svg)  # raises if the SVG is not well-formed XML
    return [element.text or "" for element in tree.iter(f"{NAMESPACE}text")]


def test_every_svg_is_well_formed_and_holds_no_markup_from_user_text(
    rendered: list[tuple[Diagram, str]],
) -> None:
    for diagram, svg in rendered:
        tree = ET.fromstring(svg)
        tags = {element.tag.removeprefix(NAMESPACE) for element in tree.iter()}
        assert "script" not in tags, diagram.name
        assert "<script>" not in svg and "&lt;script&gt;" in svg, diagram.name


def test_payload_appears_as_literal_text_with_graphviz_escapes_unexpanded(
    rendered: list[tuple[Diagram, str]],
) -> None:
    for diagram, svg in rendered:
        words = " ".join(texts(svg)).split()
        for token in ('Q"];', "[shape=box]", "\\N", "\\G", "\\l", "&"):
            assert token in words, (diagram.name, token)
        assert "hostile" not in words  # \G would have become the graph's name


def test_graphviz_sees_only_the_nodes_we_declared(rendered: list[tuple[Diagram, str]]) -> None:
    drawn_by_us = [d.name for d, _ in rendered if not d.dot]
    assert drawn_by_us == ["emotion", "opportunities", "portfolio-opportunities"]
    for diagram, _ in rendered:
        if not diagram.dot:
            continue
        declared = re.findall(r"^ +([a-z][a-z0-9_]*) \[", diagram.dot, re.MULTILINE)
        declared = [name for name in declared if name not in ("graph", "node", "edge")]
        layout = json.loads(graphviz.Source(diagram.dot).pipe(format="json", encoding="utf-8"))
        names = [obj["name"] for obj in layout.get("objects", []) if "nodes" not in obj]
        assert sorted(names) == sorted(declared), diagram.name


def test_long_words_are_broken_and_trimmed(rendered: list[tuple[Diagram, str]]) -> None:
    for diagram, svg in rendered:
        lines = [line for line in texts(svg) if "w" * 10 in line]
        assert lines, diagram.name
        assert all(len(line) <= 30 for line in lines), diagram.name
        assert any(line.endswith("…") for line in lines), diagram.name


def test_newlines_and_tabs_in_names_become_spaces(rendered: list[tuple[Diagram, str]]) -> None:
    flow = dict((d.name, svg) for d, svg in rendered)["flow"]
    assert "two lines and\\ttab" in texts(flow)


def test_alt_text_is_plain_text_escaped_into_the_svg(rendered: list[tuple[Diagram, str]]) -> None:
    for diagram, svg in rendered:
        tree = ET.fromstring(svg)
        title, desc = tree.find(f"{NAMESPACE}title"), tree.find(f"{NAMESPACE}desc")
        assert title is not None and title.text == diagram.title.replace("\n", " ")
        assert desc is not None and desc.text == diagram.alt
        assert "<script>alert(1)</script>" in diagram.alt, diagram.name
