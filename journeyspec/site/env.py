"""The one Jinja environment of the site: templates from files, strict, autoescaped."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from journeyspec.site import text
from journeyspec.site.matrices import heat_class


@cache
def environment() -> Environment:
    """Autoescape is on for every template: pages are Markdown carrying HTML blocks, and
    user text reaches them only as variables, never as template source. Every printed
    value passes ``text.neutral`` first, so no bidi control reaches a page raw."""
    env = Environment(
        loader=PackageLoader("journeyspec.site", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=text.neutral,
        auto_reload=False,  # packaged templates: no stat() per page of a 1,000-journey site
    )
    env.filters.update(
        md=text.md_inline,
        title=text.front_title,
        plain=text.plain,
        paragraphs=text.paragraphs,
        code=text.inline_code,
        slug=text.slug,
        heat=heat_class,
        number=_number,
    )
    env.globals.update(link=text.link, safe_url=text.safe_url)
    return env


def _number(value: float | int | None) -> str:
    """Numbers as people write them: no trailing ``.0``, a real minus sign."""
    if value is None:
        return "—"
    shown = f"{value:g}" if isinstance(value, float) else str(value)
    return shown.replace("-", "−")
