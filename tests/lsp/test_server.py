"""`journeyspec lsp` driven over stdio by a real LSP client (pytest-lsp, built on pygls).

Each feature on a small project whose every line is known, with exact ranges and edits;
and diagnostics on the example portfolio compared with what `journeyspec lint` reports.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from journeyspec import api
from tests.conftest import MINIMAL_FILES, copy_example, write_files

JOURNEY = "journeys/first-purchase.yaml"
TEAMS = "registry/teams.yaml"
TODAY = "2026-11-01"


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[sys.executable, "-m", "journeyspec", "lsp"],
        server_env={"JOURNEYSPEC_TODAY": TODAY, "JOURNEYSPEC_CACHE": "off"},
    )
)
async def client(lsp_client: LanguageClient, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    root: Path = request.getfixturevalue("tmp_path") / "project"
    if request.node.get_closest_marker("example"):
        copy_example(root)
    else:
        write_files(root, MINIMAL_FILES)
    lsp_client.root = root  # type: ignore[attr-defined]
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(root.as_uri(), "project")],
        )
    )
    yield
    await lsp_client.shutdown_session()


def uri(client: LanguageClient, path: str) -> str:
    return (client.root / path).as_uri()  # type: ignore[attr-defined]


def text(client: LanguageClient, path: str) -> str:
    return (client.root / path).read_text(encoding="utf-8")  # type: ignore[attr-defined]


def opened(client: LanguageClient, path: str, content: str | None = None) -> str:
    address = uri(client, path)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(
                uri=address, language_id="yaml", version=1, text=content or text(client, path)
            )
        )
    )
    return address


def changed(client: LanguageClient, path: str, content: str, version: int = 2) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(
                uri=uri(client, path), version=version
            ),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=content)],
        )
    )


async def diagnostics_of(
    client: LanguageClient, address: str, wanted: int | None = None
) -> list[types.Diagnostic]:
    """The diagnostics published for ``address`` once there are ``wanted`` of them."""
    for _ in range(100):
        found = list(client.diagnostics.get(address, []))
        if address in client.diagnostics and (wanted is None or len(found) == wanted):
            return found
        await asyncio.wait_for(
            client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 20
        )
    raise AssertionError(f"no diagnostics for {address}: {client.diagnostics}")


def edits(edit: types.WorkspaceEdit | None) -> dict[str, list[types.TextEdit]]:
    assert edit is not None and edit.changes is not None
    return {address: list(changes) for address, changes in edit.changes.items()}


def span(line: int, col: int, end_col: int) -> types.Range:
    return types.Range(types.Position(line, col), types.Position(line, end_col))


def at(line: int, col: int) -> types.Position:
    return types.Position(line, col)


@pytest.mark.asyncio
async def test_an_unknown_team_is_underlined_with_the_fix_offered(client: LanguageClient) -> None:
    broken = text(client, JOURNEY).replace("owner: marketing\nstages", "owner: marketng\nstages")
    address = opened(client, JOURNEY, broken)
    (diagnostic,) = await diagnostics_of(client, address, 1)
    assert diagnostic.range == span(4, 7, 15)
    assert diagnostic.code == "reference"
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    assert diagnostic.message == "unknown team `marketng` (did you mean `marketing`?)"

    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=address),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    titles = [a.title for a in actions if isinstance(a, types.CodeAction)]
    assert titles == ["Change to `marketing`", "Define team `marketng` in registry/teams.yaml"]
    fix = actions[0]
    assert isinstance(fix, types.CodeAction) and fix.edit is not None
    assert edits(fix.edit) == {address: [types.TextEdit(span(4, 7, 15), "marketing")]}
    define = actions[1]
    assert isinstance(define, types.CodeAction) and define.edit is not None
    assert edits(define.edit) == {
        uri(client, TEAMS): [
            types.TextEdit(span(6, 0, 0), "  - id: marketng\n    name: Marketng\n")
        ]
    }

    # Fixed: the reference error goes, and the rules (which only judge valid files) speak.
    changed(client, JOURNEY, text(client, JOURNEY))
    expected = api.check(client.root, today=dt.date(2026, 11, 1)).for_path(JOURNEY)  # type: ignore[attr-defined]
    found = await diagnostics_of(client, address, len(expected))
    assert [(d.range.start.line + 1, d.range.start.character + 1, d.code) for d in found] == [
        (f.line, f.col, f.rule) for f in expected
    ]
    assert "reference" not in {d.code for d in found}


@pytest.mark.asyncio
async def test_an_edit_in_the_registry_is_reported_in_the_journeys_it_breaks(
    client: LanguageClient,
) -> None:
    journey = uri(client, JOURNEY)
    opened(client, TEAMS, text(client, TEAMS).replace("id: marketing", "id: growth"))
    found = await diagnostics_of(client, journey, 2)
    assert [(d.range, d.message) for d in found] == [
        (span(4, 7, 16), "unknown team `marketing` (define it in the teams registry)"),
        (span(8, 11, 20), "unknown team `marketing` (define it in the teams registry)"),
    ]


@pytest.mark.asyncio
async def test_owner_completes_with_every_team_and_its_name(client: LanguageClient) -> None:
    content = text(client, JOURNEY).replace("owner: marketing\nstages", "owner: \nstages")
    address = opened(client, JOURNEY, content)
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=address), position=at(4, 7)
        )
    )
    assert isinstance(result, types.CompletionList)
    assert [(i.label, i.detail) for i in result.items] == [
        ("customer-success", "team: Customer Success"),
        ("marketing", "team: Marketing"),
    ]
    assert result.items[1].text_edit == types.TextEdit(span(4, 7, 7), "marketing")


@pytest.mark.asyncio
async def test_touchpoints_complete_with_this_journeys_touchpoints_only(
    client: LanguageClient,
) -> None:
    content = text(client, JOURNEY).replace(
        "touchpoints: [search-ad]", "touchpoints: [search-ad, we]"
    )
    address = opened(client, JOURNEY, content)
    line = content.splitlines().index("        touchpoints: [search-ad, we]")
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=address), position=at(line, 35)
        )
    )
    assert isinstance(result, types.CompletionList)
    assert [i.label for i in result.items] == ["search-ad", "welcome-email"]
    assert result.items[1].text_edit == types.TextEdit(span(line, 33, 35), "welcome-email")


@pytest.mark.asyncio
async def test_go_to_definition_and_find_references_cross_files(client: LanguageClient) -> None:
    address = opened(client, JOURNEY)
    found = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=address), position=at(3, 10)
        )
    )
    assert found == [types.Location(uri=uri(client, "personas/budi.yaml"), range=span(1, 4, 8))]

    teams = opened(client, TEAMS)
    places = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=types.TextDocumentIdentifier(uri=teams),
            position=at(2, 10),
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    assert list(places or []) == [
        types.Location(uri=teams, range=span(2, 8, 17)),
        types.Location(uri=address, range=span(4, 7, 16)),
        types.Location(uri=address, range=span(8, 11, 20)),
    ]


@pytest.mark.asyncio
async def test_rename_changes_the_definition_and_every_reference(client: LanguageClient) -> None:
    address = opened(client, JOURNEY)
    teams = uri(client, TEAMS)
    where = types.TextDocumentIdentifier(address)
    ready = await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=where, position=at(8, 13))
    )
    assert ready == span(8, 11, 20)
    edit = await client.text_document_rename_async(
        types.RenameParams(text_document=where, position=at(8, 13), new_name="growth")
    )
    assert edits(edit) == {
        teams: [types.TextEdit(span(2, 8, 17), "growth")],
        address: [
            types.TextEdit(span(4, 7, 16), "growth"),
            types.TextEdit(span(8, 11, 20), "growth"),
        ],
    }
    with pytest.raises(Exception, match="team `customer-success` exists already"):
        await client.text_document_rename_async(
            types.RenameParams(text_document=where, position=at(8, 13), new_name="customer-success")
        )
    with pytest.raises(Exception, match="is not an id"):
        await client.text_document_rename_async(
            types.RenameParams(text_document=where, position=at(8, 13), new_name="Growth")
        )


@pytest.mark.asyncio
async def test_hover_says_what_an_id_is(client: LanguageClient) -> None:
    address = opened(client, JOURNEY)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=address), position=at(3, 10)
        )
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.value == (
        "**persona** `budi`: Budi\n\ndefined in `personas/budi.yaml:2`; named 1 time in 1 file"
    )


@pytest.mark.asyncio
async def test_outline_and_workspace_symbols(client: LanguageClient) -> None:
    address = opened(client, JOURNEY)
    outline = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=address))
    )
    assert outline is not None
    (journey,) = outline
    assert isinstance(journey, types.DocumentSymbol)
    assert [(c.name, [g.name for g in c.children or []]) for c in journey.children or []] == [
        ("Awareness", ["Searches for software"]),
        ("Onboarding", ["Imports old data"]),
        ("Search ad", []),
        ("Welcome email", []),
    ]
    found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="mark"))
    assert found is not None
    assert [(s.name, s.container_name) for s in found] == [("Marketing", "team marketing")]


@pytest.mark.example
@pytest.mark.asyncio
async def test_diagnostics_are_the_findings_of_lint(client: LanguageClient) -> None:
    root: Path = client.root  # type: ignore[attr-defined]
    expected = [f for f in api.check(root, today=dt.date(2026, 11, 1)).findings]
    by_file: dict[str, list[tuple[int, int, str]]] = {}
    for finding in expected:
        by_file.setdefault(finding.path, []).append(
            (finding.line - 1, finding.col - 1, finding.rule)
        )
    journey = "journeys/gym-membership.yaml"
    address = opened(client, journey)
    found = await diagnostics_of(client, address, len(by_file[journey]))
    assert [(d.range.start.line, d.range.start.character, d.code) for d in found] == by_file[
        journey
    ]
    # Files that are not open get their findings too (published in path order).
    for path, places in by_file.items():
        others = await diagnostics_of(client, (root / path).as_uri(), len(places))
        assert [(d.range.start.line, d.range.start.character, d.code) for d in others] == places


@pytest.mark.asyncio
async def test_typing_relints_the_file_and_saving_relints_the_project(
    client: LanguageClient,
) -> None:
    root: Path = client.root  # type: ignore[attr-defined]
    copy = text(client, JOURNEY).replace("id: first-purchase", "id: second-purchase")
    (root / "journeys" / "second.yaml").write_text(copy, encoding="utf-8")
    first, second = uri(client, JOURNEY), uri(client, "journeys/second.yaml")
    opened(client, "journeys/second.yaml")
    await diagnostics_of(client, second)
    # Typing a duplicate id: the file typed in hears of it at once ...
    changed(client, "journeys/second.yaml", text(client, JOURNEY))
    found = await diagnostics_of(client, second, 1)
    assert [(d.code, d.message.split(" (")[0]) for d in found] == [
        ("reference", "duplicate journey id `first-purchase`")
    ]
    assert all(d.code != "reference" for d in client.diagnostics.get(first, []))
    # ... and the file it copied when the author saves.
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=second))
    )
    for _ in range(100):
        others = [d for d in client.diagnostics.get(first, []) if d.code == "reference"]
        if others:
            break
        await asyncio.wait_for(
            client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 20
        )
    assert [(d.range, d.message.split(" (")[0]) for d in others] == [
        (span(1, 4, 18), "duplicate journey id `first-purchase`")
    ]


@pytest.mark.example
@pytest.mark.asyncio
async def test_shared_touchpoints_studies_and_themes_complete_and_resolve(
    client: LanguageClient,
) -> None:
    path = "journeys/ledgerly-order-and-contract.yaml"
    content = text(client, path).replace("themes: [hidden-prices]\n", "themes: [hid]\n", 1)
    address = opened(client, path, content)
    lines = content.splitlines()
    line = lines.index("    themes: [hid]")
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=address), position=at(line, 16)
        )
    )
    assert isinstance(result, types.CompletionList)
    assert ("hidden-prices", "theme: Hidden prices") in [(i.label, i.detail) for i in result.items]

    line = lines.index("        touchpoints: [e-contract]")
    found = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=address), position=at(line, 24)
        )
    )
    registry = "registry/touchpoints.yaml"
    defined = text(client, registry).splitlines().index("  - id: e-contract")
    assert found == [types.Location(uri=uri(client, registry), range=span(defined, 8, 18))]

    line = lines.index("    evidence: [order-form-review, nps-survey-2026-h1]")
    found = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=address), position=at(line, 40)
        )
    )
    research = "registry/research.yaml"
    defined = text(client, research).splitlines().index("  - id: nps-survey-2026-h1")
    assert found == [types.Location(uri=uri(client, research), range=span(defined, 8, 26))]


def watched(client: LanguageClient, *changes: tuple[str, types.FileChangeType]) -> None:
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=uri(client, path), type=kind) for path, kind in changes]
        )
    )


async def codes_of(client: LanguageClient, address: str, wanted: list[tuple[int, str]]) -> None:
    """Wait until ``address``'s diagnostics are ``wanted`` (line, message before any hint)."""
    found: list[tuple[int, str]] = []
    for _ in range(100):
        found = [
            (d.range.start.line, d.message.split(" (")[0])
            for d in client.diagnostics.get(address, [])
        ]
        if found == wanted:
            return
        await asyncio.wait_for(
            client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 20
        )
    raise AssertionError(f"{address}: {found}, not {wanted}")


