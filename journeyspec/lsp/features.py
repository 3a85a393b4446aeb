"""What the language server answers: each LSP request as a function of the session.

Pure functions from a ``Session`` and LSP parameters to LSP results, so each is tested
without a server; ``journeyspec.lsp.server`` only wires them to the protocol.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lsprotocol import types
from pygls.uris import from_fs_path

from journeyspec.findings import Finding, Severity
from journeyspec.lint.catalogue import rule_infos
from journeyspec.lsp.positions import Lines
from journeyspec.lsp.session import Session
from journeyspec.lsp.symbols import REFERENCES, Span, Symbol

SOURCE = "journeyspec"
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
_DID_YOU_MEAN = re.compile(r"did you mean `([^`]+)`\?")
_KEY_HERE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_]+):\s*(?:\[[^\]]*?)?([\w-]*)$")
_ITEM_HERE = re.compile(r"^(\s*)-\s+([\w-]*)$")
_KEY_LINE = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z_]+):\s*$")


class RenameRefused(ValueError):
    """A rename that would break the project: the message says why."""


def uri(session: Session, path: str) -> str:
    return from_fs_path(str(session.absolute(path))) or str(session.absolute(path))


def lines(session: Session, path: str) -> Lines:
    return Lines(session.text(path))


def location(session: Session, path: str, span: Span) -> types.Location:
    return types.Location(uri(session, path), lines(session, path).range(span))


# Diagnostics ---------------------------------------------------------------------------


def diagnostics(session: Session, path: str, findings: Iterable[Finding]) -> list[types.Diagnostic]:
    """``findings`` of ``path`` as LSP diagnostics, each spanning the value it is about."""
    text = lines(session, path)
    symbols = session.files.get(path)
    result = []
    for finding in findings:
        line, col = max(finding.line - 1, 0), max(finding.col - 1, 0)
        span = symbols.spans.get(finding.pointer) if symbols else None
        if span is None or (span.line, span.col) != (line, col) or span.end_line != line:
            span = text.word(line, col)
            if span.end_col == span.col:  # not on a word: the rest of the line
                span = Span(line, col, line, max(col, len(text.line(line))))
        message = f"{finding.message} ({finding.hint})" if finding.hint else finding.message
        result.append(
            types.Diagnostic(
                range=text.range(span),
                message=message,
                severity=_SEVERITY[finding.severity],
                code=finding.rule,
                source=SOURCE,
                data={"hint": finding.hint, "pointer": finding.pointer},
            )
        )
    return result


# Completion ----------------------------------------------------------------------------


def _kinds_by_key(schema: str) -> dict[str, tuple[str, ...]]:
    """The kinds of id each key of a ``schema`` file names (``owner`` -> team, ...)."""
    found: dict[str, tuple[str, ...]] = {}
    for pattern, kinds in REFERENCES.get(schema, {}).items():
        key = next(t for t in reversed(pattern.split("/")) if t != "*")
        found[key] = kinds
    return found


def key_at(text: Lines, line: int, col: int) -> tuple[str, Span] | None:
    """The mapping key whose value the cursor is in, and the word being typed there.

    Read from the lines, not the parsed file: while an author types, the file often does
    not parse. ``owner: mar|``, ``touchpoints: [web, |`` and ``- |`` under ``next:`` all work.
    """
    before = text.line(line)[:col]
    word = text.word(line, col)
    match = _KEY_HERE.match(before)
    if match:
        return match[1], word
    item = _ITEM_HERE.match(before)
    if item is None:
        return None
    indent = len(item[1])
    for number in range(line - 1, -1, -1):
        above = _KEY_LINE.match(text.line(number))
        if above and len(above[1]) <= indent:
            return above[2], word
        if (
            text.line(number).strip()
            and len(text.line(number)) - len(text.line(number).lstrip()) < indent
        ):
            return None
    return None


def completion(session: Session, path: str, position: types.Position) -> types.CompletionList:
    """The ids that fit where the cursor is, each with its name and where it is defined."""
    symbols = session.files.get(path)
    text = lines(session, path)
    line, col = text.from_lsp(position)
    here = key_at(text, line, col)
    if symbols is None or here is None:
        return types.CompletionList(is_incomplete=False, items=[])
    key, word = here
    kinds = _kinds_by_key(symbols.schema).get(key)
    if not kinds:
        return types.CompletionList(is_incomplete=False, items=[])
    items = []
    for symbol in session.candidates(kinds, path):
        shown = f"{symbol.path}:{symbol.span.line + 1}"
        items.append(
            types.CompletionItem(
                label=symbol.id,
                kind=types.CompletionItemKind.Reference,
                detail=f"{symbol.kind}: {symbol.name}" if symbol.name else symbol.kind,
                documentation=f"{symbol.kind} `{symbol.id}`, defined in {shown}",
                text_edit=types.TextEdit(text.range(word), symbol.id),
                sort_text=f"{symbol.id}\0{symbol.kind}",
            )
        )
    return types.CompletionList(is_incomplete=False, items=items)


# Navigation ----------------------------------------------------------------------------


def _target(session: Session, path: str, position: types.Position) -> Symbol | None:
    line, col = lines(session, path).from_lsp(position)
    return session.target(path, line, col)


def definition(session: Session, path: str, position: types.Position) -> list[types.Location]:
    """Where the id under the cursor is defined (every place, when it is defined twice)."""
    symbols = session.files.get(path)
    if symbols is None:
        return []
    line, col = lines(session, path).from_lsp(position)
    item = symbols.at(line, col)
    if item is None:
        return []
    found = [item] if isinstance(item, Symbol) else session.resolve(item)
    return [location(session, s.path, s.span) for s in found]


def references(
    session: Session, path: str, position: types.Position, *, declaration: bool
) -> list[types.Location]:
    """Every place that names the id under the cursor (and its definition, if asked)."""
    symbol = _target(session, path, position)
    if symbol is None:
        return []
    found = [location(session, r.path, r.span) for r in session.references_to(symbol)]
    if declaration:
        found.insert(0, location(session, symbol.path, symbol.span))
    return found


def prepare_rename(session: Session, path: str, position: types.Position) -> types.Range | None:
    symbols = session.files.get(path)
    line, col = lines(session, path).from_lsp(position)
    item = symbols.at(line, col) if symbols else None
    if item is None or _target(session, path, position) is None:
        return None
    return lines(session, path).range(item.span)


def rename(
    session: Session, path: str, position: types.Position, new_id: str
) -> types.WorkspaceEdit:
    """The definition and every reference renamed; ``RenameRefused`` when it cannot be."""
    symbol = _target(session, path, position)
    if symbol is None:
        raise RenameRefused("there is no journeyspec id here to rename")
    if not ID.match(new_id):
        raise RenameRefused(
            f"`{new_id}` is not an id: use lowercase words joined by hyphens, like `customer-care`"
        )
    clash = [s for s in session.candidates((symbol.kind,), symbol.path) if s.id == new_id]
    if clash:
        where = f"{clash[0].path}:{clash[0].span.line + 1}"
        raise RenameRefused(f"{symbol.kind} `{new_id}` exists already ({where})")
    places = [
        (symbol.path, symbol.span),
        *((r.path, r.span) for r in session.references_to(symbol)),
    ]
    changes: dict[str, list[types.TextEdit]] = {}
    for where, span in places:
        edit = types.TextEdit(lines(session, where).range(span), new_id)
        changes.setdefault(uri(session, where), []).append(edit)
    return types.WorkspaceEdit(changes=changes)


def hover(
    session: Session, path: str, position: types.Position, findings: Iterable[Finding]
) -> types.Hover | None:
    """What the id under the cursor is, and the documentation of any finding there."""
    line, col = lines(session, path).from_lsp(position)
    parts: list[str] = []
    symbol = session.target(path, line, col)
    if symbol is not None:
        title = f"**{symbol.kind}** `{symbol.id}`" + (f": {symbol.name}" if symbol.name else "")
        uses = session.references_to(symbol)
        files = len({r.path for r in uses})
        parts.append(
            f"{title}\n\ndefined in `{symbol.path}:{symbol.span.line + 1}`; named "
            f"{len(uses)} time{'s' if len(uses) != 1 else ''} in {files} "
            f"file{'s' if files != 1 else ''}"
        )
    infos = rule_infos(custom=session.custom)
    for finding in findings:
        if finding.line - 1 == line and finding.rule in infos:
            info = infos[finding.rule]
            parts.append(f"**{finding.rule}**: {info.documentation or info.summary}")
    if not parts:
        return None
    return types.Hover(
        contents=types.MarkupContent(types.MarkupKind.Markdown, "\n\n---\n\n".join(parts))
    )


# Symbols -------------------------------------------------------------------------------

_SYMBOL_KIND = {
    "journey": types.SymbolKind.File,
    "stage": types.SymbolKind.Namespace,
    "step": types.SymbolKind.Event,
    "gap": types.SymbolKind.Null,
    "touchpoint": types.SymbolKind.Interface,
    "pain point": types.SymbolKind.Enum,
    "opportunity": types.SymbolKind.Function,
    "KPI": types.SymbolKind.Number,
    "evidence item": types.SymbolKind.Object,
    "persona": types.SymbolKind.Class,
    "team": types.SymbolKind.Struct,
    "channel": types.SymbolKind.Module,
}


def document_symbols(session: Session, path: str) -> list[types.DocumentSymbol]:
    """The file's outline: stages holding their steps, then the other items."""
    symbols = session.files.get(path)
    if symbols is None:
        return []
    text = lines(session, path)
    outline: dict[str, types.DocumentSymbol] = {}
    children: dict[str, list[types.DocumentSymbol]] = {}
    top: list[types.DocumentSymbol] = []
    for symbol in symbols.definitions:
        item_pointer = symbol.pointer.rsplit("/", 1)[0]
        whole = symbols.spans.get(item_pointer, symbol.span)
        children[item_pointer] = []
        entry = types.DocumentSymbol(
            name=symbol.name or symbol.id,
            detail=f"{symbol.kind} {symbol.id}",
            kind=_SYMBOL_KIND.get(symbol.kind, types.SymbolKind.Key),
            range=text.range(whole),
            selection_range=text.range(symbol.span),
            children=children[item_pointer],
        )
        outline[item_pointer] = entry
        owner = _owner(item_pointer, outline)
        (children[owner] if owner is not None else top).append(entry)
    return top


def _owner(pointer: str, outline: dict[str, types.DocumentSymbol]) -> str | None:
    """The closest enclosing item already in the outline (a step's stage), if any."""
    parts = pointer.split("/")
    for cut in range(len(parts) - 1, 0, -1):
        enclosing = "/".join(parts[:cut])
        if enclosing in outline:
            return enclosing
    return None


def workspace_symbols(session: Session, query: str) -> list[types.WorkspaceSymbol]:
    """Journeys, personas, teams and channels whose id or name holds ``query``."""
    wanted = query.casefold()
    found = []
    for symbol in sorted(session.symbols(), key=lambda s: (s.kind, s.id, s.path)):
        if symbol.scope is not None:
            continue
        if wanted in symbol.id.casefold() or wanted in symbol.name.casefold():
            found.append(
                types.WorkspaceSymbol(
                    name=symbol.name or symbol.id,
                    kind=_SYMBOL_KIND[symbol.kind],
                    location=location(session, symbol.path, symbol.span),
                    container_name=f"{symbol.kind} {symbol.id}",
                )
            )
    return found


# Code actions --------------------------------------------------------------------------


def code_actions(
    session: Session, path: str, diagnostics: Iterable[types.Diagnostic]
) -> list[types.CodeAction]:
    """Fixes the findings' hints describe: take the suggested id or key, add an owner,
    define an unknown team in the registry."""
    actions: list[types.CodeAction] = []
    for diagnostic in diagnostics:
        if diagnostic.source != SOURCE:
            continue
        data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
        hint, pointer = str(data.get("hint", "")), str(data.get("pointer", ""))
        suggested = _DID_YOU_MEAN.search(hint)
        if suggested:
            edit = types.TextEdit(diagnostic.range, suggested[1])
            actions.append(
                _action(f"Change to `{suggested[1]}`", session, path, [edit], diagnostic)
            )
        if diagnostic.code == "stage-no-owner":
            actions.extend(_add_owner(session, path, pointer, diagnostic))
        if diagnostic.code == "reference" and "unknown team" in diagnostic.message:
            actions.extend(_define_team(session, diagnostic))
    return actions


def _action(
    title: str,
    session: Session,
    path: str,
    edits: list[types.TextEdit],
    diagnostic: types.Diagnostic,
    *,
    preferred: bool = True,
) -> types.CodeAction:
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        is_preferred=preferred,
        edit=types.WorkspaceEdit(changes={uri(session, path): edits}),
    )


