"""The fast path of loading: the plain data of an ordinary file without PyYAML's composer.

Composing PyYAML nodes and building data from them in Python was most of what ``lint``
spent. rapidyaml (C++) parses a file and writes its data as JSON, which ``json.loads``
(C) reads: ~7x less CPU. But it is another YAML parser, so it is trusted only where it
cannot differ from the careful path (``loader._compose`` and ``loader._Builder``):

* libyaml itself parses the text first (``raw_parse``: C only, no Python objects), so a
  file is accepted exactly when PyYAML accepts it, and the number of its events must
  match the data rapidyaml gave (a duplicate key, a collection as a key, a second
  document all change the count);
* text with anything the careful path treats specially takes that path: tags, anchors,
  aliases, merge keys, directives, escapes, line breaks other than ``\\n``, nesting that
  could be deep, files large enough to approach the bound on values;
* text rapidyaml refuses (collections as keys, some quoted text over several lines) takes
  it too. rapidyaml prints why on the process's stderr, so its stderr is silenced at the
  file descriptor while it parses; that is safe only with no other thread that could be
  writing, so a process running threads (the language server) always takes the careful
  path;
* every key and value is checked as the careful path would build it: text that the YAML
  1.2 core schema would read as a boolean, null or number (rapidyaml reads fewer forms, such
  as ``~``, ``True`` or ``0x1F``, that way) leaves the file to the careful path, as do
  JSON's ``NaN`` and ``Infinity``, integers past the bound and non-finite floats; JSON's
  own numbers, ``true``, ``false`` and ``null`` are all core-schema forms of the same value.

Unlike the careful path it does not intern text: the data of a file checked in a worker
lives only while that file is judged, and sharing cost more than half of this path.

``load`` returns ``None`` whenever the careful path must decide; findings, positions and
data stay exactly what that path produces (tests/lint/test_lint_golden.py and
tests/foundation/test_fastload.py compare them).
"""

from __future__ import annotations

import json
import math
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import ryml
import yaml

from journeyspec import nesting, scalars

# libyaml's parser, through PyYAML; absent when PyYAML was built without it.
_CParser: type | None = getattr(getattr(yaml, "cyaml", None), "CParser", None)

# Below this size a file cannot hold the bound on values (each takes two characters).
MAX_CHARACTERS = 300_000
MAX_DEPTH = 100  # as the careful path: deeper is an error it places

# Text that only the careful path reads right: line breaks other than ``\n``, a byte
# order mark inside, escapes, merge keys, directives.
_CAREFUL = ("\r", "\x85", "\u2028", "\u2029", "\ufeff", "\\", "<<", "\n%")
# What may stand before a tag (``!``), an anchor (``&``) or an alias (``*``).
_PROPERTY_BEFORE = frozenset(" \t\n[{,:?-")

# Plain text that the core schema reads as a boolean, null or number: one expression for
# all of its patterns (each is ``^(?:...)$``), tried on text starting with their characters.
_core = re.compile("|".join(p.pattern[1:-1] for p in scalars.CORE.values())).fullmatch
_FIRST = frozenset("".join(c for chars in scalars.FIRST_CHARACTERS.values() for c in chars))

# One rapidyaml tree (and buffer for its JSON) per thread, emptied for each file:
# allocating a tree was half the cost of parsing one.
_TREES = threading.local()


class _Refused(Exception):
    """The careful path must load this text."""


def load(text: str) -> dict[str, Any] | None:
    """The data of ``text`` (a mapping), or ``None`` if the careful path must load it."""
    if _CParser is None or len(text) > MAX_CHARACTERS or not _ordinary(text):
        return None
    if threading.active_count() != 1:  # see the module's docstring: stderr is silenced
        return None
    if nesting.could_exceed(text):
        return None
    parser = _CParser(text)
    try:
        events = parser.raw_parse()
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()
    try:
        data = json.loads(_json(text), parse_constant=_refuse)
    except (ValueError, RecursionError, ryml.ExceptionBasic, _Refused):
        return None
    if type(data) is not dict:
        return None
    try:
        counted = _count(data, 0)
    except _Refused:
        return None
    # The stream's and the document's start and end are four events more.
    return data if counted + 4 == events else None


