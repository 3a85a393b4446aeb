"""Text measured and wrapped for the drawings we lay out ourselves (poster, curve, matrix)."""

from __future__ import annotations

import random

from journeyspec.escaping import visible
from journeyspec.typesetting import fitted, width, wrap


def reference_wrap(text: str, room: float, size: float) -> list[str]:
    """The plain algorithm: measure every candidate line whole."""
    lines: list[str] = []
    for paragraph in (visible(line) for line in text.splitlines() or [""]):
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if width(candidate, size) <= room:
                current = candidate
                continue
            if current:
                lines.append(current)
            pieces, piece = [], ""
            for ch in word:
                if piece and width(piece + ch, size) > room:
                    pieces.append(piece)
                    piece = ""
                piece += ch
            pieces += [piece] if piece else []
            lines.extend(pieces[:-1])
            current = pieces[-1] if pieces else ""
        lines.append(current)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def test_wrap_breaks_exactly_where_measuring_each_line_whole_would() -> None:
    rng = random.Random(16)
    alphabet = "abc defghij klmnop WWW iil.,—…★→\n\t\u202e€"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 90)))
        room, size = rng.choice([9.0, 40.0, 78.5, 128.0]), rng.choice([9.0, 12.0, 13.0])
        assert wrap(text, room, size) == reference_wrap(text, room, size), (text, room, size)


def test_fitted_keeps_to_its_lines_and_says_when_it_cut() -> None:
    assert fitted("Short name", 200, 12, 3) == ["Short name"]
    assert fitted("", 200, 12, 2) == [""]
    lines = fitted("word " * 200, 100, 12, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(width(line, 12) <= 100 for line in lines)
    huge = fitted("w" * 1_000_000, 128, 12, 3)  # only the start is wrapped
    assert len(huge) == 3 and huge[-1].endswith("…") and width(huge[-1], 12) <= 128
