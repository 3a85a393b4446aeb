"""Text made safe for the place it lands: a terminal or CI log line, or Markdown (running
text, a code span, a table cell); bidi controls shown as visible markers everywhere.

Every value from a project (names, ids, paths, messages) passes through here before the
text, GitHub and Markdown reporters, ``diff``'s text and Markdown, the CLI's error lines,
the site's templates and its diagram labels show it, so a file name holding a newline and
``<!--`` or a title holding U+202E can neither end the line, open an HTML comment nor
reorder the text around it. (JSON, SARIF and JUnit escape by their own serialisers.)
"""

from __future__ import annotations

import re
from urllib.parse import quote

# Unicode bidi controls (Trojan Source, CVE-2021-42574): embeddings and overrides
# U+202A-U+202E, isolates U+2066-U+2069, and the marks LRM, RLM and ALM.
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
BIDI = re.compile(f"[{BIDI_CONTROLS}]")
# What must never reach a terminal raw: C0 and C1 controls (escape sequences, carriage
# returns), DEL, the Unicode line and paragraph separators, the bidi controls, and lone
# surrogates (a file name's bytes that are not UTF-8, kept by surrogateescape).
# What ``neutral`` replaces: bidi controls, and lone surrogates, which no page can encode.
NEUTRALISED = re.compile(f"[{BIDI_CONTROLS}\ud800-\udfff]")
_OTHERS = f"\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}\ud800-\udfff"
_UNPRINTABLE = re.compile(f"[\x00-\x1f{_OTHERS}]")
_UNPRINTABLE_BUT_BREAKS = re.compile(f"[\x00-\x09\x0b\x0c\x0e-\x1f{_OTHERS}]")

# Markdown: characters backslash-escaped (both CommonMark and Python-Markdown honour these)
# and characters written as entities (one of the two dialects has no backslash escape).
_BACKSLASHED = re.compile(r"([\\`*_{}\[\]()#!])")
_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;",
                           "~": "&#126;", "$": "&#36;"})  # fmt: skip
_BACKTICKS = re.compile(r"`+")


def marker(char: str) -> str:
    """How an unprintable character is shown: ``<U+202E>``, or ``<0xFF>`` for a byte of a
    file name that is not UTF-8."""
    if 0xDC80 <= ord(char) <= 0xDCFF:
        return f"<0x{ord(char) - 0xDC00:02X}>"
    return f"<U+{ord(char):04X}>"


def visible(text: str, *, breaks: bool = False) -> str:
    """``text`` for one line of a terminal or CI log: tabs as spaces, every control, line
    break and bidi control as a ``<U+XXXX>`` marker; with ``breaks``, CR and LF are kept
    (for a format that encodes them itself, such as GitHub's workflow commands)."""
    unprintable = _UNPRINTABLE_BUT_BREAKS if breaks else _UNPRINTABLE
    return unprintable.sub(lambda found: marker(found.group()), text.replace("\t", " "))


def neutral(text: str) -> str:
    """``text`` with its bidi controls (and lone surrogates) as markers, other characters
    kept: for pages and diagrams, where a control would reorder the text around it."""
    return NEUTRALISED.sub(lambda found: marker(found.group()), text)


def md_text(text: str) -> str:
    """``text`` as literal Markdown within a line (after a heading marker, in a list item or
    a table cell): whitespace runs and line breaks as one space, nothing left that starts
    emphasis, a link, an image, HTML, a comment, a table column, maths or an attribute list.
    """
    return _text(" ".join(text.split()))


def md_code(text: str) -> str:
    """``text`` as one code span: fenced with more backticks than any run inside it, line
    breaks and controls shown as markers (a line break would let the next line start a
    block, such as an HTML comment that hides the rest of the document)."""
    content = visible(text)
    if not content:
        return ""
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(content)), default=0) + 1)
    pad = " " if content[0] in "` " or content[-1] in "` " else ""
    return f"{fence}{pad}{content}{pad}{fence}"


def md_message(text: str) -> str:
    """A finding's message or hint, whose `backticked` parts (ids, keys) become code spans
    and the rest running text; a line with an unpaired backtick is all text. Lines are
    joined by ``<br>``, which GitHub shows as a break in a list item or a table cell."""
    return "<br>".join(_message_line(line) for line in text.splitlines() if line.strip())


def _message_line(line: str) -> str:
    pieces = " ".join(line.split()).split("`")
    if len(pieces) % 2 == 0:
        return md_text(line)
    return "".join(md_code(p) if i % 2 else _text(p) for i, p in enumerate(pieces))


def md_url(url: str) -> str:
    """A link target for ``[text](target)``: spaces, brackets, parentheses, pipes and
    controls percent-encoded, so the URL can end neither the link nor a table cell."""
    return quote(url, safe=":/?#[]@!$&*+,;=%~")


def md_cell(markdown: str) -> str:
    """Inline Markdown made by the functions above, for a table cell: a pipe can only come
    from a code span there, and GitHub splits columns on it unless it is escaped."""
    return markdown.replace("|", "\\|")


def _text(text: str) -> str:
    # Markers first, then backslashes, then entities (whose ``#`` must not be escaped).
    return _BACKSLASHED.sub(r"\\\1", visible(text)).translate(_ENTITIES)