@pytest.mark.asyncio
async def test_files_changed_on_disk_are_read_again(client: LanguageClient) -> None:
    """A registry changed, a journey added and one removed behind the editor's back: the
    watched-files notification brings findings and completions up to date."""
    root: Path = client.root  # type: ignore[attr-defined]
    address = opened(client, JOURNEY)
    await codes_of(client, address, [])
    teams = root / TEAMS
    teams.write_text(text(client, TEAMS).replace("id: marketing", "id: growth"), encoding="utf-8")
    watched(client, (TEAMS, types.FileChangeType.Changed))
    unknown = "unknown team `marketing`"
    await codes_of(client, address, [(4, unknown), (8, unknown)])
    content = text(client, JOURNEY).replace("owner: marketing\nstages", "owner: \nstages")
    changed(client, JOURNEY, content)
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=address), position=at(4, 7)
        )
    )
    assert isinstance(result, types.CompletionList)
    assert [i.label for i in result.items] == ["customer-success", "growth"]
    changed(client, JOURNEY, text(client, JOURNEY), version=3)
    await codes_of(client, address, [(4, unknown), (8, unknown)])

    second = "journeys/second.yaml"
    (root / second).write_text(text(client, JOURNEY), encoding="utf-8")
    watched(client, (second, types.FileChangeType.Created))
    duplicate = "duplicate journey id `first-purchase`"
    await codes_of(client, address, [(1, duplicate), (4, unknown), (8, unknown)])
    await codes_of(client, uri(client, second), [(1, duplicate), (4, unknown), (8, unknown)])
    (root / second).unlink()
    watched(client, (second, types.FileChangeType.Deleted))
    await codes_of(client, address, [(4, unknown), (8, unknown)])
    await codes_of(client, uri(client, second), [])


