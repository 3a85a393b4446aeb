"""Cross-file checks: every id referenced exists, and no id is defined twice."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import Any

from journeyspec.findings import Finding
from journeyspec.loader import Document
from journeyspec.model import Outline
from journeyspec.sourcemap import escape

RULE = "reference"

# Where a journey defines ids, by kind. One namespace per journey: an id names one thing.
JOURNEY_IDS: dict[str, str] = {
    "stage": "/stages/*/id",
    "step": "/stages/*/steps/*/id",
    "gap": "/stages/*/steps/*/gaps/*/id",
    "touchpoint": "/touchpoints/*/id",
    "pain point": "/pain_points/*/id",
    "opportunity": "/opportunities/*/id",
    "KPI": "/kpis/*/id",
    "evidence item": "/evidence/*/id",
}

# Where a journey refers to ids within the journey or in the registries and personas, and
# which kinds each place accepts. Checked file by file, in the workers.
JOURNEY_REFERENCES: dict[str, tuple[str, ...]] = {
    "/persona": ("persona",),
    "/actors/*/persona": ("persona",),
    "/owner": ("team",),
    "/stages/*/owner": ("team",),
    "/stages/*/touchpoints/*": ("touchpoint",),
    "/stages/*/steps/*/touchpoints/*": ("touchpoint",),
    "/stages/*/steps/*/thinks/*/answered_by/*": ("touchpoint",),
    "/stages/*/steps/*/next/*": ("step",),
    "/stages/*/steps/*/actor": ("persona",),
    "/stages/*/steps/*/emotion/evidence/*": ("evidence item", "study"),
    "/touchpoints/*/channel": ("channel",),
    "/touchpoints/*/owner": ("team",),
    "/pain_points/*/step": ("step",),
    "/pain_points/*/touchpoint": ("touchpoint",),
    "/pain_points/*/evidence/*": ("evidence item", "study"),
    "/pain_points/*/kpis/*": ("KPI",),
    "/pain_points/*/themes/*": ("theme",),
    "/opportunities/*/addresses/*": ("pain point", "gap", "step"),
    "/opportunities/*/owner": ("team",),
    "/opportunities/*/kpis/*": ("KPI",),
    "/opportunities/*/themes/*": ("theme",),
    "/opportunities/*/evidence/*": ("evidence item", "study"),
    "/kpis/*/stage": ("stage",),
    "/kpis/*/owner": ("team",),
    "/kpis/*/evidence/*": ("evidence item", "study"),
}

PERSONA_REFERENCES: dict[str, tuple[str, ...]] = {
    "/based_on": ("persona",),
    "/preferred_channels/*": ("channel",),
    "/research/*": ("study",),
}

# Where the registries define ids, and what their entries refer to.
REGISTRY_IDS: dict[str, tuple[str, str]] = {
    "teams": ("team", "/teams/*/id"),
    "channels": ("channel", "/channels/*/id"),
    "touchpoints": ("touchpoint", "/touchpoints/*/id"),
    "research": ("study", "/studies/*/id"),
    "themes": ("theme", "/themes/*/id"),
}
REGISTRY_REFERENCES: dict[str, dict[str, tuple[str, ...]]] = {
    "touchpoints": {"/touchpoints/*/channel": ("channel",), "/touchpoints/*/owner": ("team",)},
    "research": {"/studies/*/owner": ("team",)},
}

_WHERE_DEFINED = {
    "persona": "a file in the personas folder",
    "team": "the teams registry",
    "channel": "the channels registry",
    "journey": "a file in the journeys folder",
    "study": "the research library",
    "theme": "the themes registry",
}


def walk(data: Any, pattern: str) -> Iterator[tuple[str, Any]]:
    """Every ``(pointer, value)`` in ``data`` matching ``pattern`` (``*`` = any list index)."""
    nodes: list[tuple[str, Any]] = [("", data)]
    for token in pattern.split("/")[1:]:
        following: list[tuple[str, Any]] = []
        for pointer, node in nodes:
            if token == "*" and isinstance(node, list):
                following.extend((f"{pointer}/{i}", item) for i, item in enumerate(node))
            elif isinstance(node, dict) and token in node:
                following.append((f"{pointer}/{escape(token)}", node[token]))
        nodes = following
    return iter(nodes)


# The patterns of a journey's ids and references as one tree of tokens, so one walk of
# the data gathers the values of them all: {token: (patterns ending here, subtree)}.
_Trie = dict[str, tuple[list[str], "_Trie"]]
_PATTERNS: _Trie = {}
for _pattern in [*JOURNEY_IDS.values(), *JOURNEY_REFERENCES]:
    _level = _PATTERNS
    *_path, _last = _pattern.split("/")[1:]
    for _token in _path:
        _level = _level.setdefault(_token, ([], {}))[1]
    _level.setdefault(_last, ([], {}))[0].append(_pattern)


def _values(data: Any) -> dict[str, list[Any]]:
    """The values ``walk`` finds for each pattern of ``_PATTERNS``, without pointers."""
    found: dict[str, list[Any]] = {pattern: [] for pattern in _ALL}
    _gather(data, _PATTERNS, found)
    return found


def _gather(node: Any, trie: _Trie, found: dict[str, list[Any]]) -> None:
    for token, (ending, below) in trie.items():
        if token == "*" and isinstance(node, list):
            children = node
        elif isinstance(node, dict) and token in node:
            children = [node[token]]
        else:
            continue
        for pattern in ending:
            found[pattern].extend(children)
        if below:
            for child in children:
                _gather(child, below, found)


_ALL = [*JOURNEY_IDS.values(), *JOURNEY_REFERENCES]


class Index:
    """Project-wide ids (personas, teams, channels, journeys) and where each is defined.

    ``persona_chains`` is worked out on first use, once every persona is defined.
    """

    def __init__(self) -> None:
        self.ids: dict[str, dict[str, tuple[Document, str]]] = {
            "persona": {},
            "team": {},
            "channel": {},
            "touchpoint": {},  # the shared ones: a journey's own are checked in the file
            "study": {},
            "theme": {},
            "journey": {},
        }
        self._sorted: dict[tuple[str, ...], list[str]] = {}
        self._reported: set[tuple[str, str]] = set()  # ids whose first definition was reported

    def define(self, kind: str, document: Document, pointer: str, value: Any) -> list[Finding]:
        """Record an id; when it was defined already, a finding at this definition and (the
        first time) one at the first: a new file that reuses an id fails on its own, and so
        does the file it copied, whichever sorts first."""
        table = self.ids[kind]
        if not isinstance(value, str):
            return []
        if value not in table:
            table[value] = (document, pointer)
            self._sorted.clear()  # an id added after a sort (journeys come last)
            return []
        other, other_pointer = table[value]
        line, col = other.position(other_pointer)
        found = [
            document.finding(
                pointer,
                RULE,
                f"duplicate {kind} id `{value}`",
                hint=f"{other.path}:{line}:{col} uses it already; ids must be unique",
            )
        ]
        if (kind, value) not in self._reported:
            self._reported.add((kind, value))
            here_line, here_col = document.position(pointer)
            found.append(
                other.finding(
                    other_pointer,
                    RULE,
                    f"duplicate {kind} id `{value}`",
                    hint=f"{document.path}:{here_line}:{here_col} uses it too; ids must be unique",
                )
            )
        return found

    @cached_property
    def persona_chains(self) -> PersonaChains:
        return PersonaChains(self.ids["persona"])

    def sorted_ids(self, kinds: tuple[str, ...]) -> list[str]:
        """The ids of ``kinds`` in order, sorted once per index (not once per file that
        has a broken reference: 10,000 files x 3,000 personas re-sorted the same list)."""
        if kinds not in self._sorted:
            self._sorted[kinds] = sorted({v for k in kinds for v in self.ids.get(k, {})})
        return self._sorted[kinds]


def build_index(documents: dict[str, list[Document]]) -> tuple[Index, list[Finding]]:
    """The ids of the personas and registries (add journeys with ``define_journeys``),
    and the registries' own references checked; ``documents`` by schema name."""
    index, findings = Index(), []
    sources = [("persona", documents.get("persona", []), "/id")]
    sources += [(kind, documents.get(name, []), at) for name, (kind, at) in REGISTRY_IDS.items()]
    for kind, found, pattern in sources:
        for document in found:
            for pointer, value in walk(document.data, pattern):
                findings.extend(index.define(kind, document, pointer, value))
    for name, places in REGISTRY_REFERENCES.items():
        for document in documents.get(name, []):
            hints = _Hints({}, index)
            for pattern, kinds in places.items():
                for pointer, value in walk(document.data, pattern):
                    findings.extend(_resolve(document, pointer, value, kinds, hints))
    return index, findings


