"""Diff renderers by name: each turns a finished ``DiffResult`` into text and computes nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from journeyspec.diff import document, markdown, text

if TYPE_CHECKING:
    from journeyspec.diff import DiffResult


class Renderer(Protocol):
    def __call__(self, result: DiffResult, *, mermaid: bool = ...) -> str: ...


RENDERERS: dict[str, Renderer] = {
    "text": text.render,
    "markdown": markdown.render,
    "json": document.render,
}
