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
from collections import Counter
from collections.abc import Collection, Iterable
from pathlib import Path

from journeyspec.errors import UsageError
from journeyspec.findings import Finding

FORMAT = "journeyspec-baseline"
VERSION = 2

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
    """Write the baseline; refuses to replace a file that is not a journeyspec baseline."""
    if path.exists() and not _is_baseline(path):
        raise UsageError(f"{path} exists and is not a journeyspec baseline; it was left as it was")
    items = list(findings)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(baseline_text(items), encoding="utf-8")
    return len(items)


def read_baseline(path: Path) -> Counter[Key]:
    """The accepted findings recorded in ``path``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(
            f"baseline {path} does not exist; create it with --write-baseline"
        ) from None
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


def _is_baseline(path: Path) -> bool:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(data, dict) and data.get("format") == FORMAT