def define_journeys(index: Index, journeys: list[tuple[Document, Outline]]) -> list[Finding]:
    """Add journey ids to ``index`` in file order; a finding for each id defined twice."""
    return [
        problem
        for document, outline in journeys
        for problem in index.define("journey", document, "/id", outline.id)
    ]


def check_journey(document: Document, index: Index) -> list[Finding]:
    """Duplicate local ids and dangling references in one journey, except references to
    other journeys (``check_across``); ``index`` needs no journeys."""
    values = _values(document.data)
    local = _local_ids(values, index)
    if local is None:  # an id defined twice: placed by the walk that builds pointers
        return _check_journey(document, index)
    findings: list[Finding] = []
    hints = _Hints(local, index)
    for pattern, kinds in JOURNEY_REFERENCES.items():
        # Nearly every reference resolves: pointers are built only where one does not.
        if _all_resolve(values[pattern], kinds, local, index):
            continue
        for pointer, value in walk(document.data, pattern):
            findings.extend(_resolve(document, pointer, value, kinds, hints))
    return findings + _self_current(document)


def _local_ids(values: dict[str, list[Any]], index: Index) -> dict[str, tuple[str, str]] | None:
    """The journey's own ids by kind (without pointers), or ``None`` when one is defined
    twice or an own touchpoint takes a shared one's id: those findings need pointers."""
    local: dict[str, tuple[str, str]] = {}
    shared = index.ids["touchpoint"]
    for kind, pattern in JOURNEY_IDS.items():
        for value in values[pattern]:
            if not isinstance(value, str):
                continue
            if value in local or (kind == "touchpoint" and value in shared):
                return None
            local[value] = (kind, "")
    return local


