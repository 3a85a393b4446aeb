"""YAML syntax errors explained: where the mistake most likely is, what it is, how to fix it."""

from __future__ import annotations

import yaml

from journeyspec.sourcemap import Position

MAX_KEY_LENGTH = 1024  # PyYAML's limit for a plain key on one line


def describe(exc: yaml.MarkedYAMLError, text: str) -> tuple[Position, str, str]:
    """The position, message and hint for a parser error.

    PyYAML reports where it gave up, which for an unclosed quote or bracket is often
    many lines below the mistake; those point at where the quote or bracket opened.
    """
    problem = exc.problem or "invalid YAML"
    context = exc.context or ""
    where = _position(exc.problem_mark or exc.context_mark)
    opened = _position(exc.context_mark)
    if "but found another document" in problem:
        return (
            where,
            "file holds more than one YAML document",
            ("keep one journey per file; remove `---`"),
        )
    if "quoted scalar" in context:
        return (
            opened,
            f"a quoted text opened on line {opened[0]} is never closed",
            ("add the closing quote"),
        )
    if "flow sequence" in context or "flow mapping" in context:
        bracket = "[" if "sequence" in context else "{"
        return (
            opened,
            f"the `{bracket}` opened on line {opened[0]} is never closed",
            (
                f"close it with `{']' if bracket == '[' else '}'}` on the same line, and quote "
                "items that contain commas, colons or brackets"
            ),
        )
    line = _line(text, where[0])
    syntax = "could not find expected ':'" in problem or "mapping values" in problem
    if syntax and len(line) > MAX_KEY_LENGTH and ":" in line[MAX_KEY_LENGTH:]:
        return (
            where,
            f"a key longer than {MAX_KEY_LENGTH} characters",
            (f"shorten the key; YAML reads keys of at most {MAX_KEY_LENGTH} characters"),
        )
    if "\t" in line[: where[1]] or "'\\t'" in problem:
        return where, "tab character where YAML expects indentation", "indent with spaces"
    if "mapping values are not allowed" in problem:
        return (
            where,
            "a colon followed by a space inside a value",
            ('put the text in quotes: title: "Why: because"'),
        )
    if "expected '-' indicator" in problem or "expected key" in problem:
        return (
            where,
            "this line is not indented like the items around it",
            (
                "keys of one mapping and items of one list start in the same column, "
                "and a list item needs a space after `-`"
            ),
        )
    if "could not find expected ':'" in problem:
        return (
            where,
            f"YAML syntax error: {problem}",
            ("check the indentation and quote text that contains ': '"),
        )
    if "found undefined alias" in problem:
        return (
            where,
            f"YAML syntax error: {problem}",
            ("define the anchor (&name) before using *name"),
        )
    return where, f"YAML syntax error: {problem}", ""


def _position(mark: yaml.Mark | None) -> Position:
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _line(text: str, number: int) -> str:
    lines = text.splitlines()
    return lines[number - 1] if 0 < number <= len(lines) else ""
