"""SVG finishing: drop what varies or distracts, add what screen readers need.

Graphviz's XML prolog, doctype and comments (one names the Graphviz version, which the cache
key already holds) are removed so the SVG can be inlined in HTML; its ``<title>`` elements
name generated node ids (``s0``), which browsers would show as tooltips, so they go too. The
root gets ``role="img"``, a ``<title>`` and a ``<desc>`` (the diagram's text alternative).
"""

from __future__ import annotations

import html
import re
from xml.sax.saxutils import escape, quoteattr

from journeyspec.diagrams.dot import clean

_COMMENT = re.compile(r"<!--.*?-->\n?", re.DOTALL)
_TITLE = re.compile(r"<title>[^<]*</title>\n?")
_GRAPH_ID = re.compile(r'<g id="([^"]*)" class="graph"')
_ROOT = re.compile(r"<svg\b([^>]*)>\n?")


def finish_svg(svg: str, title: str, alt: str) -> str:
    """The accessible, deterministic SVG for one rendered diagram."""
    start = svg.find("<svg")
    if start < 0:
        raise ValueError("Graphviz returned no <svg> element")
    body = _TITLE.sub("", _COMMENT.sub("", svg[start:]))
    found = _GRAPH_ID.search(body)
    prefix = html.unescape(found.group(1)) if found else "diagram"
    ids = quoteattr(f"{prefix}-title {prefix}-desc")

    def root(match: re.Match[str]) -> str:
        return (
            f'<svg{match.group(1)} role="img" aria-labelledby={ids}>\n'
            f"<title id={quoteattr(prefix + '-title')}>{escape(clean(title))}</title>\n"
            f"<desc id={quoteattr(prefix + '-desc')}>{escape(clean(alt))}</desc>\n"
        )

    return _ROOT.sub(root, body, count=1).rstrip() + "\n"
