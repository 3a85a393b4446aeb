"""``[tool.journeyspec]`` in pyproject.toml: the table as a document, with the place of each key.

tomllib reads the file but keeps no positions, so the text is scanned once more (only
after tomllib accepted it, so the scan may assume valid TOML) for where each key and
value of the table starts. Findings about the table then carry ``pyproject.toml:line:col``
exactly as findings about journeyspec.yaml do.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import tomllib
from bisect import bisect_right
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from journeyspec.findings import Finding
from journeyspec.loader import MAX_DEPTH, MAX_FILE_BYTES, Document
from journeyspec.scalars import MAX_INTEGER, Invalid, check_text
from journeyspec.sourcemap import Position, SourceMap, join

NAME = "pyproject.toml"
TABLE = ("tool", "journeyspec")
_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SCALAR = re.compile(r"[^,\]}#\r\n]*")
_BLANKS = re.compile(r"[ \t]*")
_MAX_DOT_WORK = 1_000_000  # the sum of each line's dots, squared
# Keys longer than this are refused for their depth: no need to place them.
_DEEPEST = MAX_DEPTH + len(TABLE) + 1
_BLANKS_AND_LINES = re.compile(r"(?:[ \t\r\n]|#[^\n]*)*")


def has_table(path: Path) -> bool:
    """Whether ``path`` configures journeyspec. A file that cannot be parsed counts when it
    mentions the table, so its syntax error is reported rather than silently skipped."""
    try:
        with path.open("rb") as stream:
            text = stream.read(MAX_FILE_BYTES + 1).decode("utf-8", errors="replace")
    except OSError:
        return False
    if "journeyspec" not in text:
        return False  # most pyproject.toml files: no need to parse them
    try:
        data = _parse(text)
    except _Refused:
        return re.search(r"^\s*\[+\s*tool\s*\.\s*journeyspec\b", text, re.M) is not None
    return isinstance(data.get("tool"), dict) and "journeyspec" in data["tool"]


def read_table(path: Path, display: str) -> Document:
    """The ``[tool.journeyspec]`` table of ``path`` as a document (data ``None`` with a
    positioned error when the file cannot be read or has no such table)."""
    try:
        raw = path.read_bytes()
        if len(raw) > MAX_FILE_BYTES:
            return _failed(display, f"file is larger than {MAX_FILE_BYTES // 1048576} MB", (1, 1))
        text = raw.decode("utf-8")
    except OSError as exc:
        return _failed(display, f"cannot read file: {exc.strerror or exc}", (0, 0))
    except UnicodeDecodeError as exc:
        return _failed(display, f"not UTF-8 text (byte {exc.start})", (1, 1))
    try:
        data = _parse(text)
    except _Refused as refused:
        return _failed(display, refused.message, refused.where, text, refused.hint)
    table = data.get("tool", {}).get("journeyspec") if isinstance(data.get("tool"), dict) else None
    if table is None:
        return _failed(
            display,
            "no [tool.journeyspec] table in this file",
            (1, 1),
            text,
            "add a [tool.journeyspec] table with `journeyspec = 1`, or name journeyspec.yaml",
        )
    scan = _Scan(text)
    scan.document()
    document = Document(display, text, table, tree=SourceMap.of(scan.values, scan.keys))
    deep = _too_deep(table)
    if deep is not None:
        document.errors.append(
            document.finding(
                deep, "syntax", f"nesting deeper than {MAX_DEPTH} levels", hint="flatten it"
            )
        )
    else:
        document.data = _plain(table)
        document.errors.extend(
            document.finding(pointer, "syntax", problem.message, hint=problem.hint, key=key)
            for pointer, key, problem in _unusable(document.data, "")
        )
    if document.errors:
        document.data = None
    return document


def _unusable(value: Any, pointer: str) -> Iterator[tuple[str, bool, Invalid]]:
    """Values the YAML reader would refuse too: text with control characters (TOML writes
    them as ``\\u001b``), non-finite numbers and integers too large to be meant."""
    try:
        if isinstance(value, str):
            check_text(value)
        elif isinstance(value, float) and not math.isfinite(value):
            raise Invalid(f"`{value}` is not a finite number", "use a number or quote it")
        elif isinstance(value, int) and abs(value) >= MAX_INTEGER:
            raise Invalid("integer is too large", "quote it if it is text")
    except Invalid as problem:
        yield pointer, False, problem
    if isinstance(value, dict):
        for key, item in value.items():
            child = join(pointer, key)
            try:
                check_text(key)
            except Invalid as problem:
                yield child, True, problem
            yield from _unusable(item, child)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _unusable(item, join(pointer, index))


def _too_deep(value: Any) -> str | None:
    """The first value nested deeper than ``MAX_DEPTH``, found without recursion: headers
    such as ``[tool.journeyspec.a.a.a…]`` nest tables as deep as they are long."""
    stack: list[tuple[Any, str, int]] = [(value, "", 0)]
    while stack:
        item, pointer, depth = stack.pop()
        if depth > MAX_DEPTH:
            return pointer
        if isinstance(item, dict):
            stack.extend((child, join(pointer, key), depth + 1) for key, child in item.items())
        elif isinstance(item, list):
            stack.extend((child, join(pointer, i), depth + 1) for i, child in enumerate(item))
    return None


class _Refused(Exception):
    def __init__(self, message: str, where: Position, hint: str = "") -> None:
        super().__init__(message)
        self.message, self.where, self.hint = message, where, hint


def _parse(text: str) -> dict[str, Any]:
    """tomllib's reading of ``text``; ``_Refused`` with a place for what it cannot read."""
    if text.count(".") > 1000:
        # tomllib's time grows with the square of a dotted key's length (12,000 keys of
        # 200 parts: 40 s), so deeply dotted text is refused before it is parsed.
        work = 0
        for number, line in enumerate(text.splitlines(), 1):
            work += line.count(".") ** 2
            if work > _MAX_DOT_WORK:
                raise _Refused(
                    "too many dots: keys dotted this deep are not read",
                    (number, 1),
                    "use tables and short keys",
                )
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = _AT.search(message)
        lines = text.splitlines() or [""]
        where = (len(lines), len(lines[-1]) + 1)  # "at end of document"
        if at is None:
            where = (1, 1)
        elif at.group(1):
            where = (int(at.group(1)), int(at.group(2)))
        raise _Refused(f"TOML syntax error: {_AT.sub('', message)}", where) from None
    except RecursionError:
        raise _Refused(f"nesting deeper than {MAX_DEPTH} levels", (1, 1)) from None
    except ValueError:  # an integer of thousands of digits: Python refuses to convert it
        raise _Refused("integer is too large", (1, 1), "quote it if it is text") from None


def _failed(
    display: str, message: str, where: Position, text: str = "", hint: str = ""
) -> Document:
    return Document(display, text, None, [Finding(display, *where, "syntax", message, hint=hint)])


def _plain(value: Any) -> Any:
    """TOML's dates and times as the text they were written as: journeyspec keeps dates
    as written (YAML's are read the same way), and the schemas check text."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date | dt.time):  # datetime is a date
        return value.isoformat()
    return value


class _Scan:
    """Where each key and value of ``[tool.journeyspec]`` starts, from valid TOML text."""

    def __init__(self, text: str) -> None:
        self.text, self.pos = text, 0
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
        if len(parts) > _DEEPEST:
            # Refused for its depth anyway: place only as deep as the error needs (n² else).
            self._mark_header(parts[:_DEEPEST], self._resolve(names[:_DEEPEST]), start)
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
        for count, (_, offset) in enumerate(parts[:_DEEPEST], 1):
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
        if tuple(path[:2]) != TABLE:
            return
        pointer = join("", *path[2:])
        places = self.keys if key else self.values
        places.setdefault(pointer, self._position(offset))

    def _position(self, offset: int) -> Position:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1
