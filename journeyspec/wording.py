"""Counted nouns for messages and reports: "1 file", "3 files"."""

from __future__ import annotations


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``number`` and ``noun``, in the plural (``noun + "s"`` unless given) when not one."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def clip(text: str, limit: int) -> str:
    """A value quoted in a message: on one line, NUL made visible, cut to ``limit`` with "…"."""
    text = text.replace("\n", " ").replace("\x00", "\\0")
    return text if len(text) <= limit else text[: limit - 1] + "…"
