"""DOT text: escaping and wrapping of user text, attribute lists, the palette and graph headers.

Every piece of user text reaches DOT through ``label()``/``text()`` (HTML-like labels) or
``quote()`` (quoted strings), so it can neither end a statement nor trigger Graphviz's
backslash escapes (``\\N``, ``\\G``, ``\\l``); node ids are always generated, never user text.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass

from journeyspec.escaping import neutral

# Characters XML 1.0 forbids (and DOT has no use for): dropped so the SVG stays well-formed.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

_PLAIN = re.compile(r"[\w#.,:!%+ -]*", re.ASCII)

FONT = "Helvetica,Arial,sans-serif"

# Diagrams sit on a light card (the graph background), so the same dark ink reads in the
# site's light and dark modes; fills are light-to-mid tones that dark text reads on.
CARD = "#f7f8fa"
INK = "#1f2933"
MUTED = "#52606d"
LINE = "#616e7c"
GRID = "#cbd2d9"
ACCENT = "#1d4ed8"
ACCENT_FILL = "#93b4f5"
OVERLAY = "#7c3aed"
OVERLAY_FILL = "#c4b5fd"
STAR_FILL = "#fcd34d"
STAR_EDGE = "#92400e"
BACK = "#b45309"
STAGE_FILLS = ("#e4ecf7", "#e8f3ea")
QUICK_FILL = "#b7e4c7"
QUICK_EDGE = "#1f7a3d"
BAND = "#3e4c59"
BAND_INK = "#ffffff"


@dataclass(frozen=True)
class Html:
    """Markup for an HTML-like DOT value, already escaped; written between ``<`` and ``>``."""

    markup: str


def clean(text: str) -> str:
    """One line of plain text: forbidden characters dropped, runs of whitespace made one space,
    bidi controls shown as markers (they would reorder the label)."""
    return " ".join(neutral(_FORBIDDEN.sub("", text)).split())


def shorten(text: str, limit: int) -> str:
    """Clean text cut to ``limit`` characters with an ellipsis (for alt text and small labels)."""
    line = clean(text)
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def wrap(text: str, width: int, max_lines: int) -> list[str]:
    """Lines of at most ``width`` characters; long words are broken, overflow ends in "…"."""
    # Only the start can show; wrapping a 1 MB text whole took half a second per label.
    # Greedy lines of at least width/2 characters: this prefix still overflows the same.
    head = clean(text)[: 4 * (width + 1) * (max_lines + 1)]
    if len(head) <= width:  # the common case; textwrap is slow
        return [head]
    lines = textwrap.wrap(head, width, break_long_words=True)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1][: width - 1].rstrip() + "…"]
    return lines


def text(value: str) -> str:
    """Escape plain text for an HTML-like label.

    Graphviz expands ``\\N``-style escapes even inside HTML labels (after decoding entities),
    so backslashes are doubled first; then the XML specials become entities.
    """
    value = value.replace("\\", "\\\\").replace("&", "&amp;")
    return value.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def label(value: str, width: int, max_lines: int, br: str = "<BR/>") -> str:
    """User text wrapped and escaped as HTML-label markup, lines joined by ``br``.

    Never empty: Graphviz rejects an empty ``<B></B>`` or ``<I></I>`` as a syntax error,
    and a whitespace-only name (valid in the schema) would otherwise fail the build.
    """
    return br.join(text(line) for line in wrap(value, width, max_lines)) or " "


def quote(value: str) -> str:
    """A DOT quoted string; backslashes doubled so no escape sequence survives."""
    if _PLAIN.fullmatch(value):  # colours, sizes, positions: nothing to escape
        return f'"{value}"'
    value = _FORBIDDEN.sub("", value).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + value.replace("\n", " ").replace("\r", " ") + '"'


def attrs(values: Mapping[str, str | Html]) -> str:
    """An attribute list ``[a="1", label=<...>]`` with every value quoted or bracketed."""
    parts = [
        f"{key}=<{value.markup}>" if isinstance(value, Html) else f"{key}={quote(value)}"
        for key, value in values.items()
    ]
    return "[" + ", ".join(parts) + "]"


def title_markup(title: str, legend: str = "") -> Html:
    """The graph label: the title in bold, optionally a legend row under it."""
    head = f'<FONT POINT-SIZE="16"><B>{label(title, 70, 2)}</B></FONT>'
    rows = f"<TR><TD>{head}</TD></TR>"
    if legend:
        rows += f"<TR><TD>{legend}</TD></TR>"
    return Html(f'<TABLE BORDER="0" CELLPADDING="2" CELLSPACING="0">{rows}</TABLE>')


def header(kind: str, graph_id: str, title: str, legend: str, extra: dict[str, str]) -> list[str]:
    """Opening lines shared by every diagram: card background, fonts, title on top."""
    graph: dict[str, str | Html] = {
        "id": graph_id,
        "label": title_markup(title, legend),
        "labelloc": "t",
        "labeljust": "c",
        "bgcolor": CARD,
        "fontname": FONT,
        "fontcolor": INK,
        "fontsize": "12",
        "pad": "0.3",
        **extra,
    }
    return [
        f"{kind} diagram {{",
        f"  graph {attrs(graph)};",
        "  node " + attrs({"fontname": FONT, "fontcolor": INK, "fontsize": "11"}) + ";",
        "  edge " + attrs({"fontname": FONT, "fontcolor": INK, "fontsize": "9"}) + ";",
    ]
