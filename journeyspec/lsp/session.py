"""The session: one project as an editor sees it, saved files and unsaved buffers together.

It knows every file's symbols (re-read only for files whose text changed) and lints the
whole project with the buffers laid over the files, so an edit in one file shows its
effect on every other (a team renamed in the registry breaks the journeys that name it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from journeyspec.findings import Finding
from journeyspec.lint import lint
from journeyspec.loader import read_document
from journeyspec.lsp.symbols import FileSymbols, Reference, Symbol, read_symbols
from journeyspec.project import ProjectConfig, discover, display_path, load_config, schema_for
from journeyspec.rules.base import Rule


@dataclass
class Session:
    """The project rooted at (or above) a folder, with the buffers an editor has open."""

    config: ProjectConfig
    buffers: dict[str, str] = field(default_factory=dict)  # path -> unsaved text
    files: dict[str, FileSymbols] = field(default_factory=dict)
    _texts: dict[str, str] = field(default_factory=dict)
    today: dt.date | None = None
    # The project's own rules, as the last lint loaded them (for their documentation).
    custom: tuple[Rule, ...] = ()

    @classmethod
    def open(cls, folder: Path, *, today: dt.date | None = None) -> Session:
        return cls(load_config(folder), today=today)

    # Paths ------------------------------------------------------------------------------

    def relative(self, path: Path) -> str | None:
        """The project-relative path of ``path``; None when it is outside the project."""
        shown = display_path(path, self.config.root)
        return None if shown.startswith("../") or shown == ".." else shown

    def absolute(self, path: str) -> Path:
        return self.config.root / path

    # Texts ------------------------------------------------------------------------------

    def edit(self, path: str, text: str) -> None:
        self.buffers[path] = text

    def close(self, path: str) -> None:
        self.buffers.pop(path, None)

    def text(self, path: str) -> str:
        """The buffer's text when open, else the file's (as the loader reads it)."""
        if path in self.buffers:
            return self.buffers[path]
        document = read_document(self.absolute(path), path)
        return document.text if not document.errors or document.text else ""

    def refresh(self) -> None:
        """Re-read the symbols of every project file whose text changed since last time."""
        files, _ = discover(self.config)
        paths = {display_path(f.path, self.config.root): f.schema for f in files}
        for path in self.buffers:
            if path not in paths and path.endswith((".yaml", ".yml")):
                paths[path] = schema_for(self.absolute(path), self.config)
        for gone in set(self.files) - set(paths):
            del self.files[gone]
            self._texts.pop(gone, None)
        for path, schema in sorted(paths.items()):
            text = self.text(path)
            if self._texts.get(path) != text or path not in self.files:
                self.files[path] = read_symbols(text, path, schema)
                self._texts[path] = text

    def findings(self, paths: Sequence[str] = ()) -> dict[str, list[Finding]]:
        """The findings of ``paths`` (none: the whole project), buffers included, by file;
        every file of ``paths`` has an entry, empty when it is clean."""
        overlay = {path: text.encode("utf-8") for path, text in self.buffers.items()}
        named = [str(self.absolute(path)) for path in paths]  # not relative to our cwd
        result = lint(self.config, named, today=self.today, overlay=overlay)
        self.custom = result.settings.custom if result.settings else ()
        grouped: dict[str, list[Finding]] = {path: [] for path in paths}
        for finding in result.findings:
            grouped.setdefault(finding.path, []).append(finding)
        return grouped

    def affects_others(self, path: str) -> bool:
        """Whether an edit of ``path`` can change what other files are found to hold: any
        file but a journey (personas, registries, the configuration) does."""
        found = self.files.get(path)
        return found is None or found.schema != "journey"

    # Symbols ----------------------------------------------------------------------------

    def symbols(self) -> Iterator[Symbol]:
        for found in self.files.values():
            yield from found.definitions

    def candidates(self, kinds: tuple[str, ...], scope: str) -> list[Symbol]:
        """The symbols of ``kinds`` a reference in file ``scope`` may name, by id."""
        wanted = set(kinds)
        found = [
            symbol
            for symbol in self.symbols()
            if symbol.kind in wanted and symbol.scope in (None, scope)
        ]
        return sorted(found, key=lambda s: (s.id, s.kind, s.path))

    def resolve(self, reference: Reference) -> list[Symbol]:
        """The definitions ``reference`` names (several when an id is defined twice)."""
        return [s for s in self.candidates(reference.kinds, reference.path) if s.id == reference.id]

    def references_to(self, symbol: Symbol) -> list[Reference]:
        """Every place in the project that names ``symbol``."""
        found: list[Reference] = []
        for path, symbols in sorted(self.files.items()):
            if symbol.scope is not None and path != symbol.path:
                continue
            found.extend(
                ref
                for ref in symbols.references
                if ref.id == symbol.id and symbol.kind in ref.kinds
            )
        return found

    def target(self, path: str, line: int, col: int) -> Symbol | None:
        """The symbol defined or named at ``line``:``col`` (0-based) of ``path``."""
        found = self.files.get(path)
        item = found.at(line, col) if found else None
        if isinstance(item, Reference):
            resolved = self.resolve(item)
            return resolved[0] if resolved else None
        return item
