"""The scaffold's Jinja environment: strict, with ``[[ ]]``/``[% %]`` delimiters so GitHub's
``${{ }}`` expressions in workflow templates stay literal, and filters that write safe YAML."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.'’()/&-]*")
_RESERVED = {"yes", "no", "y", "n", "true", "false", "on", "off", "null", "~"}


def yaml_scalar(value: Any) -> str:
    """``value`` as a YAML scalar: plain when that reads back as the same string, else a
    double-quoted JSON string (which YAML reads too)."""
    if isinstance(value, bool) or value is None or isinstance(value, int | float):
        return json.dumps(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED and text == text.strip():
        return text
    return json.dumps(text, ensure_ascii=False)


def yaml_flow(values: Iterable[Any]) -> str:
    return "[" + ", ".join(yaml_scalar(v) for v in values) + "]"


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("journeyspec.scaffold", "templates"),
        undefined=StrictUndefined,
        autoescape=False,  # YAML and Markdown, never HTML; values go through yaml_scalar
        variable_start_string="[[",
        variable_end_string="]]",
        block_start_string="[%",
        block_end_string="%]",
        comment_start_string="[#",
        comment_end_string="#]",
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["yaml"] = yaml_scalar
    env.filters["flow"] = yaml_flow
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def project_templates() -> list[str]:
    """The templates of ``journeyspec init``, as paths under ``project/``."""
    return sorted(n for n in environment().list_templates() if n.startswith("project/"))
