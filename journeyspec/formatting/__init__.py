"""``journeyspec fmt``: canonical key order and two-space indentation, comments kept.

ruamel.yaml's round trip keeps comments, blank lines, quoting, flow style and folded
text; keys are put in schema order (see ``order.py``) and comments placed canonically
(see ``comments.py``). What ruamel would lose is kept around it: a UTF-8 byte order mark
stays (it is the author's encoding choice, and editors that add one expect it back),
and everything from a ``...`` document end marker on is kept as written. A tab between
a key or ``-`` and its value is made a space.

A file is only rewritten when its text changes, and never when it cannot be read, fails
its schema, or the formatted text would load as different data or lose or move a
comment or an anchor (checked on every file, whatever ruamel does). Such a file is
formatted without reordering its keys if that is safe, else left exactly as it is with
a note saying why (``FormatError``): never reported as needing a fix it cannot make.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from journeyspec.formatting.comments import lost, tidy
from journeyspec.formatting.order import reorder
from journeyspec.loader import load_document, read_document
from journeyspec.paths import write_file
from journeyspec.project import (
    ProjectConfig,
    discover,
    display_path,
    refusal,
    schema_for,
    select,
)
from journeyspec.schema import SchemaName, load_schema, validate

Status = Literal["unchanged", "changed", "skipped", "left"]
_EXPLICIT_START = re.compile(r"^(?:#[^\n]*\n|\s*\n)*---[ \t]*(?:#[^\n]*)?$", re.M)
_DOCUMENT_END = re.compile(r"^\.\.\.[ \t]*(?:#[^\n]*)?$", re.M)
# A tab between a key (or a ``-``) and its value: valid YAML that ruamel cannot scan.
_TAB_SEPARATOR = re.compile(
    r"^([ ]*(?:-[ ]+)*(?:-|[^\s#'\"\[\]{}|>&*!%@`-][^\n#]*?:))\t[ \t]*(?=\S)", re.M
)
BOM = "\ufeff"


class FormatError(Exception):
    """Raised when a valid text cannot be formatted safely: it is left as it is."""


@dataclass(frozen=True)
class Outcome:
    path: str  # relative to the project root
    status: Status
    message: str = ""


def _yaml(explicit_start: bool) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1 << 30  # never re-wrap long lines (a fold would change double spaces)
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.explicit_start = explicit_start
    return yaml


def format_text(text: str, schema: SchemaName) -> str:
    """``text`` in canonical form; FormatError when that is not safe."""
    bom = BOM if text.startswith(BOM) else ""
    newline = "\r\n" if "\r\n" in text else "\n"
    source = text.removeprefix(bom).replace("\r\n", "\n")
    end = _DOCUMENT_END.search(source)
    body, rest = (source[: end.start()], source[end.start() :]) if end else (source, "")
    body = _TAB_SEPARATOR.sub(r"\1 ", body)
    problem = ""
    for keys in (True, False):  # reordering keys can move comments; then indentation only
        result = _formatted(body, schema if keys else None)
        try:
            problem = lost(body, result)
        except yaml.YAMLError as exc:  # PyYAML's scanner, where ruamel's reads more
            raise FormatError(f"left as it is: its comments cannot be read: {exc}") from None
        if not problem:
            break
    else:
        raise FormatError(f"left as it is: {problem}, which ruamel.yaml cannot keep")
    result += rest
    before = load_document(source, "before")
    after = load_document(result, "after")
    if after.errors or after.data != before.data:
        raise FormatError("left as it is: formatting would change its data")
    result = result.replace("\n", newline) if newline != "\n" else result
    return bom + result


def _formatted(body: str, schema: SchemaName | None) -> str:
    yaml = _yaml(bool(_EXPLICIT_START.match(body)))
    try:
        data = yaml.load(body)
        if schema is not None:
            reorder(data, load_schema(schema))
        buffer = io.StringIO()
        yaml.dump(data, buffer)
    except YAMLError as exc:
        raise FormatError(f"left as it is: ruamel.yaml cannot read it: {exc}") from None
    return tidy(buffer.getvalue())


def format_file(path: Path, config: ProjectConfig, *, write: bool) -> Outcome:
    display = display_path(path, config.root)
    read = _identity(path)
    document = read_document(path, display)
    if document.errors:
        return Outcome(display, "skipped", f"cannot be read: {document.errors[0]}")
    schema = schema_for(path, config)
    problems = validate(document, schema)
    if problems:
        return Outcome(display, "skipped", f"fails its schema: {problems[0]}")
    try:
        formatted = format_text(document.text, schema)
    except FormatError as exc:
        return Outcome(display, "left", str(exc))
    if formatted == document.text:
        return Outcome(display, "unchanged")
    if write:
        if _identity(path) != read:  # replaced (by a link, say) or edited since it was read
            return Outcome(display, "skipped", "changed while it was formatted; run fmt again")
        _replace(path, formatted)
    return Outcome(display, "changed")


def _identity(path: Path) -> tuple[int, int, int, int] | None:
    """Which file is at ``path`` (not following a link) and its version."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino, info.st_mode, info.st_mtime_ns


def targets(config: ProjectConfig, paths: Sequence[str] = ()) -> list[Path]:
    """The files to format: those named (files or folders), else the whole project."""
    # fmt writes YAML: a configuration in pyproject.toml is never one of its files.
    own = config.config_path
    toml = own if own is not None and own.suffix == ".toml" else None
    if paths:
        named = [config.root / p for p in sorted(select(paths, config))]
        return [p for p in named if toml is None or p.resolve() != toml]
    files, _ = discover(config)
    chosen = [f.path for f in files]
    if own is not None and toml is None:
        chosen.insert(0, own)
    return chosen


def format_paths(config: ProjectConfig, paths: Sequence[str] = (), *, write: bool) -> list[Outcome]:
    """Format the targets through the gate ``validate`` reads by: a link out of the project,
    a broken link, a device or a FIFO is skipped unread; a link inside the project is left
    as it is and the file it leads to is formatted (once) under its own name."""
    outcomes: list[Outcome] = []
    seen: set[Path] = set()
    for path in targets(config, paths):
        why = refusal(path, config.root)
        if why is not None:
            outcomes.append(Outcome(display_path(path, config.root), "skipped", why[0]))
            continue
        real = path.resolve() if path.is_symlink() else path
        if real not in seen:
            seen.add(real)
            outcomes.append(format_file(real, config, write=write))
    if not paths:  # what discovery refused, with its reasons
        outcomes += [Outcome(f.path, "skipped", f.message) for f in discover(config)[1]]
    return outcomes


def _replace(path: Path, text: str) -> None:
    # Beside the file, renamed over it: an interrupted run leaves the old file, and a
    # link that took the file's place since it was read is refused, never written through.
    write_file(path, text, replace=True)
