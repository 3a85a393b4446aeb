"""Safe YAML loading: bytes in, plain data plus load errors with positions out.

The loader is deliberately stricter than PyYAML's ``safe_load``:

* scalars follow the YAML 1.2 core schema, so ``no``/``on``/``yes`` stay strings,
  ``0777`` is the decimal 777 and ``1:20`` is text, never a number of seconds;
* dates and times stay the strings they were written as (the schema checks the format);
* only the core tags (str, int, float, bool, null, map, seq) are accepted;
* duplicate keys and merge keys (``<<``) are errors, as are non-finite numbers;
* aliases may not refer to themselves nor expand past a bound (no "billion laughs"),
  nesting is limited, and so is the size of a file.
"""

from __future__ import annotations

import sys
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

import yaml

from journeyspec import fastload, nesting, paths, scalars, yamlerrors
from journeyspec.bidi import bidi_findings
from journeyspec.findings import Finding, Severity
from journeyspec.sourcemap import Position, SourceMap

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 100
MAX_EXPANDED_VALUES = 200_000
RULE = "syntax"

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _CoreLoader(_Base):  # type: ignore[misc]
    """PyYAML's (C, when built) parser with the YAML 1.2 core schema's implicit resolvers."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {}


for _tag, _pattern in scalars.CORE.items():
    _CoreLoader.add_implicit_resolver(_tag, _pattern, scalars.FIRST_CHARACTERS[_tag])

# The resolvers by first character, read by ``_resolve`` below.
_BY_FIRST: dict[str, list[tuple[str, Any]]] = dict(_CoreLoader.yaml_implicit_resolvers)


def _resolve(self: Any, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
    """PyYAML's ``BaseResolver.resolve`` for our loader, without what it never uses.

    The C composer calls it for every node; the generic version (path resolvers, wildcard
    resolvers, list concatenation) was ~40% of composing. Same answers: there are no path
    or wildcard resolvers, and the first matching resolver for the first character wins.
    """
    if kind is yaml.ScalarNode:
        if implicit[0]:
            for tag, pattern in _BY_FIRST.get(value[:1], ()):
                if pattern.match(value):
                    return tag
        return scalars.STR
    return scalars.SEQ if kind is yaml.SequenceNode else scalars.MAP


_CoreLoader.resolve = _resolve


_SHARED = 40  # the longest text worth sharing between documents


class LoadError(Exception):
    """A problem at a position while constructing data; becomes a finding."""

    def __init__(self, message: str, position: Position, hint: str = "") -> None:
        super().__init__(message)
        self.message, self.position, self.hint = message, position, hint


@dataclass
class Document:
    """One YAML file: its text, its data (``None`` if unusable) and what went wrong loading it.

    A file's text is needed only to place findings and quote lines, so ``release_text``
    forgets it (16 KB a journey, 160 MB at 10,000); ``text`` then reads it again.
    """

    path: str
    kept_text: str | None
    data: Any
    errors: list[Finding] = field(default_factory=list)
    source: tuple[Path, int] | None = field(default=None, repr=False)  # file, CRC-32
    # The composed node tree (once mapped, its source map) while the file is being checked,
    # so a finding's position costs no second parse; ``forget_tree`` drops it.
    tree: yaml.Node | SourceMap | None = field(default=None, repr=False, compare=False)
    # Loaded by ``fastload``: each pointer names one node, found when a finding asks.
    ordinary: bool = field(default=False, repr=False, compare=False)

    @property
    def text(self) -> str:
        if self.kept_text is not None:
            return self.kept_text
        return _reread(*self.source) if self.source is not None else ""

    def release_text(self, source: Path, raw: bytes) -> None:
        """Forget the text; it is read again from ``source`` (which held ``raw``) if asked."""
        self.kept_text, self.source = None, (source, zlib.crc32(raw))

    def forget_tree(self) -> None:
        self.tree = None

    @property
    def sourcemap(self) -> SourceMap:
        # Built only when a finding needs a position, so clean files never pay for it;
        # never for text that failed to load (it may be too deep to compose safely).
        if isinstance(self.tree, yaml.Node):
            self.tree = SourceMap(self.tree)
        if isinstance(self.tree, SourceMap):
            return self.tree
        usable = self.data is not None or not self.errors
        if self.ordinary:
            return _ordinary_sourcemap(self.text)
        return _sourcemap(self.text) if usable else SourceMap(None)

    def position(self, pointer: str, *, key: bool = False) -> Position:
        return self.sourcemap.key(pointer) if key else self.sourcemap.value(pointer)

    def finding(
        self,
        pointer: str,
        rule: str,
        message: str,
        *,
        severity: Severity = Severity.ERROR,
        hint: str = "",
        key: bool = False,
    ) -> Finding:
        """A finding at the value (or, with ``key``, the key) that ``pointer`` names."""
        line, col = self.position(pointer, key=key)
        return Finding(self.path, line, col, rule, message, severity, pointer, hint)

    def line_text(self, line: int) -> str:
        """Line ``line`` (1-based) of the source, for excerpts; empty past the end."""
        lines = _lines(self.text)
        return lines[line - 1] if 0 < line <= len(lines) else ""


@lru_cache(maxsize=16)
def _reread(source: Path, crc: int) -> str:
    # Findings are made file by file, several per file: read each file once for them. The
    # checksum is in the key, so a file edited between two runs in one process is read anew.
    try:
        raw = paths.read_regular(source, MAX_FILE_BYTES)
        return decode(raw) if zlib.crc32(raw) == crc else ""
    # Gone, replaced or changed since it was loaded: no positions.
    except (OSError, LoadError, paths.NotARegularFile, paths.FileTooLarge):
        return ""


@lru_cache(maxsize=4)
def _lines(text: str) -> tuple[str, ...]:
    # Split once per file, not once per finding: 20,000 findings on a 700 KB file
    # spent their time re-splitting it (a string's hash is cached, so lookups are cheap).
    return tuple(text.splitlines())


@lru_cache(maxsize=16)
def _sourcemap(text: str) -> SourceMap:
    # Kept for the documents last asked (findings are made file by file), not on every
    # document: a map is ~12x the size of its text (180 KB for a 15 KB journey), and a
    # portfolio of 10,000 journeys with findings in one in seven held 250 MB of maps.
    return SourceMap.from_text(text)


@lru_cache(maxsize=4)
def _ordinary_sourcemap(text: str) -> SourceMap:
    # Holds a composed node tree (~35x its text): kept only for the few files whose
    # findings are being placed (a worker held 7 MB more with 16).
    return SourceMap.from_ordinary_text(text)


def read_document(path: Path, display: str | None = None) -> Document:
    """Read and load ``path``; never raises for bad content, only reports it."""
    shown = display or str(path)
    try:
        raw = paths.read_regular(path, MAX_FILE_BYTES)
    except paths.FileTooLarge as exc:
        return _failed(
            shown,
            f"file is {exc.size / 1048576:.1f} MB; journeyspec reads files up to "
            f"{MAX_FILE_BYTES // 1048576} MB",
            (1, 1),
            "split the map into several journeys",
        )
    except paths.NotARegularFile:
        return _failed(
            shown,
            "not a regular file (a device, pipe, socket or folder); it was not read",
            (0, 0),
            "journeyspec reads plain YAML files only",
        )
    except OSError as exc:
        return _failed(shown, f"cannot read file: {exc.strerror or exc}", (0, 0))
    return load_document(raw, shown)


def load_document(raw: bytes | str, path: str, *, fast: bool = False) -> Document:
    """Decode and load one YAML document given as bytes (or already decoded text).

    With ``fast``, ordinary text is loaded by ``fastload`` (the same data and findings),
    and the document keeps no node tree: positions, when a finding needs them, come from
    composing the text then. Without it, ``Document.tree`` holds the tree for a caller
    that walks it.
    """
    if isinstance(raw, bytes):
        if len(raw) > MAX_FILE_BYTES:
            return _failed(path, f"file is larger than {MAX_FILE_BYTES // 1048576} MB", (1, 1))
        try:
            text = decode(raw)
        except LoadError as exc:
            return _failed(path, exc.message, exc.position, exc.hint)
    else:
        text = raw
    document = Document(path, text, None, bidi_findings(text, path, RULE))
    ordinary = fastload.load(text) if fast else None
    if ordinary is not None:
        document.data, document.ordinary = ordinary, True
        return document
    try:
        root = _compose(text)
    except LoadError as exc:
        document.errors.append(Finding(path, *exc.position, RULE, exc.message, hint=exc.hint))
        return document
    except yaml.MarkedYAMLError as exc:
        position, message, hint = yamlerrors.describe(exc, text)
        document.errors.append(Finding(path, *position, RULE, message, hint=hint))
        return document
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line, col = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        document.errors.append(
            Finding(
                path,
                line,
                col,
                RULE,
                f"character U+{exc.character:04X} is not allowed in YAML",
                hint="remove the control character",
            )
        )
        return document
    except yaml.YAMLError as exc:
        document.errors.append(Finding(path, 1, 1, RULE, f"not valid YAML: {exc}"))
        return document
    if root is None or _is_empty(root):
        # Nothing but blanks, comments or document markers.
        document.errors.append(
            Finding(
                path,
                1,
                1,
                RULE,
                "file is empty" if not text.strip() else "file holds no data",
                hint="a journeyspec file is a YAML mapping that starts with `journeyspec: 1`",
            )
        )
        return document
    builder = _Builder(path, has_anchors="&" in text)
    try:
        document.data = builder.build(root)
    except LoadError as exc:
        document.errors.append(Finding(path, *exc.position, RULE, exc.message, hint=exc.hint))
        document.data = None
    document.errors.extend(builder.errors)
    if document.data is not None:
        document.tree = root
    return document


def _compose(text: str) -> yaml.Node | None:
    """The node tree of the single document in ``text``; ``None`` when it holds no node."""
    if nesting.could_exceed(text):
        # Checked on the event stream first: the C composer would crash the process.
        deep = nesting.too_deep(text, _CoreLoader, MAX_DEPTH)
        if deep is not None:
            raise LoadError(
                f"nesting deeper than {MAX_DEPTH} levels", deep, "flatten the structure"
            )
    loader = _CoreLoader(text)
    try:
        root: yaml.Node | None = loader.get_single_node()
    finally:
        loader.dispose()
    return root


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM) to text; anything else is a ``LoadError`` at its position."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError("file is UTF-16 encoded", (1, 1), "save it as UTF-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise LoadError(
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            (line, col),
            "save the file as UTF-8",
        ) from None


def _failed(path: str, message: str, position: Position, hint: str = "") -> Document:
    return Document(path, "", None, [Finding(path, *position, RULE, message, hint=hint)])


class _Builder:
    """Turns a composed node tree into plain Python data, enforcing the rules above."""

    def __init__(self, path: str, *, has_anchors: bool) -> None:
        self.path = path
        self.errors: list[Finding] = []
        # Aliases reuse the anchored node; memoise only when the text could hold anchors.
        self._memo: dict[int, tuple[Any, int]] | None = {} if has_anchors else None
        self._active: set[int] = set()
        self._expanded = 0

    def build(self, root: yaml.Node) -> Any:
        return self._node(root, 0)[0]

    def _error(self, node: yaml.Node, message: str, hint: str = "") -> None:
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        self.errors.append(Finding(self.path, line, col, RULE, message, hint=hint))

    def _node(self, node: yaml.Node, depth: int) -> tuple[Any, int]:
        """Return the value and how many values it expands to."""
        if depth > MAX_DEPTH:
            raise LoadError(
                f"nesting deeper than {MAX_DEPTH} levels", _mark(node), "flatten the structure"
            )
        memo = self._memo
        if memo is not None:
            if id(node) in self._active:
                raise LoadError(
                    "an alias refers to a value that contains it",
                    _mark(node),
                    "remove the recursive alias",
                )
            if id(node) in memo:
                value, size = memo[id(node)]
                self._count(size, node)
                return value, size
            self._active.add(id(node))
        if isinstance(node, yaml.MappingNode):
            result: tuple[Any, int] = self._mapping(node, depth)
        elif isinstance(node, yaml.SequenceNode):
            result = self._sequence(node, depth)
        else:
            result = (self._scalar(node), 1)
            self._count(1, node)
        if memo is not None:
            self._active.discard(id(node))
            memo[id(node)] = result
        return result

    def _count(self, size: int, node: yaml.Node) -> None:
        self._expanded += size
        if self._expanded > MAX_EXPANDED_VALUES:
            raise LoadError(
                f"the document expands to more than {MAX_EXPANDED_VALUES:,} values "
                "(through aliases or sheer size)",
                _mark(node),
                "remove aliases that repeat large blocks",
            )

    def _mapping(self, node: yaml.MappingNode, depth: int) -> tuple[Any, int]:
        if node.tag != scalars.MAP:
            self._error(node, f"tag {node.tag} is not allowed", "remove the tag")
        data: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        size = 1
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._error(key_node, "mapping keys must be plain text", "use a simple key")
                continue
            key = sys.intern(str(key_node.value))  # one object per key name, not per file
            try:
                scalars.check_text(key)
            except scalars.Invalid as exc:
                self._error(key_node, exc.message, exc.hint)
                continue
            if key == "<<" and not key_node.style:
                self._error(
                    key_node, "merge keys (<<) are not supported", "write the keys out in full"
                )
                continue
            if key in first_seen:
                self._error(
                    key_node,
                    f"duplicate key `{key}`",
                    f"it is already set on line {first_seen[key].start_mark.line + 1}; keep one",
                )
                continue
            first_seen[key] = key_node
            value, child_size = self._node(value_node, depth + 1)
            data[key] = value
            size += child_size
        self._count(1, node)
        return data, size

    def _sequence(self, node: yaml.SequenceNode, depth: int) -> tuple[Any, int]:
        if node.tag != scalars.SEQ:
            self._error(node, f"tag {node.tag} is not allowed", "remove the tag")
        items: list[Any] = []
        size = 1
        for item in node.value:
            value, child_size = self._node(item, depth + 1)
            items.append(value)
            size += child_size
        self._count(1, node)
        return items, size

    def _scalar(self, node: yaml.Node) -> Any:
        try:
            value = scalars.construct(node.tag, str(node.value))
        except scalars.Invalid as exc:
            self._error(node, exc.message, exc.hint)
            return None
        # Ids, names and enum values recur across a portfolio ("awareness", "web", "high"):
        # sharing one object each keeps 10,000 journeys in far less memory.
        return sys.intern(value) if type(value) is str and len(value) <= _SHARED else value


def _is_empty(node: yaml.Node) -> bool:
    """Whether ``node`` is the implicit null of a document with no content (``---`` alone)."""
    return isinstance(node, yaml.ScalarNode) and node.value == "" and not node.style


def _mark(node: yaml.Node) -> Position:
    return (node.start_mark.line + 1, node.start_mark.column + 1)
