"""The server: ``journeyspec lsp`` speaks the Language Server Protocol on stdin and stdout.

Built on pygls. Only wiring lives here: every answer comes from ``journeyspec.lsp.features``
over a ``Session``, and every check from the same loader, schemas, references and rules as
the command line. Diagnostics are brought up to date a moment after the last keystroke, in
one worker thread (so updates never overlap), by the session's ``LiveProject``: typing in
a journey re-examines that journey alone and publishes its findings; anything else (a
registry edited, a file saved, closed, changed on disk) publishes every file whose
findings changed, every open file, and clears files that no longer have any.
"""

from __future__ import annotations

import asyncio
import gc
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from journeyspec import __version__
from journeyspec.errors import JourneyspecError
from journeyspec.findings import Finding
from journeyspec.lsp import features
from journeyspec.lsp.session import Session
from journeyspec.project import ConfigFileError

DEBOUNCE_SECONDS = 0.15


class RequestFailed(JsonRpcException):
    CODE = -32803  # LSP's RequestFailed: the request was valid, the answer is no


class JourneyspecServer(LanguageServer):
    """A language server holding one session: the project the editor opened."""

    def __init__(self) -> None:
        super().__init__("journeyspec", __version__)
        self.session: Session | None = None
        self.findings: dict[str, list[Finding]] = {}  # as last published, by path
        self._pending: asyncio.Task[None] | None = None
        self._pending_whole = False
        # One thread: the live project is updated by one edit at a time, in order.
        self._linter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="journeyspec-lint")

    def start(self, folder: Path) -> None:
        try:
            self.session = Session.open(folder)
            self.session.refresh()
        except ConfigFileError as error:
            self.session = None
            self._publish_findings({f.path: f for f in error.findings}, folder)
        except JourneyspecError as error:
            self.session = None
            self.window_show_message(
                types.ShowMessageParams(types.MessageType.Error, f"journeyspec: {error}")
            )

    def path_of(self, uri: str) -> str | None:
        fs_path = to_fs_path(uri)
        if self.session is None or fs_path is None:
            return None
        return self.session.relative(Path(fs_path))

    def schedule(self, path: str | None = None) -> None:
        """Lint again once the author pauses: only ``path`` when it is a journey being typed
        in (others learn of it on save), the whole project otherwise. A pending run is
        dropped, but a pending whole-project run is never narrowed."""
        whole = path is None or (self.session is not None and self.session.affects_others(path))
        if self._pending is not None and not self._pending.done():
            self._pending.cancel()
            whole = whole or self._pending_whole
            path = None if whole else path
        self._pending_whole = whole
        self._pending = asyncio.ensure_future(self._lint_soon(None if whole else path))

    async def _lint_soon(self, path: str | None) -> None:
        await asyncio.sleep(DEBOUNCE_SECONDS)
        session = self.session
        if session is None:
            return
        changes = session.changes()  # taken here, in the event loop, where edits arrive
        try:
            found = await asyncio.get_running_loop().run_in_executor(
                self._linter, _lint, session, changes, path is None
            )
        except JourneyspecError as error:
            self.window_show_message(
                types.ShowMessageParams(types.MessageType.Error, f"journeyspec: {error}")
            )
            return
        if session is not self.session:
            return  # started over (the configuration changed) while this ran
        if path is None:
            # Open files always hear back (an empty list says "clean"); files whose
            # findings changed are published, files whose findings are gone cleared.
            shown = set(found) | set(self.findings)
            changed = {p for p in shown if found.get(p, []) != self.findings.get(p, [])}
            changed |= set(session.buffers) | changes.keys()
            self.findings = found
        else:
            changed = {path}
            self.findings = {**self.findings, path: found.get(path, [])}
        for shown_path in sorted(changed):
            items = features.diagnostics(session, shown_path, self.findings.get(shown_path, []))
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(features.uri(session, shown_path), items)
            )

    def _publish_findings(self, by_path: dict[str, Finding], folder: Path) -> None:
        for shown, finding in by_path.items():
            target = folder / shown
            diagnostic = types.Diagnostic(
                range=types.Range(
                    types.Position(max(finding.line - 1, 0), max(finding.col - 1, 0)),
                    types.Position(max(finding.line - 1, 0), max(finding.col - 1, 0)),
                ),
                message=str(finding.message),
                code=finding.rule,
                source=features.SOURCE,
            )
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(target.as_uri(), [diagnostic])
            )


def _lint(
    session: Session, changes: dict[str, str | None], whole: bool
) -> dict[str, list[Finding]]:
    found = session.lint(changes)
    if whole:
        # What the project holds now lives until edits replace it: hundreds of thousands of
        # objects that a full collection would scan again and again, 0.4 s each time at
        # 1,000 journeys, in the middle of a keystroke. Frozen, collections skip them (they
        # are still freed when no longer used; the loader makes no reference cycles).
        gc.collect()
        gc.freeze()
    return found