def _all_resolve(
    values: list[Any], kinds: tuple[str, ...], local: dict[str, tuple[str, str]], index: Index
) -> bool:
    """Whether ``_resolve`` would find nothing to say about any of ``values``."""
    tables = [index.ids.get(kind, {}) for kind in kinds]
    for value in values:
        if not isinstance(value, str):
            continue
        if local.get(value, ("",))[0] in kinds:
            continue
        if not any(value in table for table in tables):
            return False
    return True


def _check_journey(document: Document, index: Index) -> list[Finding]:
    """``check_journey`` with a pointer for every id and reference."""
    findings: list[Finding] = []
    local: dict[str, tuple[str, str]] = {}  # id -> (kind, pointer)
    for kind, pattern in JOURNEY_IDS.items():
        for pointer, value in walk(document.data, pattern):
            if not isinstance(value, str):
                continue
            if value in local:
                other_kind, other_pointer = local[value]
                line, _ = document.position(other_pointer)
                findings.append(
                    document.finding(
                        pointer,
                        RULE,
                        f"duplicate id `{value}` in this journey",
                        hint=f"the {other_kind} on line {line} has it already; ids in a journey "
                        "must be unique",
                    )
                )
            else:
                local[value] = (kind, pointer)
            if kind == "touchpoint" and value in index.ids["touchpoint"]:
                other, other_pointer = index.ids["touchpoint"][value]
                line, col = other.position(other_pointer)
                findings.append(
                    document.finding(
                        pointer,
                        RULE,
                        f"touchpoint `{value}` is defined here and in the shared touchpoints",
                        hint=f"{other.path}:{line}:{col} defines it; delete this one and use the "
                        "shared touchpoint, or give this one another id",
                    )
                )
    hints = _Hints(local, index)
    for pattern, kinds in JOURNEY_REFERENCES.items():
        for pointer, value in walk(document.data, pattern):
            findings.extend(_resolve(document, pointer, value, kinds, hints))
    return findings + _self_current(document)


def _self_current(document: Document) -> list[Finding]:
    current = document.data.get("current_state")
    if current is not None and current == document.data.get("id"):
        return [
            document.finding(
                "/current_state",
                RULE,
                "a journey cannot be its own current-state map",
                hint="name the current-state journey this map improves",
            )
        ]
    return []


