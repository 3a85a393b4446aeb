"""Symbols: every id a project file defines and every place that names one, with its span.

Read from the same tables the reference checks use (``journeyspec.references``), so the
editor and ``journeyspec validate`` agree on what refers to what. Journey-local kinds
(stages, steps, touchpoints, ...) are scoped to their file; personas, teams, channels and
journeys are project-wide.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from journeyspec import references
from journeyspec.loader import load_document
from journeyspec.sourcemap import escape, parent

GLOBAL_KINDS = ("persona", "team", "channel", "study", "theme", "journey")

# Where each kind of file defines ids, and where it names them.
DEFINITIONS: dict[str, dict[str, str]] = {
    "journey": {"journey": "/id", **references.JOURNEY_IDS},
    "persona": {"persona": "/id"},
    **{name: {kind: at} for name, (kind, at) in references.REGISTRY_IDS.items()},
}
REFERENCES: dict[str, dict[str, tuple[str, ...]]] = {
    "journey": {
        **references.JOURNEY_REFERENCES,
        "/current_state": ("journey",),
        "/parent/journey": ("journey",),
    },
    "persona": dict(references.PERSONA_REFERENCES),
    **{name: references.REGISTRY_REFERENCES.get(name, {}) for name in references.REGISTRY_IDS},
}


@dataclass(frozen=True, order=True)
class Span:
    """A stretch of text, 0-based, in code points, end exclusive."""

    line: int
    col: int
    end_line: int
    end_col: int

    def holds(self, line: int, col: int) -> bool:
        return (self.line, self.col) <= (line, col) <= (self.end_line, self.end_col)


@dataclass(frozen=True)
class Symbol:
    """An id where it is defined: ``kind`` ``id`` at ``span`` of ``path``."""

    kind: str
    id: str
    path: str
    span: Span
    pointer: str
    name: str  # the defining item's name or title, "" when it has none
    shared: bool = False  # defined in a registry: project-wide whatever its kind

    @property
    def scope(self) -> str | None:
        """The file whose ids it shares a namespace with; None for project-wide kinds."""
        return None if self.kind in GLOBAL_KINDS or self.shared else self.path


@dataclass(frozen=True)
class Reference:
    """A place in ``path`` that names ``id`` as one of ``kinds``."""

    kinds: tuple[str, ...]
    id: str
    path: str
    span: Span
    pointer: str


@dataclass
class FileSymbols:
    """What one file defines and names, and the span of each of its values.

    The spans of every value are worked out again from ``text`` when asked (and kept for
    the few files asked last): kept for every file, they were most of a language
    server's memory (350 MB of 400 at 1,000 journeys)."""

    path: str
    schema: str
    definitions: list[Symbol] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    text: str = field(default="", repr=False)

    @property
    def spans(self) -> dict[str, Span]:
        parsed = _parsed(self.text)
        return parsed[1] if parsed is not None else {}

    def at(self, line: int, col: int) -> Symbol | Reference | None:
        """The definition or reference whose id spans ``line``:``col`` (0-based)."""
        items: list[Symbol | Reference] = [*self.definitions, *self.references]
        return next((item for item in items if item.span.holds(line, col)), None)


def read_symbols(text: str, path: str, schema: str) -> FileSymbols:
    """The symbols of one file's text; a file that does not load has none."""
    found = FileSymbols(path, schema, text=text)
    parsed = _parsed(text)
    if parsed is None:
        return found
    data, spans = parsed
    for kind, pattern in DEFINITIONS.get(schema, {}).items():
        for pointer, value in references.walk(data, pattern):
            if isinstance(value, str) and pointer in spans:
                name = _name_of(data, parent(pointer))
                found.definitions.append(
                    Symbol(
                        kind,
                        value,
                        path,
                        spans[pointer],
                        pointer,
                        name,
                        schema in references.REGISTRY_IDS,
                    )
                )
    for pattern, kinds in REFERENCES.get(schema, {}).items():
        for pointer, value in references.walk(data, pattern):
            if isinstance(value, str) and pointer in spans:
                found.references.append(Reference(kinds, value, path, spans[pointer], pointer))
    found.definitions.sort(key=lambda s: s.span)
    found.references.sort(key=lambda r: r.span)
    return found


@lru_cache(maxsize=8)
def _parsed(text: str) -> tuple[Any, dict[str, Span]] | None:
    """The data of a file's text and the span of each of its values; None if it does not
    load. Kept for the texts asked last: the buffer being typed in, the files published."""
    document = load_document(text, "")
    if document.data is None or not isinstance(document.tree, yaml.Node):
        return None
    return document.data, _spans(document.tree)


def value_at(data: Any, pointer: str) -> Any:
    """The value ``pointer`` names in ``data``; None when there is none."""
    node = data
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        elif isinstance(node, dict) and token in node:
            node = node[token]
        else:
            return None
    return node


def _name_of(data: Any, pointer: str) -> str:
    item = value_at(data, pointer)
    if isinstance(item, dict):
        for key in ("name", "title"):
            if isinstance(item.get(key), str):
                return str(item[key])
    return ""


def _spans(root: yaml.Node) -> dict[str, Span]:
    """The span of every value (first occurrence wins: an alias keeps its anchor's)."""
    spans: dict[str, Span] = {}
    for pointer, node in _nodes(root):
        if pointer not in spans:
            start, end = node.start_mark, node.end_mark
            spans[pointer] = Span(start.line, start.column, end.line, end.column)
    return spans


def _nodes(root: yaml.Node) -> Iterator[tuple[str, yaml.Node]]:
    seen: set[int] = set()
    stack: list[tuple[str, yaml.Node]] = [("", root)]
    while stack:
        pointer, node = stack.pop()
        yield pointer, node
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.append((f"{pointer}/{escape(str(key.value))}", value))
        elif isinstance(node, yaml.SequenceNode):
            for index in reversed(range(len(node.value))):
                stack.append((f"{pointer}/{index}", node.value[index]))
