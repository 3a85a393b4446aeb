"""The JSON Schemas: where they live, and schema errors turned into findings that help."""

from __future__ import annotations

import difflib
import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import jsonschema
from jsonschema import Draft202012Validator

try:
    import jsonschema_rs
except ImportError:  # pragma: no cover - a dependency; without it every file takes the slow path
    jsonschema_rs = None  # type: ignore[assignment]

from journeyspec.loader import Document
from journeyspec.sourcemap import join
from journeyspec.wording import clip

SchemaName = Literal[
    "journey", "persona", "teams", "channels", "touchpoints", "research", "themes", "config"
]
SCHEMA_NAMES: tuple[SchemaName, ...] = (
    "journey",
    "persona",
    "teams",
    "channels",
    "touchpoints",
    "research",
    "themes",
    "config",
)
# The registry files: one each, named under ``paths:`` by the same key as their schema.
REGISTRIES: tuple[SchemaName, ...] = ("teams", "channels", "touchpoints", "research", "themes")
RULE = "schema"

_TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "nothing",
}
_SINGULAR = {
    "stages": "stage",
    "steps": "step",
    "touchpoints": "touchpoint",
    "pain_points": "pain point",
    "opportunities": "opportunity",
    "kpis": "KPI",
    "evidence": "evidence item",
    "gaps": "gap",
    "actors": "actor",
    "links": "link",
    "teams": "team",
    "channels": "channel",
    "overrides": "override",
    "studies": "study",
    "themes": "theme",
    "series": "measurement",
}


def schema_path(name: SchemaName) -> Path:
    """The file of schema ``name``: inside the installed wheel, else in the source checkout."""
    packaged = resources.files("journeyspec").joinpath("_schemas", f"{name}.schema.json")
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "schemas" / f"{name}.schema.json"


def schema_text(name: SchemaName) -> str:
    return schema_path(name).read_text(encoding="utf-8")


@cache
def load_schema(name: SchemaName) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_text(name))
    return schema


