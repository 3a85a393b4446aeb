"""Phase sets: the ordered phases that group a journey's stages, and their checks.

Two sets are built in: ``commercial`` (pre-purchase, purchase, post-purchase) and
``service`` (before, during, after: the framing of touchpoints before, during and after
doing business, for services without a sale such as a hospital visit or a benefits
claim). A project declares its own in journeyspec.yaml under ``phases:``; a declared set
with a built-in name replaces it. A journey uses one set: the first (the project's,
then the built-in ones) that holds every phase its stages name.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

from journeyspec.findings import Finding
from journeyspec.loader import Document
from journeyspec.sourcemap import join

RULE = "reference"  # a phase names a member of a declared set, like any reference

BUILT_IN: dict[str, tuple[str, ...]] = {
    "commercial": ("pre-purchase", "purchase", "post-purchase"),
    "service": ("before", "during", "after"),
}
_NAMES = {
    "pre-purchase": "Before the purchase",
    "purchase": "Purchase",
    "post-purchase": "After the purchase",
}

PhaseSets = Mapping[str, tuple[str, ...]]


def phase_sets(declared: Mapping[str, Iterable[str]] | None = None) -> dict[str, tuple[str, ...]]:
    """The project's phase sets first, then the built-in ones it does not replace."""
    sets = {name: tuple(phases) for name, phases in (declared or {}).items()}
    return {**sets, **{k: v for k, v in BUILT_IN.items() if k not in sets}}


def phase_name(phase: str) -> str:
    """A phase as a column heading: "Before the purchase", "During", "Follow up"."""
    return _NAMES.get(phase) or phase.replace("-", " ").capitalize()


def set_of(used: Iterable[str], sets: PhaseSets) -> tuple[str, ...]:
    """The phases of the set a journey naming ``used`` belongs to; () when it names none."""
    names = list(dict.fromkeys(used))
    if not names:
        return ()
    for phases in sets.values():
        if all(name in phases for name in names):
            return phases
    return next((p for p in sets.values() if names[0] in p), ())


def check_phases(document: Document, sets: PhaseSets) -> list[Finding]:
    """Each stage's ``phase`` is in a known set, and all of a journey's in the same one."""
    stages = document.data.get("stages") if isinstance(document.data, dict) else None
    if not isinstance(stages, list):
        return []
    named = [
        (join("/stages", i, "phase"), s["phase"])
        for i, s in enumerate(stages)
        if isinstance(s, dict) and isinstance(s.get("phase"), str)
    ]
    known = list(dict.fromkeys(p for phases in sets.values() for p in phases))
    findings: list[Finding] = []
    for pointer, phase in named:
        if phase not in known:
            close = difflib.get_close_matches(phase, known, n=1, cutoff=0.6)
            findings.append(
                document.finding(
                    pointer,
                    RULE,
                    f"unknown phase `{phase}`",
                    hint=f"did you mean `{close[0]}`?"
                    if close
                    else f"phases: {_listing(sets)}; a project declares its own under "
                    "`phases:` in journeyspec.yaml",
                )
            )
    valid = [(pointer, phase) for pointer, phase in named if phase in known]
    own = set_of((phase for _, phase in valid), sets)
    set_name = next((name for name, phases in sets.items() if phases == own), "")
    for pointer, phase in valid:
        if phase not in own:
            findings.append(
                document.finding(
                    pointer,
                    RULE,
                    f"phase `{phase}` is not in the `{set_name}` phase set this journey uses "
                    f"({', '.join(own)})",
                    hint=f"use the phases of one set in a journey: {_listing(sets)}",
                )
            )
    return findings


def _listing(sets: PhaseSets) -> str:
    return "; ".join(f"{name}: {', '.join(phases)}" for name, phases in sets.items())
