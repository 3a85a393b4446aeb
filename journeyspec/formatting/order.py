"""Canonical key order: every mapping's keys in the order its schema lists its properties.

Keys the schema does not list (``x-`` extensions) follow, in their original order; mappings
whose schema lists no properties (free-form ones such as ``demographics``) keep their order.
Keys are moved, never rebuilt, so the comments ruamel.yaml attaches to them move along.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq


def _resolve(node: Any, root: dict[str, Any]) -> dict[str, Any]:
    """``node`` with local ``$ref``s followed (``#/$defs/...``), or {} when not a schema."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 32:
        ref = node["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#/"):
            return {}
        target: Any = root
        for part in ref[2:].split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        node, seen = target, seen + 1
    return node if isinstance(node, dict) else {}


def _child(schema: dict[str, Any], key: str, root: dict[str, Any]) -> dict[str, Any]:
    properties = schema.get("properties") or {}
    if key in properties:
        return _resolve(properties[key], root)
    extra = schema.get("additionalProperties")
    return _resolve(extra, root) if isinstance(extra, dict) else {}


def reorder(data: Any, schema: dict[str, Any], root: dict[str, Any] | None = None) -> bool:
    """Put ``data``'s keys (recursively) in schema order, in place; True when anything moved."""
    root = root if root is not None else schema
    schema = _resolve(schema, root)
    if "anyOf" in schema and isinstance(data, CommentedMap):  # ``emotion: -1`` or a mapping
        shapes = [_resolve(branch, root) for branch in schema["anyOf"]]
        schema = next((b for b in shapes if b.get("properties")), {})
    changed = False
    if isinstance(data, CommentedMap):
        names = list(schema.get("properties") or {})
        if names:
            rank = {name: i for i, name in enumerate(names)}
            keys = list(data.keys())
            wanted = sorted(keys, key=lambda k: (rank.get(k, len(rank)), keys.index(k)))
            if wanted != keys:
                for key in wanted:
                    data.move_to_end(key)
                changed = True
        for key in list(data.keys()):
            changed |= reorder(data[key], _child(schema, str(key), root), root)
    elif isinstance(data, CommentedSeq):
        items = _resolve(schema.get("items"), root)
        for item in data:
            changed |= reorder(item, items, root)
    return changed
