"""The session: one project as an editor sees it, saved files and unsaved buffers together.

It knows every file's symbols (re-read only for files whose text changed) and holds the
project's findings in a ``LiveProject``, with the buffers laid over the files: an edit of
a journey re-examines that journey alone, and an edit in a registry shows its effect on
every other file (a team renamed there breaks the journeys that name it).
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from journeyspec import paths as named
from journeyspec.findings import Finding
from journeyspec.live import LiveProject
from journeyspec.loader import MAX_FILE_BYTES, LoadError, decode
from journeyspec.lsp.symbols import FileSymbols, Reference, Symbol, read_symbols
from journeyspec.project import (
    ProjectConfig,
    discover,
    display_path,
    load_config,
    refusal,
    schema_for,
)
from journeyspec.rules.base import Rule


@dataclass
class Session:
    """The project rooted at (or above) a folder, with the buffers an editor has open."""

    config: ProjectConfig
    buffers: dict[str, str] = field(default_factory=dict)  # path -> unsaved text
    files: dict[str, FileSymbols] = field(default_factory=dict)
    today: dt.date | None = None
    # The project's own rules, as the last lint loaded them (for their documentation).
    custom: tuple[Rule, ...] = ()
    live: LiveProject | None = None  # made by the first ``lint``
    _given: dict[str, str] = field(default_factory=dict)  # the buffers ``live`` has
    _touched: set[str] = field(default_factory=set)  # files changed on disk since

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

    def touched(self, paths: Iterable[str]) -> None:
        """Files changed, came or went on disk: their symbols and findings are read again."""
        self._touched.update(paths)

    def text(self, path: str) -> str:
        """The buffer's text when open, else the file's (as the loader reads it)."""
        if path in self.buffers:
            return self.buffers[path]
        if refusal(self.absolute(path), self.config.root) is not None:
            return ""  # gone, or a link out of the project: never read through
        try:
            return decode(named.read_regular(self.absolute(path), MAX_FILE_BYTES))
        except (OSError, LoadError, named.NotARegularFile, named.FileTooLarge):
            return ""

    def refresh(self, paths: Iterable[str] | None = None) -> None:
        """Re-read the symbols of ``paths`` (None: of every project file) where their text
        changed since last time."""
        # Reading makes many objects and no reference cycles: the cycle collector would
        # only scan the symbols read so far again and again (1,000 journeys: 16 s -> 6.5 s).
        paused = gc.isenabled()
        gc.disable()
        try:
            self._refresh(paths)
        finally:
            if paused:
                gc.enable()

    def _refresh(self, paths: Iterable[str] | None) -> None:
        if paths is None:
            files, _ = discover(self.config)
            schemas: dict[str, str] = {
                display_path(f.path, self.config.root): f.schema for f in files
            }
            for gone in set(self.files) - set(schemas):
                del self.files[gone]
        else:
            schemas = {}
            for path in paths:
                if path in self.files:
                    schemas[path] = self.files[path].schema
                elif path.endswith((".yaml", ".yml")):
                    schemas[path] = schema_for(self.absolute(path), self.config)
        for path in self.buffers:
            if path not in schemas and path not in self.files and path.endswith((".yaml", ".yml")):
                schemas[path] = schema_for(self.absolute(path), self.config)
        for path, schema in sorted(schemas.items()):
            if path not in self.buffers and refusal(self.absolute(path), self.config.root):
                self.files.pop(path, None)  # gone, or a link out of the project
                continue
            text = self.text(path)
            known = self.files.get(path)
            if known is None or known.text != text:
                self.files[path] = read_symbols(text, path, schema)

    def changes(self) -> dict[str, str | None]:
        """What changed since the last ``lint``, as ``LiveProject.update`` takes it: the
        buffers typed in, and (None) the buffers closed and the files changed on disk."""
        changed: dict[str, str | None] = {
            path: None for path in self._touched | self._given.keys() if path not in self.buffers
        }
        changed.update(
            (path, text) for path, text in self.buffers.items() if self._given.get(path) != text
        )
        self._given, self._touched = dict(self.buffers), set()
        return changed

    def lint(self, changes: dict[str, str | None]) -> dict[str, list[Finding]]:
        """Bring the findings up to date with ``changes`` (see ``changes``): every file's
        findings, by path. The first call lints the whole project."""
        if self.live is None:
            self.live = LiveProject.open(self.config, today=self.today)
        if changes:
            self.live.update(changes)
        result = self.live.result
        self.custom = result.settings.custom if result.settings else ()
        grouped: dict[str, list[Finding]] = {}
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