def _add_owner(
    session: Session, path: str, pointer: str, diagnostic: types.Diagnostic
) -> list[types.CodeAction]:
    symbols = session.files.get(path)
    span = symbols.spans.get(pointer) if symbols else None
    if span is None:
        return []
    text = lines(session, path)
    at = text.to_lsp(span.line, span.col)
    teams = session.candidates(("team",), path)
    return [
        _action(
            f"Set the stage's owner to `{team.id}`",
            session,
            path,
            [types.TextEdit(types.Range(at, at), f"owner: {team.id}\n{' ' * span.col}")],
            diagnostic,
            preferred=False,
        )
        for team in teams[:8]
    ]


def _define_team(session: Session, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    match = re.search(r"unknown team `([^`]+)`", diagnostic.message)
    registry = next((s for s in session.files.values() if s.schema == "teams"), None)
    if match is None or registry is None or not ID.match(match[1]):
        return []
    team = match[1]
    text = lines(session, registry.path)
    first = registry.spans.get("/teams/0")
    indent = max(first.col - 2, 0) if first else 2
    last = len(text.lines) - 1
    end = text.to_lsp(last, len(text.line(last)))
    lead = "" if text.line(last) == "" else "\n"
    name = team.replace("-", " ").capitalize()
    body = f"{lead}{' ' * indent}- id: {team}\n{' ' * indent}  name: {name}\n"
    return [
        _action(
            f"Define team `{team}` in {registry.path}",
            session,
            registry.path,
            [types.TextEdit(types.Range(end, end), body)],
            diagnostic,
            preferred=False,
        )
    ]
