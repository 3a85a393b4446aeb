"""SVG finishing: drop what varies or distracts, add what screen readers need, allow nothing else.

Graphviz's XML prolog, doctype and comments (one names the Graphviz version, which the cache
key already holds) are removed so the SVG can be inlined in HTML; its ``<title>`` elements
name generated node ids (``s0``), which browsers would show as tooltips, so they go too. The
root gets ``role="img"``, a ``<title>`` and a ``<desc>`` (the diagram's text alternative).

The site publishes each SVG as a file, opened in the site's origin, so an SVG must never carry
script. ``safe_svg`` keeps only an allow-list of drawing elements and attributes, with no
links, event handlers, styles, ``<foreignObject>`` or references outside the document: a
diagram Graphviz drew passes unchanged, byte for byte; anything else loses what is not
allowed. Every SVG the build publishes, drawn or read from the cache, passes through it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any, TypeVar
from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

from journeyspec.diagrams.dot import clean

_COMMENT = re.compile(r"<!--.*?-->\n?", re.DOTALL)
_TITLE = re.compile(r"<title>[^<]*</title>\n?")
_GRAPH_ID = re.compile(r'<g id="([^"]*)" class="graph"')
_ROOT = re.compile(r"<svg\b([^>]*)>\n?")

# What Graphviz draws with, and nothing that links, runs, styles or embeds.
_ELEMENTS = frozenset(
    {
        "svg",
        "g",
        "title",
        "desc",
        "polygon",
        "polyline",
        "path",
        "ellipse",
        "circle",
        "rect",
        "line",
        "text",
        "tspan",
        "defs",
        "linearGradient",
        "radialGradient",
        "stop",
    }
)
_ATTRIBUTES = frozenset(
    {
        "id",
        "class",
        "transform",
        "width",
        "height",
        "viewBox",
        "preserveAspectRatio",
        "x",
        "y",
        "x1",
        "y1",
        "x2",
        "y2",
        "cx",
        "cy",
        "r",
        "rx",
        "ry",
        "fx",
        "fy",
        "points",
        "d",
        "fill",
        "fill-opacity",
        "fill-rule",
        "stroke",
        "stroke-width",
        "stroke-opacity",
        "stroke-dasharray",
        "stroke-dashoffset",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-miterlimit",
        "opacity",
        "font-family",
        "font-size",
        "font-weight",
        "font-style",
        "font-variant",
        "text-anchor",
        "text-decoration",
        "baseline-shift",
        "dominant-baseline",
        "offset",
        "stop-color",
        "stop-opacity",
        "gradientUnits",
        "gradientTransform",
        "role",
        "aria-labelledby",
        "aria-label",
    }
)
_NAMESPACES = {"xmlns": "http://www.w3.org/2000/svg", "xmlns:xlink": "http://www.w3.org/1999/xlink"}
_TEXT_ONLY = frozenset({"title", "desc"})
# A scheme (javascript:, data:, http:), a CSS escape or a url() reaching outside the SVG.
_UNSAFE_VALUE = re.compile(r"[:\\]|url\s*\(", re.IGNORECASE)
_LOCAL_URL = re.compile(r"url\(#[A-Za-z0-9_.-]+\)")


def finish_svg(svg: str, title: str, alt: str) -> str:
    """The accessible, deterministic, safe SVG for one rendered diagram."""
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

    return safe_svg(_ROOT.sub(root, body, count=1).rstrip() + "\n")


def safe_svg(svg: str) -> str:
    """``svg`` itself when it holds only allowed elements and attributes, else a copy with
    the rest left out; ValueError when it is not one well-formed ``<svg>`` document."""
    # Checking alone is the common case (every diagram Graphviz drew), and twice as fast.
    if _parse(svg, _Check()).clean:
        return svg
    document = _parse(svg, _Document())
    assert document.tree is not None  # the root is an allowed <svg>: _parse checked
    out: list[str] = []
    _write(document.tree, out)
    return "".join(out) + "\n"


class _Check:
    """Whether a parsed SVG holds only what is allowed."""

    def __init__(self) -> None:
        self.root: str | None = None
        self.clean = True
        self._open: list[str] = []

    def start(self, tag: str, flat: list[str]) -> None:
        if self.root is None:
            self.root = tag
        ok = tag in _ELEMENTS and not (self._open and self._open[-1] in _TEXT_ONLY)
        self.clean = self.clean and ok and _all_allowed(flat, root=not self._open)
        self._open.append(tag)

    def end(self, tag: str) -> None:
        self._open.pop()

    def text(self, data: str) -> None:
        pass

    def taint(self, *args: Any) -> None:
        self.clean = False


@dataclass
class _Element:
    tag: str
    attributes: list[tuple[str, str]]
    children: list[_Element | str] = field(default_factory=list)


class _Document(_Check):
    """The allowed part of a parsed SVG."""

    def __init__(self) -> None:
        super().__init__()
        self.tree: _Element | None = None
        self._kept: list[_Element | None] = []  # None: inside a left-out element

    def start(self, tag: str, flat: list[str]) -> None:
        inside = bool(self._kept)
        parent = self._kept[-1] if inside else None
        super().start(tag, flat)
        # Within a left-out element (parent None, inside) everything is left out too.
        if tag in _ELEMENTS and (parent.tag not in _TEXT_ONLY if parent else not inside):
            pairs = zip(flat[::2], flat[1::2], strict=True)
            element = _Element(tag, [(k, v) for k, v in pairs if _allowed(k, v, root=not inside)])
            if parent is not None:
                parent.children.append(element)
            else:
                self.tree = element
            self._kept.append(element)
        else:
            self._kept.append(None)

    def end(self, tag: str) -> None:
        super().end(tag)
        self._kept.pop()

    def text(self, data: str) -> None:
        if self._kept and self._kept[-1] is not None:
            self._kept[-1].children.append(data)


Parsed = TypeVar("Parsed", bound=_Check)


def _parse(svg: str, into: Parsed) -> Parsed:
    parser = expat.ParserCreate()
    parser.ordered_attributes = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = into.start
    parser.EndElementHandler = into.end
    if isinstance(into, _Document):
        parser.CharacterDataHandler = into.text
    parser.StartDoctypeDeclHandler = _refuse  # no DTD: no entities to expand, none to fetch
    parser.EntityDeclHandler = _refuse
    for unwanted in ("CommentHandler", "ProcessingInstructionHandler", "XmlDeclHandler"):
        setattr(parser, unwanted, into.taint)
    parser.StartCdataSectionHandler = into.taint
    try:
        parser.Parse(svg, True)
    except expat.ExpatError as error:
        raise ValueError(f"the SVG is not well-formed XML ({error})") from None
    if into.root != "svg":
        raise ValueError("the SVG's root element is not <svg>")
    return into


def _all_allowed(flat: list[str], *, root: bool) -> bool:
    names, values = flat[::2], flat[1::2]
    if _ATTRIBUTES.issuperset(names) and not _UNSAFE_VALUE.search("\0".join(values)):
        return True  # the common case, in two calls
    return all(_allowed(k, v, root=root) for k, v in zip(names, values, strict=True))


def _allowed(name: str, value: str, *, root: bool) -> bool:
    if name in _NAMESPACES:
        return root and value == _NAMESPACES[name]
    if name not in _ATTRIBUTES:
        return False
    return _LOCAL_URL.fullmatch(value.strip()) is not None or not _UNSAFE_VALUE.search(value)


def _refuse(*args: Any) -> None:
    raise ValueError("the SVG declares a document type")


def _write(element: _Element, out: list[str]) -> None:
    newline = {"\n": "&#10;", "\t": "&#9;", "\r": "&#13;"}
    attributes = "".join(f" {k}={quoteattr(v, newline)}" for k, v in element.attributes)
    if not element.children:
        out.append(f"<{element.tag}{attributes}/>")
        return
    out.append(f"<{element.tag}{attributes}>")
    for child in element.children:
        if isinstance(child, str):
            out.append(escape(child, {"\r": "&#13;"}))
        else:
            _write(child, out)
    out.append(f"</{element.tag}>")
