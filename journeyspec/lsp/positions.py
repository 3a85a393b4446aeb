"""Positions: journeyspec counts code points from 1, LSP counts UTF-16 units from 0."""

from __future__ import annotations

from lsprotocol import types

from journeyspec.lsp.symbols import Span


class Lines:
    """A text's lines, to turn code-point columns into UTF-16 ones and back."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")

    def line(self, number: int) -> str:
        return self.lines[number] if 0 <= number < len(self.lines) else ""

    def to_lsp(self, line: int, col: int) -> types.Position:
        """A 0-based code-point position as an LSP position."""
        before = self.line(line)[:col]
        return types.Position(line, len(before.encode("utf-16-le")) // 2)

    def from_lsp(self, position: types.Position) -> tuple[int, int]:
        """An LSP position as a 0-based (line, code-point column)."""
        text, units, col = self.line(position.line), 0, 0
        while col < len(text) and units < position.character:
            units += 2 if ord(text[col]) > 0xFFFF else 1
            col += 1
        return position.line, col

    def range(self, span: Span) -> types.Range:
        return types.Range(
            self.to_lsp(span.line, span.col), self.to_lsp(span.end_line, span.end_col)
        )

    def word(self, line: int, col: int) -> Span:
        """The id-like word (letters, digits, hyphens, underscores) around ``line``:``col``."""
        text = self.line(line)
        start = end = min(col, len(text))
        while start > 0 and _word(text[start - 1]):
            start -= 1
        while end < len(text) and _word(text[end]):
            end += 1
        return Span(line, start, line, end)


def _word(char: str) -> bool:
    return char.isalnum() or char in "-_"
