"""Scalars: which YAML text is a boolean, null, number or string, and what text may hold.

The YAML 1.2 core schema, narrowed: numbers are finite and bounded (pages and messages
must be able to print them), explicit tags must fit their value (``!!int x`` is an
error, not a crash), and text may not carry control characters.
"""

from __future__ import annotations

import math
import re
from typing import Any

from journeyspec.wording import clip

STR, INT, FLOAT = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
BOOL, NULL = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"
MAP, SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"

MAX_INTEGER = 10**18  # far beyond any score, count or KPI; bounds what pages must print

# Which plain scalars are booleans, nulls and numbers, and the characters they start with.
CORE: dict[str, re.Pattern[str]] = {
    BOOL: re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    NULL: re.compile(r"^(?:~|null|Null|NULL|)$"),
    INT: re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    FLOAT: re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
}
FIRST_CHARACTERS: dict[str, list[str]] = {
    BOOL: list("tTfF"),
    NULL: ["~", "n", "N", ""],
    INT: list("-+0123456789"),
    FLOAT: list("-+.0123456789"),
}

# Characters that terminals, XML and HTML must never receive: C0 controls other than
# tab and line breaks, DEL, and the non-characters U+FFFE/U+FFFF. The YAML reader refuses
# raw ones; these arrive through escapes such as "\x1b" or "\0" in double quotes.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


class Invalid(Exception):
    """A scalar that cannot be used; ``message`` and ``hint`` become a finding."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def check_text(text: str) -> str:
    """``text`` itself, or ``Invalid`` when it holds a control character."""
    found = _CONTROL.search(text)
    if found:
        raise Invalid(
            f"text holds the control character U+{ord(found.group()):04X}",
            "remove the escape sequence; journeyspec text cannot hold control characters",
        )
    return text


def construct(tag: str, text: str) -> Any:
    """The value of a scalar with resolved ``tag``; ``Invalid`` for anything unusable."""
    if tag == STR:
        return check_text(text)
    if tag not in CORE:
        raise Invalid(f"tag {tag} is not allowed", "journeyspec files use plain YAML values")
    name = tag.rsplit(":", 1)[-1]
    if not CORE[tag].fullmatch(text):
        # Only an explicit tag (`!!int x`) gives a core tag to text that does not fit it.
        raise Invalid(
            f"`{clip(text, 40)}` is not a valid {name}",
            f"remove the `!!{name}` tag or write a valid {name}",
        )
    if tag == NULL:
        return None
    if tag == BOOL:
        return text.lower() == "true"
    if tag == INT:
        return _integer(text)
    return _float(text)


def _integer(text: str) -> int:
    # Length first: Python refuses to convert decimal numbers of over 4,300 digits.
    too_large = Invalid("integer is too large", "quote it if it is text")
    if len(text) > 24:
        raise too_large
    if text.startswith(("0o", "0x")):
        whole = int(text[2:], 8 if text[1] == "o" else 16)
    else:
        whole = int(text, 10)
    if abs(whole) >= MAX_INTEGER:
        raise too_large
    return whole


def _float(text: str) -> float:
    try:
        number = float(text)
    except ValueError:
        number = float(text.lower().replace(".inf", "inf").replace(".nan", "nan"))
    if not math.isfinite(number):
        raise Invalid(f"`{text}` is not a finite number", "use a number or quote it")
    return number
