"""``[tool.journeyspec]`` in pyproject.toml: the table as a document, with the place of each key.

tomllib reads the file but keeps no positions; ``tomlmap`` scans the text once more for
where each key and value of the table starts, so findings about the table carry
``pyproject.toml:line:col`` exactly as findings about journeyspec.yaml do. What the YAML
reader refuses (control characters, non-finite numbers, huge integers, deep nesting) is
refused here too, and text that would make tomllib slow is refused before it is parsed.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from journeyspec.findings import Finding
from journeyspec.loader import MAX_DEPTH, MAX_FILE_BYTES, Document
from journeyspec.scalars import MAX_INTEGER, Invalid, check_text
from journeyspec.sourcemap import Position, join
from journeyspec.tomlmap import toml_sourcemap

NAME = "pyproject.toml"
TABLE = ("tool", "journeyspec")
_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")
_MAX_DOT_WORK = 1_000_000  # the sum of each line's dots, squared


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
    places = toml_sourcemap(text, TABLE, MAX_DEPTH + len(TABLE) + 1)
    document = Document(display, text, table, tree=places)
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