@cache
def validator(name: SchemaName) -> Draft202012Validator:
    return Draft202012Validator(
        load_schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


@cache
def fast_validator(name: SchemaName) -> jsonschema_rs.Validator | None:
    """Schema ``name`` compiled by jsonschema-rs, for a quick verdict; ``None`` without it."""
    if jsonschema_rs is None:
        return None
    return jsonschema_rs.validator_for(load_schema(name), validate_formats=True)


def surely_valid(name: SchemaName, data: Any) -> bool:
    """True only when the fast validator accepts ``data``; then jsonschema would too.

    Most files are valid, and jsonschema-rs says so ~200x faster than jsonschema. It is at
    least as strict on our schemas (its regexes anchor ``$`` at the very end; dates are
    checked the same way), so a "no" here only means jsonschema must judge and explain:
    every message and position still comes from jsonschema.
    """
    fast = fast_validator(name)
    if fast is None:
        return False
    try:
        return bool(fast.is_valid(data))
    except Exception:  # data it cannot convert (integers past 64 bits): jsonschema judges
        return False


def validate(document: Document, name: SchemaName) -> list[Any]:
    """Check ``document.data`` against schema ``name``; findings for every violation."""
    if document.data is None and document.errors:
        return []  # the load errors say what is wrong
    if not isinstance(document.data, dict):
        return [
            document.finding(
                "",
                RULE,
                f"the top level must be a mapping, not {_kind(document.data)}",
                hint="a journeyspec file starts with `journeyspec: 1` and `id: ...`",
            )
        ]
    if surely_valid(name, document.data):
        return []
    checker = validator(name)
    findings = []
    for error in checker.iter_errors(document.data):
        findings.extend(_translate(document, error))
    return sorted(set(findings))


def _translate(document: Document, error: jsonschema.ValidationError) -> list[Any]:
    pointer = join("", *error.absolute_path)
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    instance, keyword = error.instance, error.validator
    what = _noun(pointer, instance, document.data)
    if keyword == "anyOf" and error.context:
        # Several shapes are allowed (``emotion: -1`` or ``emotion: {score: -1}``): explain
        # what is wrong inside the shape the value has, else say which shapes would do.
        branches: dict[Any, list[jsonschema.ValidationError]] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        wrong_shape = {k for k, errs in branches.items() if any(_shape_error(e) for e in errs)}
        fitting = [e for k, errs in branches.items() if k not in wrong_shape for e in errs]
        if fitting:
            return [f for e in fitting for f in _translate(document, e)]
        shape_types = [
            t for e in error.context if _shape_error(e) for t in _as_list(e.validator_value)
        ]
        shapes = " or ".join(dict.fromkeys(_TYPE_WORDS.get(str(t), str(t)) for t in shape_types))
        return [
            document.finding(
                pointer,
                RULE,
                f"`{_last(pointer)}` must be {shapes}, not {_kind(instance)}",
                hint=_type_hint(instance, shape_types),
            )
        ]
    if keyword == "additionalProperties" and isinstance(instance, dict):
        allowed = sorted(schema.get("properties", {}))
        patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
        unknown = [
            k
            for k in instance
            if k not in allowed
            and not k.startswith("x-")
            and not any(p.search(str(k)) for p in patterns)
        ]
        return [
            document.finding(
                join(pointer, key),
                RULE,
                f"unknown key `{key}` in {what}",
                hint=_suggest(key, allowed, "keys"),
                key=True,
            )
            for key in unknown
        ]
    if keyword == "required" and isinstance(instance, dict):
        missing = [k for k in schema.get("required", []) if k not in instance]
        return [
            document.finding(
                pointer,
                RULE,
                f"{what} is missing the required key `{key}`",
                hint=_describe_property(schema, key),
            )
            for key in missing
        ]
    if keyword == "type":
        expected = error.validator_value
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in _as_list(expected))
        return [
            document.finding(
                pointer,
                RULE,
                f"`{_last(pointer)}` must be {words}, not {_kind(instance)}",
                hint=_type_hint(instance, expected),
            )
        ]
    if keyword == "enum":
        allowed_values = [str(v) for v in _as_list(error.validator_value)]
        if isinstance(instance, (list, dict)) or instance is None:
            message = f"`{_last(pointer)}` must be one of the allowed values, not {_kind(instance)}"
            hint = _suggest("", allowed_values, "values")
            return [document.finding(pointer, RULE, message, hint=hint)]
        synonym = schema.get("x-synonyms", {}).get(str(instance).strip().casefold())
        return [
            document.finding(
                pointer,
                RULE,
                f"`{instance}` is not an allowed value of `{_last(pointer)}`",
                hint=f"`{instance}` counts as `{synonym}`: write `{_last(pointer)}: {synonym}`"
                if synonym
                else _suggest(str(instance), allowed_values, "values"),
            )
        ]
    if keyword == "const" and _last(pointer) == "journeyspec":
        return [
            document.finding(
                pointer,
                RULE,
                f"unsupported format version `{instance}`",
                hint="this journeyspec reads `journeyspec: 1`; upgrade "
                "journeyspec to read newer files",
            )
        ]
    if keyword == "maxLength" and isinstance(instance, str) and "pattern" not in schema:
        limit = int(error.validator_value)  # type: ignore[arg-type]
        return [
            document.finding(
                pointer,
                RULE,
                f"`{_last(pointer)}` is {len(instance):,} characters long; the limit is {limit:,}",
                hint="shorten it; long explanations belong in `description`"
                if limit <= 5000
                else "shorten it, and link to the full text instead",
            )
        ]
    if keyword in ("pattern", "format", "maxLength") and isinstance(instance, str):
        return [
            document.finding(
                pointer,
                RULE,
                f"`{clip(instance, 60)}` is not a valid {_value_name(schema, pointer)}",
                hint=_pattern_hint(schema, keyword),
            )
        ]
    if keyword == "minItems":
        return [
            document.finding(
                pointer, RULE, f"`{_last(pointer)}` needs at least {_items(error.validator_value)}"
            )
        ]
    if keyword == "minLength":
        return [document.finding(pointer, RULE, f"`{_last(pointer)}` must not be empty")]
    if keyword == "uniqueItems":
        return [
            document.finding(
                pointer,
                RULE,
                f"`{_last(pointer)}` lists an item twice",
                hint="remove the repeated item",
            )
        ]
    return [document.finding(pointer, RULE, f"{what}: {error.message}")]


