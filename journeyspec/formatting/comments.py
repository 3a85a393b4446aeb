"""Comments and anchors of a YAML text, found from the scanner's tokens, and where they sit.

Everything in a YAML text is a token except whitespace and comments, so a comment is a
``#`` in the gap between two tokens (or in a block scalar's header line, which the
scanner folds into the scalar's token). Each comment is tied to the item it was written
beside: a comment at the end of a line to the last scalar before it on that line, a
comment on a line of its own to the next scalar after it (the item it introduces) or,
when a blank line or the end follows it, to the last scalar before it (a note closing a
list); comments above the first item belong to the head of the file. ``fmt`` compares
these before and after formatting, so it never drops, duplicates or moves a comment
away from its item.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass

import yaml


@dataclass(frozen=True, order=True)
class Comment:
    text: str  # from ``#`` to the end of the line, trailing spaces removed
    beside: str  # the scalar it belongs to (see the module docstring)
    trailing: bool  # at the end of a line with content, or on a line of its own


@functools.lru_cache(maxsize=4)
def _tokens(text: str) -> tuple[yaml.Token, ...]:
    # Scanned once per text: ``lost`` asks for the comments and the anchors of the text
    # before and after, and the pure-Python scanner is most of fmt's time on a big file.
    return tuple(yaml.scan(text, Loader=yaml.SafeLoader))


def _gaps(text: str, tokens: tuple[yaml.Token, ...]) -> list[tuple[int, int]]:
    """The spans between tokens, and block scalars' header lines, where comments can be."""
    spans, end = [], 0
    for token in tokens:
        start = token.start_mark.index
        if start > end:
            spans.append((end, start))
        if isinstance(token, yaml.ScalarToken) and token.style in ("|", ">"):
            header_end = text.find("\n", start)
            spans.append((start + 1, len(text) if header_end < 0 else header_end))
        end = max(end, token.end_mark.index)
    if end < len(text):
        spans.append((end, len(text)))
    return spans


def comments(text: str) -> list[Comment]:
    """Every comment of ``text`` (a loadable YAML text), with the item it sits beside."""
    return [comment for _, comment in _found(text)]


def _found(text: str) -> list[tuple[int, Comment]]:
    tokens = _tokens(text)
    scalars = [
        (t.start_mark.index, str(t.value)) for t in tokens if isinstance(t, yaml.ScalarToken)
    ]
    found = []
    for start, end in _gaps(text, tokens):
        position = start
        while True:
            hash_at = text.find("#", position, end)
            if hash_at < 0:
                break
            line_end = text.find("\n", hash_at)
            line_end = len(text) if line_end < 0 or line_end > end else line_end
            line_start = text.rfind("\n", 0, hash_at) + 1
            trailing = bool(text[line_start:hash_at].strip())
            if trailing:
                before = [value for at, value in scalars if line_start <= at < hash_at]
                beside = before[-1] if before else _next(scalars, hash_at)
            elif not scalars or scalars[0][0] > hash_at:
                beside = ""  # the head of the file (a modeline, a licence): it stays on top
            elif _closes(text, line_end):  # a blank line below: it ends what is above
                beside = [value for at, value in scalars if at < hash_at][-1]
            else:
                beside = _next(scalars, hash_at) or scalars[-1][1]
            found.append((hash_at, Comment(text[hash_at:line_end].rstrip(), beside, trailing)))
            position = line_end
    return found


def tidy(text: str) -> str:
    """Comments placed canonically: two spaces between an item and its comment, and a
    comment on a line of its own, right above an item, indented like that item (one
    followed by a blank line, such as a note closing a list, stays where it is)."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    for hash_at, comment in reversed(_found(text)):
        number = max(i for i, at in enumerate(starts) if at <= hash_at)
        line, column = lines[number], hash_at - starts[number]
        if comment.trailing:
            lines[number] = line[:column].rstrip() + "  " + line[column:]
        else:
            indent = _indent_below(lines, number)
            if indent is not None:
                lines[number] = " " * indent + line[column:]
    return "\n".join(lines)


def _indent_below(lines: list[str], number: int) -> int | None:
    """The indentation of the item right below line ``number`` (through comment lines);
    None when a blank line or the end comes first."""
    for line in lines[number + 1 :]:
        stripped = line.lstrip(" ")
        if not stripped:
            return None
        if not stripped.startswith("#"):
            return len(line) - len(stripped)
    return None


def _closes(text: str, line_end: int) -> bool:
    """Whether a blank line (or the end) follows, through comment lines, from ``line_end``."""
    for line in text[line_end + 1 :].split("\n"):
        stripped = line.strip()
        if not stripped.startswith("#") or not stripped:
            return not stripped
    return True


def _next(scalars: list[tuple[int, str]], index: int) -> str:
    return next((value for at, value in scalars if at > index), "")


def anchors(text: str) -> Counter[str]:
    """The anchors (``&name``) a text defines, as a multiset."""
    return Counter(str(t.value) for t in _tokens(text) if isinstance(t, yaml.AnchorToken))


def lost(before: str, after: str) -> str:
    """What formatting ``before`` into ``after`` would lose or move, or "" when nothing."""
    old, new = Counter(comments(before)), Counter(comments(after))
    for comment in sorted(old - new):
        moved = any(c.text == comment.text for c in new - old)
        where = f"beside `{comment.beside}`" if comment.beside else "at the top"
        verb = "move" if moved else "drop"
        return f"it would {verb} the comment `{comment.text}` {where}"
    missing = anchors(before) - anchors(after)
    if missing:
        return f"it would drop the anchor `&{sorted(missing)[0]}`"
    return ""
