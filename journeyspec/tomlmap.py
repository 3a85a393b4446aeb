"""Where each key and value of a TOML table starts: a source map for TOML text.

tomllib keeps no positions. The text is scanned once more, only after tomllib accepted
it, so the scan may assume valid TOML: headers (``[a.b]``, ``[[a.b]]``, each naming the
last element of an array of tables), dotted keys, strings of the four kinds, arrays and
inline tables over any number of lines. Positions are 1-based, in characters.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from typing import Any

from journeyspec.sourcemap import Position, SourceMap, join

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SCALAR = re.compile(r"[^,\]}#\r\n]*")
_BLANKS = re.compile(r"[ \t]*")
_BLANKS_AND_LINES = re.compile(r"(?:[ \t\r\n]|#[^\n]*)*")


def toml_sourcemap(text: str, table: tuple[str, ...], deepest: int) -> SourceMap:
    """Where the keys and values of ``table`` (``("tool", "journeyspec")``) start in
    ``text``, as pointers below the table. Keys of more than ``deepest`` parts are placed
    only that deep: the caller refuses them, and placing them all would cost n²."""
    scan = _Scan(text, table, deepest)
    scan.document()
    return SourceMap.of(scan.values, scan.keys)


class _Scan:
    def __init__(self, text: str, table: tuple[str, ...], deepest: int) -> None:
        self.text, self.pos, self.table, self.deepest = text, 0, table, deepest
        self.starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self.values: dict[str, Position] = {}
        self.keys: dict[str, Position] = {}
        self.arrays: dict[tuple[Any, ...], int] = {}  # array-of-tables path -> last index

    def document(self) -> None:
        table: list[Any] = []
        while self._skip(newlines=True) < len(self.text):
            if self.text[self.pos] == "[":
                table = self._header()
            else:
                self._pair(table)

    def _header(self) -> list[Any]:
        """Past a ``[table]`` or ``[[array]]`` header; the path of the table it opens."""
        start = self.pos
        close = "]]" if self.text.startswith("[[", start) else "]"
        self.pos += len(close)
        parts = self._key()
        self.pos = self.text.index(close, self.pos) + len(close)
        names = [name for name, _ in parts]
        if len(parts) > self.deepest:
            self._mark_header(parts[: self.deepest], self._resolve(names[: self.deepest]), start)
            return [None]
        if close == "]":
            table = self._resolve(names)
        else:
            array = [*self._resolve(names[:-1]), names[-1]]
            index = self.arrays.get(tuple(array), -1) + 1
            self.arrays[tuple(array)] = index
            table = [*array, index]
        self._mark_header(parts, table, start)
        return table

    def _mark_header(self, parts: list[tuple[str, int]], path: list[Any], header: int) -> None:
        """The header's table starts at its ``[``; the tables it names on the way, and
        their keys, at their names in it (unless met earlier)."""
        self._mark(path, header, key=False)
        names = [p for p in path if not isinstance(p, int)]
        for depth, (_, offset) in enumerate(parts, 1):
            prefix = self._resolve(names[:depth]) if depth < len(parts) else path
            self._mark(prefix, offset, key=True)
            self._mark(prefix, offset, key=False)
        if isinstance(path[-1], int):  # [[x]]: the array itself starts at its first header
            self._mark(path[:-1], parts[-1][1], key=True)
            self._mark(path[:-1], parts[-1][1], key=False)

    def _resolve(self, names: list[str]) -> list[Any]:
        """Header names as a path: an array of tables means its last element."""
        path: list[Any] = []
        for name in names:
            path.append(name)
            if tuple(path) in self.arrays:
                path.append(self.arrays[tuple(path)])
        return path

    def _pair(self, table: list[Any]) -> None:
        parts = self._key()
        for count, (_, offset) in enumerate(parts[: self.deepest], 1):
            self._mark([*table, *(name for name, _ in parts[:count])], offset, key=True)
            if count < len(parts):  # `a.b = 1` makes table `a`, which starts at its name
                self._mark([*table, *(name for name, _ in parts[:count])], offset, key=False)
        self._skip()
        self.pos += 1  # "="
        self._skip()
        self._value([*table, *(name for name, _ in parts)])

    def _value(self, path: list[Any]) -> None:
        self._mark(path, self.pos, key=False)
        text, char = self.text, self.text[self.pos]
        if text.startswith(('"""', "'''"), self.pos):
            self._string(text[self.pos : self.pos + 3])
        elif char in "\"'":
            self._string(char)
        elif char == "[":
            self.pos += 1
            index = 0
            while self._skip(newlines=True) < len(text) and text[self.pos] != "]":
                self._value([*path, index])
                index += 1
                if self._skip(newlines=True) < len(text) and text[self.pos] == ",":
                    self.pos += 1
            self.pos += 1
        elif char == "{":
            self.pos += 1
            while self._skip(newlines=True) < len(text) and text[self.pos] != "}":
                self._pair(path)
                if self._skip(newlines=True) < len(text) and text[self.pos] == ",":
                    self.pos += 1
            self.pos += 1
        else:
            match = _SCALAR.match(text, self.pos)
            self.pos = match.end() if match else self.pos + 1

    def _string(self, quote: str) -> None:
        """Past a string starting at ``pos`` with ``quote`` (escapes only in basic strings)."""
        text, pos = self.text, self.pos + len(quote)
        while not text.startswith(quote, pos):
            pos += 2 if quote[0] == '"' and text[pos] == "\\" else 1
        pos += len(quote)
        if len(quote) == 3:
            while pos < len(text) and text[pos] == quote[0] and pos - self.pos < 8:
                pos += 1  # up to two quotes may close the content, right before the delimiter
        self.pos = pos

    def _key(self) -> list[tuple[str, int]]:
        """A dotted key at ``pos``: each part with where it starts."""
        parts: list[tuple[str, int]] = []
        while True:
            self._skip()
            start = self.pos
            if self.text[start] in "\"'":
                self._string(self.text[start])
                raw = self.text[start : self.pos]
                parts.append((tomllib.loads(f"k = {raw}")["k"], start))
            else:
                match = _BARE_KEY.match(self.text, start)
                self.pos = match.end() if match else start + 1
                parts.append((self.text[start : self.pos], start))
            self._skip()
            if self.pos < len(self.text) and self.text[self.pos] == ".":
                self.pos += 1
                continue
            return parts

    def _skip(self, *, newlines: bool = False) -> int:
        """Past blanks and comments (and line ends when ``newlines``); the new ``pos``."""
        match = (_BLANKS_AND_LINES if newlines else _BLANKS).match(self.text, self.pos)
        self.pos = match.end() if match else self.pos
        return self.pos

    def _mark(self, path: list[Any], offset: int, *, key: bool) -> None:
        if tuple(path[: len(self.table)]) != self.table:
            return
        pointer = join("", *path[len(self.table) :])
        places = self.keys if key else self.values
        places.setdefault(pointer, self._position(offset))

    def _position(self, offset: int) -> Position:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1