server = JourneyspecServer()


def _folder(ls: JourneyspecServer) -> Path:
    root = ls.workspace.root_path
    return Path(root) if root else Path(os.getcwd())


@server.feature(types.INITIALIZED)
def initialized(ls: JourneyspecServer, params: types.InitializedParams) -> None:
    ls.start(_folder(ls))
    ls.schedule()


def _edited(ls: JourneyspecServer, uri: str) -> None:
    path = ls.path_of(uri)
    if ls.session is None or path is None:
        return
    ls.session.edit(path, ls.workspace.get_text_document(uri).source)
    ls.session.refresh([path])
    ls.schedule(path)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: JourneyspecServer, params: types.DidOpenTextDocumentParams) -> None:
    _edited(ls, params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: JourneyspecServer, params: types.DidChangeTextDocumentParams) -> None:
    _edited(ls, params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: JourneyspecServer, params: types.DidCloseTextDocumentParams) -> None:
    path = ls.path_of(params.text_document.uri)
    if ls.session is not None and path is not None:
        ls.session.close(path)
        ls.session.refresh([path])
        ls.schedule()


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: JourneyspecServer, params: types.DidSaveTextDocumentParams) -> None:
    if ls.session is not None and ls.path_of(params.text_document.uri) == "journeyspec.yaml":
        ls.start(_folder(ls))  # the configuration changed: start over
    ls.schedule()


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def watched(ls: JourneyspecServer, params: types.DidChangeWatchedFilesParams) -> None:
    if ls.session is None:
        return
    changed = [ls.path_of(change.uri) for change in params.changes]
    paths = [path for path in changed if path is not None]
    if ls.session.config.config_path is not None and any(
        ls.session.absolute(path) == ls.session.config.config_path for path in paths
    ):
        ls.start(_folder(ls))  # the configuration changed: start over
    else:
        ls.session.touched(paths)
        ls.session.refresh(paths)
    ls.schedule()


def _where(ls: JourneyspecServer, uri: str) -> tuple[Session, str] | None:
    path = ls.path_of(uri)
    if ls.session is None or path is None or path not in ls.session.files:
        return None
    return ls.session, path


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION,
    types.CompletionOptions(trigger_characters=[" ", "[", ",", "-"]),
)
def completion(ls: JourneyspecServer, params: types.CompletionParams) -> types.CompletionList:
    where = _where(ls, params.text_document.uri)
    if where is None:
        return types.CompletionList(is_incomplete=False, items=[])
    return features.completion(*where, params.position)


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
def definition(ls: JourneyspecServer, params: types.DefinitionParams) -> list[types.Location]:
    where = _where(ls, params.text_document.uri)
    return features.definition(*where, params.position) if where else []


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
def references(ls: JourneyspecServer, params: types.ReferenceParams) -> list[types.Location]:
    where = _where(ls, params.text_document.uri)
    if where is None:
        return []
    return features.references(
        *where, params.position, declaration=params.context.include_declaration
    )


@server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
def prepare_rename(ls: JourneyspecServer, params: types.PrepareRenameParams) -> types.Range | None:
    where = _where(ls, params.text_document.uri)
    return features.prepare_rename(*where, params.position) if where else None


@server.feature(types.TEXT_DOCUMENT_RENAME, types.RenameOptions(prepare_provider=True))
def rename(ls: JourneyspecServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
    where = _where(ls, params.text_document.uri)
    if where is None:
        return None
    try:
        return features.rename(*where, params.position, params.new_name)
    except features.RenameRefused as refused:
        raise RequestFailed(str(refused)) from None


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: JourneyspecServer, params: types.HoverParams) -> types.Hover | None:
    where = _where(ls, params.text_document.uri)
    if where is None:
        return None
    return features.hover(*where, params.position, ls.findings.get(where[1], []))


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbol(
    ls: JourneyspecServer, params: types.DocumentSymbolParams
) -> list[types.DocumentSymbol]:
    where = _where(ls, params.text_document.uri)
    return features.document_symbols(*where) if where else []


@server.feature(types.WORKSPACE_SYMBOL)
def workspace_symbol(
    ls: JourneyspecServer, params: types.WorkspaceSymbolParams
) -> list[types.WorkspaceSymbol]:
    return features.workspace_symbols(ls.session, params.query) if ls.session else []


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
)
def code_action(ls: JourneyspecServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    where = _where(ls, params.text_document.uri)
    return features.code_actions(*where, params.context.diagnostics) if where else []


def serve(**_: Any) -> None:
    """Run the server on stdin and stdout until the client says exit."""
    server.start_io()
