"""Reference pages' data: the rules from their docstrings, the format from the schemas."""

from __future__ import annotations

import inspect
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from journeyspec.rules.base import Rule
from journeyspec.schema import REGISTRIES, SchemaName, load_schema


@dataclass(frozen=True)
class RuleDoc:
    id: str
    severity: str
    profile: str
    summary: str
    body: str  # trusted Markdown from the rule's docstring
    options: tuple[tuple[str, str, str], ...]  # name, default, description


@dataclass(frozen=True)
class Field:
    key: str
    type: str
    required: bool
    description: str
    default: str
    examples: tuple[str, ...]


@dataclass(frozen=True)
class Section:
    """One mapping of a file format: its keys, documented from the schema."""

    id: str
    title: str
    description: str
    fields: tuple[Field, ...]


def rule_docs(rules: tuple[Rule, ...]) -> list[RuleDoc]:
    docs = []
    for rule in rules:
        text = inspect.cleandoc(rule.__doc__ or rule.ID)
        summary, _, body = text.partition("\n")
        options = tuple(
            (name, repr(option.default), option.description)
            for name, option in sorted(rule.OPTIONS.items())
        )
        docs.append(
            RuleDoc(rule.ID, rule.SEVERITY.label, rule.PROFILE, summary, body.strip(), options)
        )
    return sorted(docs, key=lambda d: d.id)


def _type(node: Mapping[str, Any], defs: Mapping[str, Any]) -> str:
    if "$ref" in node:
        name = str(node["$ref"]).rsplit("/", 1)[-1]
        target = defs.get(name, {})
        return name.replace("_", " ") if target.get("type") == "object" else _type(target, defs)
    if "const" in node:
        return f"always {node['const']}"
    if "enum" in node:
        return "one of " + ", ".join(str(v) for v in node["enum"])
    kind = node.get("type")
    if kind == "array":
        return "list of " + _type(node.get("items", {}), defs)
    if isinstance(kind, list):
        return " or ".join(str(k) for k in kind)
    if "pattern" in node and "kebab-case" in str(node.get("description", "")):
        return "id"
    if node.get("format") == "date":
        return "date"
    return str(kind or "any")


def _description(node: Mapping[str, Any], defs: Mapping[str, Any]) -> str:
    if "description" in node:
        return str(node["description"])
    if "$ref" in node:
        name = str(node["$ref"]).rsplit("/", 1)[-1]
        return str(defs.get(name, {}).get("description", ""))
    return ""


def _shown(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _fields(node: Mapping[str, Any], defs: Mapping[str, Any]) -> tuple[Field, ...]:
    required = set(node.get("required", ()))
    return tuple(
        Field(
            key,
            _type(prop, defs),
            key in required,
            _description(prop, defs),
            _shown(prop["default"]) if "default" in prop else "",
            tuple(str(e) for e in prop.get("examples", ())),
        )
        for key, prop in node.get("properties", {}).items()
    )


def _objects(name: SchemaName, schema: Mapping[str, Any]) -> Iterator[Section]:
    defs = schema.get("$defs", {})
    yield Section(
        name,
        str(schema.get("title", name)),
        str(schema.get("description", "")),
        _fields(schema, defs),
    )
    for key, node in defs.items():
        if node.get("type") == "object" and node.get("properties"):
            yield Section(
                f"{name}-{key}",
                key.replace("_", " "),
                str(node.get("description", "")),
                _fields(node, defs),
            )
    for key, prop in schema.get("properties", {}).items():
        inner = prop.get("items", prop)
        if inner.get("type") == "object" and inner.get("properties"):
            yield Section(
                f"{name}-{key}",
                f"{key} entry" if "items" in prop else key,
                str(inner.get("description", prop.get("description", ""))),
                _fields(inner, defs),
            )


def format_sections() -> list[tuple[SchemaName, list[Section]]]:
    """Every schema's mappings, documented key by key, in reading order."""
    names: tuple[SchemaName, ...] = ("journey", "persona", *REGISTRIES, "config")
    return [(name, list(_objects(name, load_schema(name)))) for name in names]
