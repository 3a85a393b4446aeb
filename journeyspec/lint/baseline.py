"""Baselines: the findings a team accepted when adopting the linter, so CI fails only on new ones.

A finding is remembered by file, rule, place and a hash of its message — never by line
number or list position — so editing lines or inserting items above it does not make it
"new". The place is the JSON pointer with each list position replaced by the id of the
item there (``/pain_points/id=slow-refund/severity``). Identical findings are counted, so a
second copy of an accepted problem is still reported. Entries that no longer match any
finding are counted too: the problem was fixed (or moved), and the baseline wants a refresh.

Version 1 files (by list position) are refused with a message saying to write them again.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

from journeyspec.errors import UsageError
from journeyspec.findings import Finding
from journeyspec.paths import FileTooLarge, NotARegularFile, read_regular, write_file

FORMAT = "journeyspec-baseline"
VERSION = 2
MAX_BASELINE_BYTES = 64 * 1024 * 1024  # ~300,000 accepted findings

Key = tuple[str, str, str, str]


def key(finding: Finding) -> Key:
    digest = hashlib.sha256(finding.message.encode("utf-8")).hexdigest()[:16]
    return (finding.path, finding.rule, finding.place or finding.pointer, digest)


def baseline_text(findings: Iterable[Finding]) -> str:
    """The baseline file for ``findings``: stable JSON, sorted, one entry per distinct key."""
    counts = Counter(key(f) for f in findings)
    entries = [
        {"path": p, "rule": r, "place": where, "message_hash": h, "count": n}
        for (p, r, where, h), n in sorted(counts.items())
    ]
    document = {"format": FORMAT, "version": VERSION, "findings": entries}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_baseline(path: Path, findings: Iterable[Finding]) -> int:
    """Write the baseline; refuses to replace a file that is not a journeyspec baseline,
    and to write through a link (``paths.write_file``)."""
    if os.path.lexists(path) and not path.is_symlink() and not _is_baseline(path):
        raise UsageError(f"{path} exists and is not a journeyspec baseline; it was left as it was")
    items = list(findings)
    write_file(path, baseline_text(items), replace=True)
    return len(items)


def read_baseline(path: Path) -> Counter[Key]:
    """The accepted findings recorded in ``path``: a regular file of at most
    ``MAX_BASELINE_BYTES``, nested no deeper than a baseline is."""
    try:
        data = _load(path)
    except FileNotFoundError:
        raise UsageError(
            f"baseline {path} does not exist; create it with --write-baseline"
        ) from None
    except (NotARegularFile, FileTooLarge) as exc:
        raise UsageError(f"baseline {exc}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"baseline {path} cannot be read: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UsageError(f'{path} is not a journeyspec baseline (no "format": "{FORMAT}")')
    if data.get("version") == 1:
        raise UsageError(
            f"baseline {path} is a version 1 baseline, which matched findings by list position "
            "and would report accepted findings as new after any insertion; write it again with "
            f"--write-baseline {path} (version {VERSION} matches them by id)"
        )
    if data.get("version") != VERSION:
        raise UsageError(f"baseline {path} has version {data.get('version')!r}; expected {VERSION}")
    counts: Counter[Key] = Counter()
    try:
        for entry in data["findings"]:
            item = (entry["path"], entry["rule"], entry["place"], entry["message_hash"])
            counts[item] += int(entry.get("count", 1))
    except (KeyError, TypeError, ValueError):
        raise UsageError(
            f"baseline {path} is damaged; write it again with --write-baseline"
        ) from None
    return counts


def subtract(
    findings: Iterable[Finding], accepted: Counter[Key], files: Collection[str]
) -> tuple[list[Finding], int, int]:
    """The findings not in the baseline, how many were in it, and how many accepted
    findings of ``files`` (the files this run checked) matched none."""
    remaining = Counter(accepted)
    kept: list[Finding] = []
    dropped = 0
    for finding in findings:
        item = key(finding)
        if remaining[item] > 0:
            remaining[item] -= 1
            dropped += 1
        else:
            kept.append(finding)
    checked = set(files)
    unmatched = sum(n for (path, *_), n in remaining.items() if path in checked and n > 0)
    return kept, dropped, unmatched


def _load(path: Path) -> Any:
    raw = read_regular(path, MAX_BASELINE_BYTES)
    try:
        return json.loads(raw.decode("utf-8"))
    except RecursionError:  # a baseline is three levels deep; this is "[[[[..." planted
        raise UsageError(
            f"baseline {path} is nested too deeply to be a journeyspec baseline; "
            "write it again with --write-baseline"
        ) from None


def _is_baseline(path: Path) -> bool:
    try:
        data = _load(path)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, UsageError):
        return False
    return isinstance(data, dict) and data.get("format") == FORMAT