@pytest.mark.asyncio
async def test_a_file_replaced_by_a_link_out_of_the_project_is_not_read(
    client: LanguageClient, tmp_path: Path
) -> None:
    """A journey that becomes a link to a file outside the project, as the editor hears of
    it: refused as `lint` refuses it, and nothing of the file it leads to is shown."""
    root: Path = client.root  # type: ignore[attr-defined]
    second = "journeys/second.yaml"
    (root / second).write_text(
        text(client, JOURNEY).replace("id: first-purchase", "id: second-purchase"),
        encoding="utf-8",
    )
    watched(client, (second, types.FileChangeType.Created))
    found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="second"))
    assert [s.name for s in found or []] == ["First purchase"]  # the title, id second-purchase
    outside = tmp_path / "outside.yaml"
    outside.write_text(
        text(client, JOURNEY).replace("id: first-purchase", "id: secret-purchase"),
        encoding="utf-8",
    )
    (root / second).unlink()
    (root / second).symlink_to(outside)
    watched(client, (second, types.FileChangeType.Changed))
    (diagnostic,) = await diagnostics_of(client, uri(client, second), 1)
    assert (diagnostic.code, diagnostic.message.split(" (")[0]) == (
        "project",
        "file links to a place outside the project; it was not read",
    )
    assert diagnostic.range == span(0, 0, 0)
    for query in ("second", "secret"):
        found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query=query))
        assert found == [], query
