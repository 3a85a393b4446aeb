"""``journeyspec import``: journeys from the sheets and diagrams teams keep them in today.

Readers (``grids`` for CSV in both layouts, ``mermaid`` for Mermaid ``journey`` text) make
drafts; ``draft.document`` gives them ids and matches them to the project; here each one is
written as ``journeys/ID.yaml``: with the ``yaml-language-server`` schema modeline, in
``fmt``'s canonical form, checked against the schema before it is written, never over an
existing file or through a link. The persona and the owner are the importer's guess (or
the user's choice) and the objective says so in ``TODO:`` text, which lint reports
(``template-placeholder``) until someone fills it in.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ruamel.yaml import YAML

from journeyspec import outputs, paths
from journeyspec.errors import UsageError
from journeyspec.escaping import BIDI
from journeyspec.formatting import format_text
from journeyspec.importing.draft import Choices, DraftJourney, Note, clean, document, slug
from journeyspec.importing.grids import parse_csv
from journeyspec.importing.mermaid import parse_mermaid
from journeyspec.loader import MAX_FILE_BYTES, load_document
from journeyspec.model import Portfolio
from journeyspec.project import ProjectConfig, display_path
from journeyspec.scaffold.documents import modeline_target
from journeyspec.schema import validate

Source = Literal["csv", "mermaid"]
SOURCES: tuple[Source, ...] = ("csv", "mermaid")
MERMAID_SUFFIXES = (".mmd", ".mermaid")


@dataclass
class Imported:
    created: list[str] = field(default_factory=list)  # files written, relative to the root
    notes: list[Note] = field(default_factory=list)  # what could not be mapped
    persona: str = ""  # the persona the journeys name: to check
    owner: str | None = None  # None: the journeys have no owner yet


def import_files(
    config: ProjectConfig,
    portfolio: Portfolio,
    sources: list[Path],
    *,
    kind: Source | None = None,
    journey_id: str | None = None,
    choices: Choices = Choices(),  # noqa: B008 - frozen, never changed
) -> Imported:
    """Read ``sources`` and write one new journey file per journey they hold.

    Export's pain-points and opportunities tables join the journeys of the steps table
    given with them. Nothing is written unless every journey can be: an id that exists, a
    file in the way or a link raises UsageError first."""
    _check_choices(portfolio, choices)
    if journey_id is not None and slug(journey_id, "") != journey_id:
        raise UsageError(f"--id {journey_id!r} is not an id: use lowercase words and hyphens")
    notes: list[Note] = []
    drafts: dict[str, DraftJourney] = {}
    extras: list[DraftJourney] = []
    for source in sources:
        for draft in _read(config, source, kind, journey_id, notes):
            if draft.stages:
                if draft.id in drafts:
                    raise UsageError(f"journey {draft.id!r} is in two of the files")
                drafts[draft.id or ""] = draft
            else:
                extras.append(draft)
    for extra in extras:
        target = drafts.get(extra.id or "")
        if target is None:
            why = f"journey {extra.id!r} has no steps in the files given: rows not imported"
            notes.append(Note(extra.source, why))
            continue
        target.pain_rows.update(extra.pain_rows)
        target.opportunity_rows.extend(extra.opportunity_rows)
    if not drafts:
        raise UsageError(
            "no journey with stages and steps in " + ", ".join(map(paths.named, sources))
        )
    if journey_id is not None and len(drafts) > 1:
        raise UsageError(f"the files hold {len(drafts)} journeys; --id names only one")
    planned = [
        _plan(config, portfolio, d, config.emotion_scale, choices, notes) for d in drafts.values()
    ]
    targets = {}
    for journey_data, text_out in planned:
        target_path = config.path("journeys") / f"{journey_data['id']}.yaml"
        display = display_path(target_path, config.root)
        if portfolio.journey(journey_data["id"]) is not None:
            raise UsageError(f"a journey with id {journey_data['id']!r} exists already")
        path = outputs.output_path(target_path, config, what=display)
        if path.exists() or path.is_symlink():
            raise UsageError(f"{display} already exists; journeyspec import never replaces a file")
        targets[display] = (path, text_out)
    imported = Imported(notes=notes, persona=planned[0][0]["persona"], owner=choices.owner)
    for display, (path, text_out) in targets.items():
        paths.write_file(path, text_out, replace=False)
        imported.created.append(display)
    return imported


def _read(
    config: ProjectConfig,
    source: Path,
    kind: Source | None,
    journey_id: str | None,
    notes: list[Note],
) -> list[DraftJourney]:
    shown = BIDI.sub("", clean(paths.named(source))).replace("\n", " ")
    raw = paths.read_regular(source, MAX_FILE_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{shown}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    default_id = journey_id or slug(source.stem, "imported-journey")
    if (kind or _kind(source, text)) == "mermaid":
        journey, more = parse_mermaid(text, shown, default_id, config.emotion_scale)
        notes.extend(more)
        return [journey]
    with _csv_limit(MAX_FILE_BYTES):
        drafts, more = parse_csv(text, shown, default_id)
    notes.extend(more)
    if journey_id is not None:
        for draft in drafts:
            draft.id = journey_id
    return drafts


def _kind(source: Path, text: str) -> Source:
    if source.suffix.lower() in MERMAID_SUFFIXES:
        return "mermaid"
    if source.suffix.lower() == ".csv":
        return "csv"
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()[:2] not in ("", "%%")), "")
    return "mermaid" if first == "journey" else "csv"


def _check_choices(portfolio: Portfolio, choices: Choices) -> None:
    if choices.persona is not None and choices.persona not in portfolio.personas:
        known = ", ".join(sorted(portfolio.personas)) or "none yet"
        raise UsageError(f"no persona {choices.persona!r} (personas: {known})")
    if choices.owner is not None and choices.owner not in portfolio.teams:
        known = ", ".join(sorted(portfolio.teams)) or "none yet"
        raise UsageError(f"no team {choices.owner!r} (teams: {known})")
    if not portfolio.personas:
        raise UsageError("the project has no persona yet: run `journeyspec new persona ID` first")


def _plan(
    config: ProjectConfig,
    portfolio: Portfolio,
    draft: DraftJourney,
    scale: tuple[int, int],
    choices: Choices,
    notes: list[Note],
) -> tuple[dict[str, Any], str]:
    data, more = document(draft, portfolio, scale, choices)
    notes.extend(more)
    folder = config.path("journeys")
    modeline = f"# yaml-language-server: $schema={modeline_target(config, folder, 'journey')}\n"
    text = format_text(modeline + _dump(data), "journey")
    checked = load_document(text, f"{data['id']}.yaml")
    problems = checked.errors or validate(checked, "journey")
    if problems:  # the importer made data its own schema refuses: a bug, never written
        raise AssertionError(f"the importer made an invalid journey: {problems[0]}")
    return data, text


def _dump(data: dict[str, Any]) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    yaml.allow_unicode = True
    yaml.width = 1 << 30
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


class _csv_limit:
    """csv's cell size limit (128 KiB) raised to the file limit while a sheet is read:
    one huge cell is cut and reported by the importer, not an unexplained failure."""

    def __init__(self, limit: int) -> None:
        self.limit, self.old = limit, 0

    def __enter__(self) -> None:
        self.old = csv.field_size_limit(max(self.limit, csv.field_size_limit()))

    def __exit__(self, *_: object) -> None:
        csv.field_size_limit(self.old)
