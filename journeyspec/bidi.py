"""Trojan Source: Unicode bidi controls written raw in a file, each an error at its place.

An override such as U+202E makes a line display in an order other than the one its
characters are in, so a reviewer reads one owner, id or suppression comment in a pull
request and the file holds another (CVE-2021-42574). This is a check on the file's text,
not a lint rule: it must cover every file (personas, registries, journeyspec.yaml), keys
and comments as well as values, point at the exact column, and cannot be switched off.
A text that truly needs a control writes it as an escape in a double-quoted string
(``"\\u200F"``), which a reviewer sees; outputs show it as a ``<U+200F>`` marker.
"""

from __future__ import annotations

import unicodedata

from journeyspec.escaping import BIDI
from journeyspec.findings import Finding

MAX_REPORTED = 10  # per file: a file of controls gets a few findings, not a flood


def bidi_findings(text: str, path: str, rule: str) -> list[Finding]:
    """A finding at the line and column of each raw bidi control in ``text`` (at most
    ``MAX_REPORTED``, the last saying how many more there are)."""
    if text.isascii() or not BIDI.search(text):
        return []
    found: list[Finding] = []
    total = 0
    for number, line in enumerate(text.splitlines(), 1):
        for match in BIDI.finditer(line):
            total += 1
            if total <= MAX_REPORTED:
                found.append(_finding(path, number, match.start() + 1, match.group(), rule))
    if total > MAX_REPORTED:
        last = found[-1]
        more = f" (and {total - MAX_REPORTED} more in this file)"
        found[-1] = Finding(last.path, last.line, last.col, rule, last.message + more,
                            hint=last.hint)  # fmt: skip
    return found


def _finding(path: str, line: int, col: int, char: str, rule: str) -> Finding:
    code = f"U+{ord(char):04X}"
    return Finding(
        path,
        line,
        col,
        rule,
        f"bidirectional control character {code} ({unicodedata.name(char)}) can make this "
        "line read differently from what it holds",
        hint=f'delete it; if the text needs it, write the escape "\\u{ord(char):04X}" in a '
        "double-quoted string, which reviewers can see",
    )