def check_across(
    document: Document,
    outline: Outline,
    index: Index,
    outlines: Mapping[str, Outline] | None = None,
    cycles: Mapping[str, list[str]] | None = None,
) -> list[Finding]:
    """References from a journey to others (``current_state``, ``parent``), checked once
    every journey file is read: ``index`` holds them all, ``outlines`` maps journey ids to
    their outlines (for the parent's stages), ``cycles`` is ``parent_cycles(outlines)``."""
    hints = _Hints({}, index)
    found = _resolve(document, "/current_state", outline.current_state, ("journey",), hints)
    parent = outline.parent
    if parent is None:
        return found
    if parent.journey == outline.id:
        return [
            *found,
            document.finding(
                "/parent/journey",
                RULE,
                "a journey cannot be its own parent",
                hint="name the wider journey this one zooms into",
            ),
        ]
    found.extend(_resolve(document, "/parent/journey", parent.journey, ("journey",), hints))
    above = (outlines or {}).get(parent.journey)
    if found or above is None:
        return found
    if parent.stage not in above.stages:
        close = difflib.get_close_matches(parent.stage, above.stages, n=1, cutoff=0.6)
        hint = (
            f"did you mean `{close[0]}`?"
            if close
            else "stages: " + ", ".join(f"`{s}`" for s in above.stages[:8])
        )
        found.append(
            document.finding(
                "/parent/stage",
                RULE,
                f"journey `{parent.journey}` has no stage `{parent.stage}`",
                hint=hint,
            )
        )
    cycle = (cycles or {}).get(outline.id)
    if cycle:
        shown = [*cycle[:6], outline.id] if len(cycle) <= 6 else [*cycle[:5], "…", outline.id]
        path = " -> ".join(j if j == "…" else f"`{j}`" for j in shown)
        found.append(
            document.finding(
                "/parent/journey",
                RULE,
                f"journeys are each other's parents in a cycle: {path}",
                hint="a sub-journey zooms into a wider one; the widest has no `parent`",
            )
        )
    return found


def parent_cycles(outlines: Mapping[str, Outline]) -> dict[str, list[str]]:
    """Each journey on a cycle of ``parent`` links, with the cycle read from it.

    One pass: each walk stops at a journey an earlier walk placed, so a chain of 10,000
    sub-journeys costs 10,000 steps, not one walk to the top per journey.
    """
    cycles: dict[str, list[str]] = {}
    done: set[str] = set()
    for start in outlines:
        path: dict[str, int] = {}
        current: str | None = start
        while current is not None and current not in done and current not in path:
            path[current] = len(path)
            parent = outlines[current].parent
            current = parent.journey if parent and parent.journey in outlines else None
        if current is not None and current in path:
            cycle = list(path)[path[current] :]
            for place, member in enumerate(cycle):
                cycles[member] = cycle[place:] + cycle[:place]
        done.update(path)
    return cycles


def check_persona(document: Document, index: Index) -> list[Finding]:
    findings: list[Finding] = []
    hints = _Hints({}, index)
    for pattern, kinds in PERSONA_REFERENCES.items():
        for pointer, value in walk(document.data, pattern):
            findings.extend(_resolve(document, pointer, value, kinds, hints))
    own, based_on = document.data.get("id"), document.data.get("based_on")
    chains = index.persona_chains
    defined = index.ids["persona"].get(own) if isinstance(own, str) else None
    if defined is not None and defined[0] is document and own in chains.cycles:
        findings.append(
            document.finding(
                "/based_on",
                RULE,
                "personas are based on each other in a cycle: " + chains.describe(own),
                hint="a persona cannot be based on itself, directly or through others",
            )
        )
    elif isinstance(based_on, str) and based_on in chains.entries:
        findings.append(
            document.finding(
                "/based_on",
                RULE,
                f"based on `{based_on}`, which leads into a cycle of personas at "
                f"`{chains.entries[based_on]}`",
                hint="break the cycle: a persona cannot be based on itself, directly or "
                "through others",
            )
        )
    return findings