def _noun(pointer: str, instance: Any, root: Any) -> str:
    """Name the mapping an error is in: "step `compare-vendors`", "`emotion` of step
    `searches`", "`lint`", "the file"."""
    tokens = pointer.split("/")[1:]
    if not tokens:
        return "the file"
    if len(tokens) >= 2 and tokens[-1].isdigit() and tokens[-2] in _SINGULAR:
        name = instance.get("id") if isinstance(instance, dict) else None
        label = f"`{name}`" if isinstance(name, str) else f"#{int(tokens[-1]) + 1}"
        return f"{_SINGULAR[tokens[-2]]} {label}"
    # A mapping inside a list item: name the key and the item that holds it.
    for cut in range(len(tokens) - 1, 1, -1):
        if tokens[cut - 1].isdigit() and tokens[cut - 2] in _SINGULAR:
            owner = _noun("/" + "/".join(tokens[:cut]), _at(root, tokens[:cut]), root)
            return f"`{'.'.join(tokens[cut:])}` of {owner}"
    return f"`{'.'.join(tokens)}`"


def _at(root: Any, tokens: list[str]) -> Any:
    node = root
    for token in tokens:
        if isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        elif isinstance(node, dict):
            node = node.get(token.replace("~1", "/").replace("~0", "~"))
        else:
            return None
    return node


def _last(pointer: str) -> str:
    tokens = [t for t in pointer.split("/")[1:] if not t.isdigit()]
    return tokens[-1] if tokens else "value"


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _shape_error(error: jsonschema.ValidationError) -> bool:
    """Whether an ``anyOf`` branch failed because the value itself has another type."""
    return error.validator == "type" and not error.relative_path


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _items(count: Any) -> str:
    return "one item" if count == 1 else f"{count} items"


def _type_hint(instance: Any, expected: Any) -> str:
    expected_types = _as_list(expected)
    if {"number", "integer"} & set(expected_types) and isinstance(instance, str):
        return "write a number, without quotes" + (
            "" if "number" in expected_types else ", with no decimals"
        )
    if "string" in expected_types and isinstance(instance, (int, float, bool)):
        return f'put it in quotes: "{instance}"'
    if "boolean" in expected_types and isinstance(instance, str):
        return "write true or false"
    if "array" in expected_types and not isinstance(instance, list):
        return "write a list, one `- item` per line"
    if instance is None:
        return "give it a value or remove the key"
    return ""


def _suggest(word: str, choices: list[str], noun: str) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    return f"allowed {noun}: " + ", ".join(f"`{c}`" for c in choices) if choices else ""


def _describe_property(schema: dict[str, Any], key: str) -> str:
    prop = schema.get("properties", {}).get(key, {})
    description = str(prop.get("description", "")).split(". ")[0].rstrip(".")
    return f"`{key}`: {description}" if description else ""


def _value_name(schema: dict[str, Any], pointer: str) -> str:
    if schema.get("format") == "date" or "YYYY" in schema.get("description", ""):
        return "date"
    if "kebab-case" in schema.get("description", ""):
        return "id"
    if schema.get("pattern", "").startswith("^(https?"):
        return "link"
    return f"value for `{_last(pointer)}`"


def _pattern_hint(schema: dict[str, Any], keyword: str) -> str:
    description = str(schema.get("description", ""))
    if "kebab-case" in description:
        return (
            "ids are lowercase words joined by hyphens, at most 64 characters, "
            "e.g. `first-purchase`"
        )
    if "YYYY-MM-DD" in description:
        return "write a real date as YYYY-MM-DD, e.g. 2026-05-14"
    if schema.get("pattern", "").startswith("^(https?"):
        return "links start with https://, http:// or mailto:"
    if schema.get("pattern", "").startswith("^P"):
        return "write an ISO 8601 duration such as P3M (three months) or P1Y"
    return description.split(". ")[0]