def _json(text: str) -> bytearray:
    tree = getattr(_TREES, "tree", None)
    if tree is None:
        tree = _TREES.tree = ryml.Tree()
        _TREES.out = bytearray(1 << 16)
    tree.clear()
    tree.clear_arena()
    with _silenced_stderr():
        ryml.parse_in_arena(text.encode(), tree=tree)
    root = tree.root_id()
    if tree.is_stream(root):  # text with ``---``: one document, or the careful path
        if tree.num_children(root) != 1:
            raise _Refused
        root = tree.first_child(root)
    # Written into a buffer kept for the thread: ``emit_json_malloc`` never frees what it
    # returns (rapidyaml 0.15.2), which grew each worker by the JSON of every file.
    failed, size = ryml.emit_json_to_substr(tree, root, _TREES.out)
    if failed:
        _TREES.out = bytearray(size)
        failed, size = ryml.emit_json_to_substr(tree, root, _TREES.out)
    return _TREES.out[:size]  # type: ignore[no-any-return]


@contextmanager
def _silenced_stderr() -> Iterator[None]:
    """File descriptor 2 points at the null device meanwhile (rapidyaml writes to it)."""
    try:
        saved = os.dup(2)
    except OSError as exc:  # no stderr to silence, or no descriptor left: the careful path
        raise _Refused from exc
    try:
        null = os.open(os.devnull, os.O_WRONLY)
    except OSError as exc:
        os.close(saved)
        raise _Refused from exc
    try:
        os.dup2(null, 2)
        os.close(null)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _refuse(constant: str) -> Any:
    raise _Refused  # NaN, Infinity: plain text to the core schema, or not finite


def _ordinary(text: str) -> bool:
    """Whether nothing in ``text`` needs the careful path (see the module's docstring).

    Substring searches, not one regular expression: they run at memory speed, and this
    looks at every character of every file.
    """
    for part in _CAREFUL:
        if part in text:
            return False
    if text.startswith(("%", "!", "&", "*")):
        return False
    for char in "!&*":
        where = text.find(char)
        while where > 0:  # a ``*`` inside prose (``R&D``, ``a*b``) is harmless
            if text[where - 1] in _PROPERTY_BEFORE:
                return False
            where = text.find(char, where + 1)
    return True


def _count(value: Any, depth: int) -> int:
    """How many libyaml events ``value`` came from; ``_Refused`` where the careful path must
    judge it. Written out for speed: it visits every value of every file."""
    kind = type(value)
    if kind is dict:
        if depth >= MAX_DEPTH and value:
            raise _Refused  # its values are too deep: the careful path places the error
        events = 2 + len(value)  # its start and end, and a scalar per key
        for key, item in value.items():
            # rapidyaml rewrites some keys (``.Inf`` as ``.inf``); ``<<`` is a merge key
            if (not key or key[0] in _FIRST or key == "<<") and (key == "<<" or _core(key)):
                raise _Refused
            if type(item) is str:
                if (not item or item[0] in _FIRST) and _core(item):
                    raise _Refused
                events += 1
            else:
                events += _count(item, depth + 1)
        return events
    if kind is list:
        if depth >= MAX_DEPTH and value:
            raise _Refused
        events = 2
        for item in value:
            if type(item) is str:
                if (not item or item[0] in _FIRST) and _core(item):
                    raise _Refused
                events += 1
            else:
                events += _count(item, depth + 1)
        return events
    if kind is str:
        if (not value or value[0] in _FIRST) and _core(value):
            raise _Refused
    elif kind is int:
        if abs(value) >= scalars.MAX_INTEGER:
            raise _Refused
    elif kind is float and not math.isfinite(value):
        raise _Refused
    return 1