class PersonaChains:
    """Where each persona's ``based_on`` chain ends, found for all personas in one pass.

    Each persona is visited once (an iterative walk that stops at the first persona already
    placed), so 3,000 chained personas cost 3,000 steps, where following every chain to
    its end cost 27 s. ``cycles`` maps each persona on a cycle to its cycle and its place
    in it; ``entries`` maps every persona on or leading into a cycle to the persona where
    its chain first meets the cycle.
    """

    SHOWN = 6  # personas named in a cycle's description before "…"

    def __init__(self, personas: dict[str, tuple[Document, str]]) -> None:
        self.cycles: dict[str, tuple[list[str], int]] = {}
        self.entries: dict[str, str] = {}
        done: set[str] = set()
        for start in personas:
            path: dict[str, int] = {}  # persona -> its place on the walk from ``start``
            current: str | None = start
            while current is not None and current not in done and current not in path:
                path[current] = len(path)
                based_on = personas[current][0].data.get("based_on")
                current = based_on if isinstance(based_on, str) and based_on in personas else None
            walked = list(path)
            entry: str | None = None
            if current is not None and current in path:  # a new cycle, closed on this walk
                cycle = walked[path[current] :]
                for place, member in enumerate(cycle):
                    self.cycles[member] = (cycle, place)
                entry = current
            elif current is not None:  # met a persona placed by an earlier walk
                entry = self.entries.get(current)
            if entry is not None:
                for member in walked:
                    self.entries[member] = member if member in self.cycles else entry
            done.update(walked)

    def describe(self, persona: str) -> str:
        """The cycle from ``persona`` back to it: `a` -> `b` -> `a` (long ones shortened)."""
        cycle, place = self.cycles[persona]
        # Only the names shown are gathered: rotating a cycle of 3,000 for each of its
        # members would make the descriptions quadratic.
        size = len(cycle)
        named = [cycle[(place + i) % size] for i in range(min(size, self.SHOWN))]
        if size <= self.SHOWN:
            return " -> ".join(f"`{p}`" for p in [*named, persona])
        shown = " -> ".join(f"`{p}`" for p in named[: self.SHOWN - 1])
        return f"{shown} -> … -> `{persona}` ({size:,} personas)"


class _Hints:
    """The ids a reference could have meant, gathered once per file, and "did you mean".

    Close matches cost a comparison per known id, so a file with thousands of broken
    references to thousands of ids took minutes (quadratic); past a budget of
    comparisons per file the hint says where ids are defined instead.
    """

    BUDGET = 200_000

    def __init__(self, local: dict[str, tuple[str, str]], index: Index) -> None:
        self.local, self.index = local, index
        self._known: dict[tuple[str, ...], list[str]] = {}
        self._budget = self.BUDGET

    def known(self, kinds: tuple[str, ...]) -> list[str]:
        if kinds not in self._known:
            shared = self.index.sorted_ids(kinds)
            local = {i for i, (k, _) in self.local.items() if k in kinds}
            self._known[kinds] = sorted(local.union(shared)) if local else shared
        return self._known[kinds]

    def closest(self, value: str, kinds: tuple[str, ...]) -> str | None:
        known = self.known(kinds)
        if len(known) > self._budget:
            return None
        self._budget -= len(known)
        close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
        return close[0] if close else None


def _resolve(
    document: Document,
    pointer: str,
    value: Any,
    kinds: tuple[str, ...],
    hints: _Hints,
) -> list[Finding]:
    if not isinstance(value, str):
        return []
    local, index = hints.local, hints.index
    if any(
        value in index.ids.get(kind, {}) or local.get(value, ("",))[0] == kind for kind in kinds
    ):
        return []
    wanted = " or ".join(kinds)
    if value in local:
        return [
            document.finding(pointer, RULE, f"`{value}` is a {local[value][0]}, not a {wanted}")
        ]
    known = hints.known(kinds)
    close = hints.closest(value, kinds)
    if close:
        hint = f"did you mean `{close}`?"
    elif len(kinds) == 1 and kinds[0] in _WHERE_DEFINED:
        hint = f"define it in {_WHERE_DEFINED[kinds[0]]}"
    elif known:
        hint = "known: " + ", ".join(f"`{k}`" for k in known[:8]) + (" …" if len(known) > 8 else "")
    else:
        hint = f"no {wanted} is defined in this journey"
    return [document.finding(pointer, RULE, f"unknown {wanted} `{value}`", hint=hint)]
