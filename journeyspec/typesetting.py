"""Text in drawings we lay out ourselves: how wide a line is, and wrapping that never leaves
its cell (the workshop poster, the emotion curve and the opportunity matrix).

They name DejaVu Sans (Debian's default font, the one cairo finds for the poster's PDF).
Widths come from a table of its advance widths (the wider of regular and bold, in
thousandths of an em), so the layout is the same on every machine whatever fonts it has;
a character outside the table counts as a full em, which errs on the wide side.
"""

from __future__ import annotations

import functools

from journeyspec.escaping import visible

_ASCII = (
    "348,456,521,838,696,1002,872,306,457,457,523,838,380,415,380,365,696,696,696,696,696,"
    "696,696,696,696,696,400,400,838,838,838,580,1000,774,762,734,830,683,683,821,837,372,"
    "372,775,637,995,837,850,733,850,770,720,682,812,774,1103,771,724,725,457,365,457,838,"
    "500,500,675,716,593,716,678,435,716,712,343,343,665,343,1042,712,687,716,716,493,595,"
    "478,712,652,924,645,652,582,712,365,712,838"
)
WIDTHS: dict[str, int] = {chr(32 + i): int(w) for i, w in enumerate(_ASCII.split(","))}
WIDTHS.update(
    {"–": 500, "—": 1000, "‘": 380, "’": 380, "“": 657, "”": 657, "…": 1000, "•": 639,
     "→": 838, "−": 838, "★": 896, "▲": 769, "€": 696, "×": 838, "·": 380, "é": 678,
     "è": 678, "ü": 712, "ö": 687, "ä": 675, "ß": 719}
)  # fmt: skip
FONT = "DejaVu Sans, Verdana, sans-serif"


def width(text: str, size: float) -> float:
    """The advance width of ``text`` at ``size`` points."""
    return _units(text) * size / 1000


def _units(text: str) -> int:
    """The advance width of ``text`` in thousandths of an em (an exact integer)."""
    return sum(WIDTHS.get(ch, 1000) for ch in text)


def _split_word(word: str, room: float, size: float) -> list[str]:
    """A word longer than a line, cut into pieces that each fit."""
    pieces, current, units = [], "", 0
    for ch in word:
        more = WIDTHS.get(ch, 1000)
        if current and (units + more) * size / 1000 > room:
            pieces.append(current)
            current, units = "", 0
        current += ch
        units += more
    return [*pieces, current] if current else pieces


def wrap(text: str, room: float, size: float) -> list[str]:
    """``text`` broken into lines no wider than ``room`` points at ``size`` points.

    Breaks at spaces; a word wider than the line is cut (an id or URL must not overflow).
    Controls and bidi controls become visible markers first (``<U+202E>``): a title
    holding one can neither reorder the poster's text nor make its SVG invalid XML.
    """
    return list(_wrapped(text, room, size))


@functools.lru_cache(maxsize=8192)
def _wrapped(text: str, room: float, size: float) -> tuple[str, ...]:
    # A layout measures a cell's text and then sets it: the second time is a lookup.
    # Widths add up as integers (a line's is the sum of its words' and spaces'), the same
    # sums as measuring each candidate line whole, without measuring it again per word.
    lines: list[str] = []
    space = WIDTHS[" "]
    for paragraph in (visible(line) for line in text.splitlines() or [""]):
        current, units = "", 0
        for word in paragraph.split():
            more = _units(word)
            candidate = units + space + more if current else more
            if candidate * size / 1000 <= room:
                current = f"{current} {word}" if current else word
                units = candidate
                continue
            if current:
                lines.append(current)
            pieces = _split_word(word, room, size)
            lines.extend(pieces[:-1])
            current = pieces[-1] if pieces else ""
            units = _units(current)
        lines.append(current)
    while lines and not lines[-1]:
        lines.pop()
    return tuple(lines)


def fitted(text: str, room: float, size: float, max_lines: int) -> list[str]:
    """``wrap`` kept to ``max_lines`` lines, the last cut to end in "…" when text is left
    over; always one line at least (an empty text is one empty line)."""
    # Only the start can show: wrapping a 1 MB text whole would take seconds. No
    # character is narrower than 0.27 em, so this prefix still fills every line.
    head = text[: (int(room / (size * 0.27)) + 2) * (max_lines + 1)]
    lines = wrap(head, room, size) or [""]
    if len(lines) <= max_lines and len(head) == len(text):
        return lines
    last = lines[min(len(lines), max_lines) - 1]
    while last and width(last + "…", size) > room:
        last = last[:-1]
    return [*lines[: min(len(lines), max_lines) - 1], last.rstrip() + "…"]
