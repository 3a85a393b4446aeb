"""Source maps: from a JSON pointer to the line and column where that value was written."""

from __future__ import annotations

import sys

import yaml

Position = tuple[int, int]


def escape(token: str) -> str:
    """Escape one pointer token (RFC 6901): ``~`` -> ``~0``, ``/`` -> ``~1``."""
    if "~" not in token and "/" not in token:
        return token  # nearly every token; called for every node the model and checks visit
    return token.replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join(pointer: str, *tokens: str | int) -> str:
    """``join("/stages", 2, "owner")`` -> ``"/stages/2/owner"``."""
    for token in tokens:  # a loop, not a generator: one to three tokens, called per part
        pointer += "/" + escape(token if type(token) is str else str(token))
    # The same pointers recur in every journey ("/stages/0/steps/1"): one object each
    # keeps a model of 10,000 journeys 60 MB smaller.
    return sys.intern(pointer)


def parent(pointer: str) -> str:
    return pointer.rsplit("/", 1)[0] if pointer else ""


def split(pointer: str) -> list[str]:
    return [unescape(t) for t in pointer.split("/")[1:]] if pointer else []


def place(data: object, pointer: str) -> str:
    """``pointer`` with each list position replaced by ``id=ID`` of the item there, when
    it has one: ``/stages/0/steps/2`` -> ``/stages/id=awareness/steps/id=searches``.
    Positions change when items are inserted above; ids do not."""
    node, tokens = data, []
    for token in split(pointer):
        if isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
            item_id = node.get("id") if isinstance(node, dict) else None
            tokens.append(f"id={item_id}" if isinstance(item_id, str) else token)
        elif isinstance(node, dict) and token in node:
            node = node[token]
            tokens.append(token)
        else:
            node = None
            tokens.append(token)
    return "".join("/" + escape(token) for token in tokens)


class SourceMap:
    """Where each value (and each mapping key) of a YAML document starts, 1-based.

    Built from the composed node tree; a pointer with no entry falls back to its
    nearest ancestor, so every pointer resolves to *some* place in the file.
    """

    def __init__(self, root: yaml.Node | None) -> None:
        self._values: dict[str, Position] = {}
        self._keys: dict[str, Position] = {}
        self._root: yaml.Node | None = None  # set: places are found by descending from it
        if root is not None:
            self._walk(root)

    @classmethod
    def of(cls, values: dict[str, Position], keys: dict[str, Position]) -> SourceMap:
        """A map of places found another way (pyproject.toml's table, scanned as TOML)."""
        made = cls(None)
        made._values, made._keys = dict(values), dict(keys)
        return made

    @classmethod
    def from_text(cls, text: str) -> SourceMap:
        """Compose ``text`` again (no construction) and map it; an unparsable text maps nothing."""
        try:
            root = yaml.compose(text, Loader=_ComposeLoader)
        except (yaml.YAMLError, RecursionError):
            root = None
        return cls(root)

    @classmethod
    def from_ordinary_text(cls, text: str) -> SourceMap:
        """``from_text`` for text that ``fastload`` loaded: one document, no anchor or alias,
        no key twice in a mapping. Each pointer then names one node, found by following the
        pointer down the tree when asked: a file with a few findings maps no other node."""
        try:
            root = yaml.compose(text, Loader=_ComposeLoader)
        except (yaml.YAMLError, RecursionError):
            root = None
        made = cls(None)
        made._root = root
        return made

    def _descend(self, pointer: str) -> tuple[bool, Position, Position | None]:
        """Whether ``pointer`` names a node; where the deepest node on its path starts; and,
        when that is the pointer's own node in a mapping, where its key starts."""
        node = self._root
        if node is None:
            return False, (1, 1), None
        key_mark = None
        found = True
        for token in split(pointer):
            key_mark = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if str(key_node.value) == token:
                        node, key_mark = value_node, key_node.start_mark
                        break
                else:
                    found = False
            elif isinstance(node, yaml.SequenceNode) and token.isascii() and token.isdigit():
                index = int(token)
                if str(index) == token and index < len(node.value):
                    node = node.value[index]
                else:
                    found = False
            else:
                found = False
            if not found:
                break
        mark = node.start_mark
        key = (key_mark.line + 1, key_mark.column + 1) if key_mark is not None else None
        return found, (mark.line + 1, mark.column + 1), key

    def _walk(self, root: yaml.Node) -> None:
        # Written out rather than through helpers: this runs for every node of every file
        # with a finding. The first pointer popped wins, as a setdefault would have it.
        values, keys = self._values, self._keys
        seen: set[int] = set()
        stack: list[tuple[str, yaml.Node]] = [("", root)]
        while stack:
            pointer, node = stack.pop()
            if pointer not in values:
                values[pointer] = (node.start_mark.line + 1, node.start_mark.column + 1)
            if id(node) in seen:  # an alias: mapped where it was anchored
                continue
            seen.add(id(node))
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    token = str(key_node.value)
                    if "~" in token or "/" in token:
                        token = escape(token)
                    child_pointer = pointer + "/" + token
                    if child_pointer not in keys:
                        mark = key_node.start_mark
                        keys[child_pointer] = (mark.line + 1, mark.column + 1)
                    stack.append((child_pointer, value_node))
            elif isinstance(node, yaml.SequenceNode):
                for index, item in enumerate(node.value):
                    stack.append((f"{pointer}/{index}", item))

    def value(self, pointer: str) -> Position:
        """Where the value at ``pointer`` starts (nearest existing ancestor otherwise)."""
        if self._root is not None:
            return self._descend(pointer)[1]
        while pointer not in self._values and pointer:
            pointer = parent(pointer)
        return self._values.get(pointer, (1, 1))

    def key(self, pointer: str) -> Position:
        """Where the key naming ``pointer`` starts; the value for list items and the root."""
        if self._root is not None:
            _, value, key = self._descend(pointer)
            return key or value
        return self._keys.get(pointer) or self.value(pointer)

    def __contains__(self, pointer: str) -> bool:
        if self._root is not None:
            return self._descend(pointer)[0]
        return pointer in self._values


class _ComposeLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Composes only. Tags never move a node, so scalars are not resolved: resolving every
    scalar against the implicit-type regexes was half the cost of a source map."""

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return "tag:yaml.org,2002:str"
