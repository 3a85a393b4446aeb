"""Escaping user text for the site: Markdown inline text, HTML paragraphs and safe links."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from journeyspec.escaping import NEUTRALISED, marker, md_text

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def plain(text: object) -> str:
    """One line of text: control characters dropped, whitespace runs collapsed."""
    return " ".join(_CONTROL.sub("", str(text)).split())


def md_inline(text: object) -> Markup:
    """User text for a Markdown line (a heading): no emphasis, link, HTML, attribute list
    or heading marker survives (``escaping.md_text``)."""
    return Markup(md_text(plain(text)))


def neutral(value: object) -> object:
    """Every value a template prints, with bidi controls as visible ``<U+202E>`` markers
    (and a file name's bytes that are not UTF-8 as ``<0xFF>``).

    Wrapping text in ``<bdi>`` is not enough: a stray U+2069 inside it would close the
    isolate the browser opens for the element, and the rest of the page would reorder.
    Markup (already escaped) gets an escaped marker; plain text is escaped after this.
    """
    if not isinstance(value, str) or not NEUTRALISED.search(value):
        return value
    if isinstance(value, Markup):
        return Markup(NEUTRALISED.sub(lambda found: str(escape(marker(found.group()))), value))
    return NEUTRALISED.sub(lambda found: marker(found.group()), value)


def front_title(text: object) -> Markup:
    """A page title for the front matter: HTML-escaped text in a JSON (so YAML) string.

    MkDocs would otherwise take the title from the heading with its entities decoded, and
    themes print ``page.title`` unescaped into ``<title>`` and the navigation.
    """
    return Markup(json.dumps(str(escape(plain(text))), ensure_ascii=False))


def paragraphs(text: object) -> Markup:
    """Multi-line user text as ``<p>`` elements with no blank line between them.

    A blank line would end the raw HTML block the text sits in and let Markdown parse
    the rest, so paragraphs are joined on one line.
    """
    parts = [plain(p) for p in re.split(r"\n\s*\n", _CONTROL.sub("", str(text)))]
    return Markup("").join(Markup("<p>{}</p>").format(p) for p in parts if p)


def safe_url(url: object) -> str | None:
    """``url`` when its scheme is http, https or mailto (and it has no whitespace), else None."""
    text = str(url)
    if not text or any(c.isspace() or ord(c) < 32 for c in text):
        return None
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        return None
    return text if scheme in SAFE_SCHEMES else None


def link(url: object, label: object) -> Markup:
    """An external link when the URL is safe, else the label (and URL) as plain text."""
    target = safe_url(url)
    if target is None:
        return Markup("<span>{} ({})</span>").format(plain(label), plain(url))
    return Markup('<a href="{}" rel="noopener">{}</a>').format(target, plain(label))


def inline_code(text: object) -> Markup:
    """Trusted reference text (schema descriptions): escaped, with `code` spans kept."""
    escaped = str(escape(plain(text)))
    return Markup(re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped))


def slug(text: object) -> str:
    """A stable fragment id for grouping headings."""
    return re.sub(r"[^a-z0-9]+", "-", plain(text).casefold()).strip("-") or "x"
