"""The SVG allow-list: Graphviz's diagrams pass byte for byte; script, handlers, links out,
styles, embedded documents and markup tricks never do, whatever their spelling."""

from __future__ import annotations

import re

import pytest

from journeyspec.diagrams import journey_diagrams, portfolio_diagrams, render_svgs
from journeyspec.diagrams.svg import finish_svg, safe_svg
from tests.diagrams.builders import example_portfolio

SVG = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
DANGER = re.compile(
    r"<script|<style|<a\b|<image|<use|<iframe|<foreignObject|<animate|<set\b|<!--|<!\[CDATA|<\?"
    r"|\son\w+=|javascript|data:|http://evil|href|url\((?!#)|expression|\\",
    re.IGNORECASE,
)
ATTACKS = {
    "script": "<script>alert(1)</script>",
    "script-in-a-namespace": '<x:script xmlns:x="http://www.w3.org/2000/svg">alert(1)</x:script>',
    "xhtml-namespace": '<g xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></g>',
    "onload": '<g onload="alert(1)"/>',
    "mixed-case-handler": '<rect onMouseOver="alert(1)" width="1" height="1"/>',
    "javascript-link": '<a xlink:href="javascript:alert(1)"><text>x</text></a>',
    "entity-spelled-link": '<a href="&#106;avascript:alert(1)"><text>x</text></a>',
    "data-link": '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    "foreign-object": "<foreignObject><iframe src='javascript:alert(1)'/></foreignObject>",
    "external-image": '<image href="http://evil.example/x.png" width="1" height="1"/>',
    "external-use": '<use href="http://evil.example/sprite.svg#x"/>',
    "external-paint": '<rect fill="url(http://evil.example/p.svg#g)" width="1" height="1"/>',
    "escaped-paint": '<rect fill="u\\72l(http://evil.example/p#g)" width="1" height="1"/>',
    "style-attribute": '<rect style="fill:url(http://evil.example/x)" width="1" height="1"/>',
    "style-element": "<style>@import url(http://evil.example/x.css);</style>",
    "animate-to-javascript": '<animate attributeName="href" to="javascript:alert(1)"/>',
    "set-handler": '<set attributeName="onload" to="alert(1)"/>',
    "comment": "<!-- <script>alert(1)</script> -->",
    "cdata": "<text><![CDATA[<script>alert(1)</script>]]></text>",
    "processing-instruction": '<?xml-stylesheet href="http://evil.example/x.css"?>',
    "element-in-title": '<title><img src="x" onerror="alert(1)"/></title>',
}


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    portfolio = example_portfolio()
    planned = [d for j in portfolio.journeys for d in journey_diagrams(j, portfolio)]
    return render_svgs(planned + portfolio_diagrams(portfolio), None)


def test_every_diagram_graphviz_draws_passes_unchanged(drawn: list[str]) -> None:
    assert len(drawn) > 10
    for svg in drawn:
        assert safe_svg(svg) is svg


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_what_is_not_allowed_is_left_out(name: str) -> None:
    svg = f'<svg {SVG} width="10pt"><g id="keep" class="graph"><text x="1">kept</text></g>\n'
    svg += ATTACKS[name] + "</svg>\n"
    safe = safe_svg(svg)
    assert DANGER.search(safe) is None, safe
    assert '<g id="keep" class="graph"><text x="1">kept</text></g>' in safe
    assert safe_svg(safe) == safe  # what comes out passes unchanged


def test_a_document_type_is_refused_so_no_entity_expands() -> None:
    laughs = '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
    with pytest.raises(ValueError, match="document type"):
        safe_svg(f"{laughs}<svg {SVG}><text>&b;</text></svg>")


@pytest.mark.parametrize(
    "text", ["<html><script>alert(1)</script></html>", "<svg", "plain", "<svg><g></svg>"]
)
def test_anything_but_one_svg_document_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        safe_svg(text)


def test_finish_svg_makes_a_hostile_graphviz_output_safe() -> None:
    raw = f'<?xml version="1.0"?>\n<svg {SVG}><g id="d" class="graph" onclick="alert(1)">'
    raw += '<a xlink:href="javascript:alert(1)"><text>x</text></a></g></svg>\n'
    finished = finish_svg(raw, "Title", "Alt text")
    assert DANGER.search(finished) is None, finished
    assert '<title id="d-title">Title</title>' in finished
