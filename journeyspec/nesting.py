"""Nesting depth of YAML text, measured from the event stream without recursion.

PyYAML's C composer builds nodes recursively in C: around 30,000 nested ``[`` crash
the whole process with a segmentation fault, which no ``except`` can catch. So text
that *could* nest that deep is first walked as a flat stream of parser events, and
refused at the first node deeper than the limit, before any composer sees it.

Where the text is too deep is journeyspec's to say, whatever PyYAML is installed: libyaml
0.2.6 and later (bundled with PyYAML 6.0.4) stop at a nesting limit of their own, and their
scanner reads ahead of the events, so the C walk can fail at its limit before it has
reached ours. Such a walk is repeated with PyYAML's pure-Python parser, which has no limit.
"""

from __future__ import annotations

from typing import Any

import yaml

Position = tuple[int, int]

# Below this many levels the C composer is safe on any thread stack we run on.
SAFE_DEPTH = 1000


def could_exceed(text: str, depth: int = SAFE_DEPTH) -> bool:
    """A cheap upper bound: whether ``text`` could possibly nest deeper than ``depth``.

    Block collections nest only by moving right (at most two levels per column:
    a mapping and the sequence under one of its keys), flow collections only by
    ``[`` and ``{``, so depth <= 2 * longest line + flow brackets + 2.
    """
    flow = text.count("[") + text.count("{")
    if flow > depth:
        return True
    longest = max((len(line) for line in text.splitlines()), default=0)
    return 2 * longest + flow + 2 > depth


def too_deep(text: str, loader: type[Any], limit: int) -> Position | None:
    """Where the first node deeper than ``limit`` starts (root = depth 0), or ``None``.

    Raises ``yaml.YAMLError`` for malformed text, exactly as composing it with ``loader``
    would (the error of ``loader``'s own parser, not the pure-Python one's).
    """
    try:
        return _walk(loader(text), limit)
    except yaml.YAMLError as error:
        try:
            deep = _walk(yaml.SafeLoader(text), limit)
        except yaml.YAMLError:
            raise error from None
        if deep is None:
            raise
        return deep


def _walk(parser: Any, limit: int) -> Position | None:
    """``too_deep`` on one parser's events; the parser is disposed of afterwards."""
    # Per open collection: whether it is a mapping, and how many nodes it has so far
    # (in a mapping, even-numbered nodes are keys, which do not count as depth).
    open_collections: list[list[Any]] = []
    try:
        while True:
            event = parser.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return None
            if isinstance(event, yaml.NodeEvent):
                parent = open_collections[-1] if open_collections else None
                is_key = parent is not None and parent[0] and parent[1] % 2 == 0
                if parent is not None:
                    parent[1] += 1
                if not is_key and len(open_collections) > limit:
                    mark = event.start_mark
                    return (mark.line + 1, mark.column + 1) if mark else (1, 1)
            if isinstance(event, yaml.CollectionStartEvent):
                open_collections.append([isinstance(event, yaml.MappingStartEvent), 0])
            elif isinstance(event, yaml.CollectionEndEvent):
                open_collections.pop()
    finally:
        parser.dispose()
