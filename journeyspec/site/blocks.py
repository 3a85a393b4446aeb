"""Raw HTML kept away from Python-Markdown, and a words-only copy of a page for search.

The page templates write Markdown headings around large blocks of HTML (grids, registers,
cards). Python-Markdown and MkDocs each parse every tag of such a block with ``html.parser``
only to pass it through unchanged, and Material's search plugin parses it once more. So
``split`` takes the blocks out of a planned page and leaves a one-word paragraph in the place
of each; ``fill`` puts them back into the HTML that Markdown made of the rest, where the
headings still got their ids, permalinks and table-of-contents entries. ``lean`` is the same
page with each block reduced to its words, for the search plugin to index. ``Packed`` holds a
page's blocks compressed until its turn to be written: a site's blocks are most of its text,
and MkDocs reads every page before it writes the first.

A block is what Python-Markdown would have passed through raw: from a chunk (text between
blank lines) that starts with a block-level tag or an end tag, up to the blank line where
its tags are balanced again. Everything else stays Markdown. Block HTML is the templates'
own, with user text escaped, so a ``<`` always starts a tag here.
"""

from __future__ import annotations

import html
import re
import zlib
from dataclasses import dataclass

# Python-Markdown's block-level elements: a chunk starting with one of these is raw HTML.
_BLOCK_LEVEL = (
    "address|article|aside|blockquote|body|canvas|center|colgroup|dd|details|div|dl|dt|"
    "fieldset|figcaption|figure|footer|form|group|h[1-6]|header|hgroup|hr|html|iframe|legend|"
    "li|main|map|math|menu|nav|noscript|object|ol|option|output|p|pre|progress|script|section|"
    "style|summary|table|tbody|td|textarea|tfoot|th|thead|tr|ul|video"
)
_VOID = "area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr"

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_SEPARATOR = re.compile(r"(\n(?:[ \t]*\n)+)")  # one or more blank lines, kept by split()
_STARTS_BLOCK = re.compile(rf"</|<(?:{_BLOCK_LEVEL})(?![a-zA-Z0-9])", re.IGNORECASE)
_OPENING = re.compile(rf"<(?!(?:{_VOID})\b)[a-zA-Z]")
_SELF_CLOSED = re.compile(rf"<(?!(?:{_VOID})\b)[a-zA-Z][^>]*/>")  # inline SVG: <line .../>
_PLACEHOLDER = "JSP-RAW-{}"
_PLACED = re.compile(r"<p>JSP-RAW-(\d+)</p>")
_TAG = re.compile(r"<[^>]*>")
_HEADING_WITH_ID = re.compile(r"<h([1-6])\s[^>]*\bid=\"[^>]*>.*?</h\1>", re.DOTALL)
_ID = re.compile(r"\sid=\"([^\"]*)\"")


@dataclass(frozen=True)
class Split:
    """A planned page as Markdown with placeholders, and the HTML blocks they stand for."""

    markdown: str
    blocks: tuple[str, ...]


@dataclass(frozen=True)
class Packed:
    """A page's blocks, compressed, with the element ids they hold (needed before the page
    is written: links from other pages are checked against them)."""

    data: bytes
    lengths: tuple[int, ...]
    anchors: frozenset[str]

    @classmethod
    def of(cls, found: tuple[str, ...]) -> Packed:
        # Level 1: HTML this repetitive still shrinks about tenfold, at little CPU.
        data = zlib.compress("".join(found).encode("utf-8"), 1)
        lengths = tuple(len(block) for block in found)
        return cls(data, lengths, frozenset(anchors(found)))

    def blocks(self) -> tuple[str, ...]:
        text = zlib.decompress(self.data).decode("utf-8")
        found: list[str] = []
        start = 0
        for length in self.lengths:
            found.append(text[start : start + length])
            start += length
        return tuple(found)


def _depth(chunk: str) -> int:
    """Tags a chunk leaves open (void and self-closed elements never need closing)."""
    return len(_OPENING.findall(chunk)) - len(_SELF_CLOSED.findall(chunk)) - chunk.count("</")


def split(markdown: str) -> Split:
    """Take the raw HTML blocks out of a page's Markdown (front matter stays as it is)."""
    front = _FRONT_MATTER.match(markdown)
    head = front.group(0) if front else ""
    pieces = _SEPARATOR.split(markdown[len(head) :])
    out = [head]
    blocks: list[str] = []
    region: list[str] = []
    depth = 0
    for index in range(0, len(pieces), 2):
        chunk = pieces[index]
        separator = pieces[index + 1] if index + 1 < len(pieces) else ""
        if not region and not _STARTS_BLOCK.match(chunk):
            out += (chunk, separator)
            continue
        region.append(chunk)
        depth += _depth(chunk)
        if depth > 0 and separator:
            region.append(separator)  # a block with blank lines inside, such as the figures
            continue
        blocks.append("".join(region))
        out += (_PLACEHOLDER.format(len(blocks) - 1), separator)
        region, depth = [], 0
    return Split("".join(out), tuple(blocks))


def fill(rendered: str, blocks: tuple[str, ...]) -> str:
    """The HTML Markdown made of a split page, with every block back in its place."""

    def block(found: re.Match[str]) -> str:
        index = int(found.group(1))
        return blocks[index].rstrip("\n") + "\n" if index < len(blocks) else found.group(0)

    return _PLACED.sub(block, rendered)


def _words(fragment: str) -> str:
    words = _TAG.sub(" ", fragment).split()
    return f"<p>{' '.join(words)}</p>" if words else ""


def _lean_block(block: str) -> str:
    """A block's words in one paragraph; headings with ids stay, as they start sections."""
    parts: list[str] = []
    last = 0
    for heading in _HEADING_WITH_ID.finditer(block):
        parts += (_words(block[last : heading.start()]), heading.group(0))
        last = heading.end()
    parts.append(_words(block[last:]))
    return "".join(parts)


def lean(rendered: str, blocks: tuple[str, ...]) -> str:
    """The page with each block reduced to its words: what search indexes, parsed quickly."""

    def block(found: re.Match[str]) -> str:
        index = int(found.group(1))
        return _lean_block(blocks[index]) if index < len(blocks) else found.group(0)

    return _PLACED.sub(block, rendered)


def anchors(blocks: tuple[str, ...]) -> set[str]:
    """The element ids inside the blocks, which links from other pages may point at."""
    return {html.unescape(found) for block in blocks for found in _ID.findall(block)}
