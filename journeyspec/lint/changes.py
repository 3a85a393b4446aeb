"""What changed since a git revision, for ``lint --changed-since REF``: the files changed,
and the ids whose definitions changed, so the unchanged files that use them are linted too.

A persona, team or channel is "changed" when its entry differs between the revision and
now (added, removed or edited); a journey when its file changed. A journey or persona
that names a changed id is linted with the changed files: deleting a team breaks every
journey owned by it, though none of them changed. A change to the configuration or to
the schemas the run validates against changes every verdict, so everything is linted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journeyspec import git
from journeyspec.errors import UsageError
from journeyspec.loader import load_document
from journeyspec.project import CONFIG_NAME, YAML_SUFFIXES, ProjectConfig, schema_for
from journeyspec.references import JOURNEY_REFERENCES, PERSONA_REFERENCES, REGISTRY_IDS, walk
from journeyspec.schema import REGISTRIES, SCHEMA_NAMES, SchemaName, schema_path

# Where each kind of file defines ids: the kind of id, and the pattern of the id values.
_DEFINES: dict[SchemaName, tuple[str, str]] = {
    "journey": ("journey", "/id"),
    "persona": ("persona", "/id"),
    **{name: REGISTRY_IDS[name] for name in REGISTRIES},
}

# Where journeys and personas name ids defined in other files.
_USES: tuple[tuple[str, tuple[str, ...]], ...] = (
    *(
        (pattern, kinds)
        for pattern, kinds in {**JOURNEY_REFERENCES, **PERSONA_REFERENCES}.items()
        if set(kinds) & {"persona", "team", "channel", "touchpoint", "study", "theme"}
    ),
    ("/current_state", ("journey",)),
    ("/parent/journey", ("journey",)),
)


@dataclass(frozen=True)
class Changes:
    """The project files changed since a revision, and what their change reaches.

    ``everything``: the configuration or the schemas changed, so every file is linted.
    ``files``: project-relative paths of the changed YAML files that still exist.
    ``ids``: by kind (persona, team, channel, journey), the ids defined differently.
    """

    everything: bool
    files: tuple[str, ...]
    ids: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.everything or self.files or any(self.ids.values()))

    def uses_changed(self, data: Any) -> bool:
        """Whether a journey's or persona's ``data`` names an id whose definition changed."""
        if not isinstance(data, dict):
            return False
        for pattern, kinds in _USES:
            for _, value in walk(data, pattern):
                if isinstance(value, str) and any(value in self.ids.get(k, ()) for k in kinds):
                    return True
        return False


def changed_since(config: ProjectConfig, ref: str) -> Changes:
    """What changed in the project since ``ref``: committed, staged, unstaged or untracked."""
    root = config.root
    if not git.in_repository(root):
        raise UsageError(f"--changed-since needs a git repository, and {root} is not in one")
    if not git.is_revision(root, ref):
        raise UsageError(
            f"--changed-since {ref}: no such git revision (try a branch, tag or commit)"
        )
    # --relative with the project root as working directory gives project-relative paths
    # even when the repository root lies above the project; -z keeps every name as it is
    # (git quotes names with quotes, tabs, backslashes, newlines or non-ASCII otherwise).
    names = git.names(root, "diff", "--name-only", "-z", "--relative", "--no-renames", ref, "--")
    names += git.names(root, "ls-files", "-z", "--others", "--exclude-standard")
    governing = {config.config_path, root.resolve() / CONFIG_NAME}
    governing |= {schema_path(name).resolve() for name in SCHEMA_NAMES}
    everything = False
    files: set[str] = set()
    ids: dict[str, set[str]] = {}
    for name in sorted(set(names)):
        path = root / name
        resolved = path.resolve()
        if resolved in governing:
            everything = True
            continue
        if path.suffix not in YAML_SUFFIXES or not _project_file(config, resolved):
            continue
        if path.is_file():
            files.add(name)
        schema = schema_for(path, config)
        if schema in _DEFINES:
            kind, pattern = _DEFINES[schema]
            before = _definitions(git.blob(root, ref, name), pattern)
            after = _definitions(path.read_bytes() if path.is_file() else None, pattern)
            differ = {i for i in before.keys() | after.keys() if before.get(i) != after.get(i)}
            if schema == "journey":  # its id is "changed" for whoever names it
                differ |= before.keys() | after.keys()
            ids.setdefault(kind, set()).update(differ)
    return Changes(everything, tuple(sorted(files)), {k: frozenset(v) for k, v in ids.items()})


def _project_file(config: ProjectConfig, resolved: Path) -> bool:
    """Whether a file lies where the project's journeys, personas or registries are."""
    places = (config.path("journeys"), config.path("personas"))
    registries = tuple(config.path(name) for name in REGISTRIES)
    return any(resolved.is_relative_to(p.resolve()) for p in places) or resolved in {
        r.resolve() for r in registries
    }


def _definitions(raw: bytes | None, pattern: str) -> dict[str, Any]:
    """Each id a file defines and the entry that defines it (the item holding the id)."""
    if raw is None:
        return {}
    data = load_document(raw, "").data
    entries: dict[str, Any] = {}
    for pointer, value in walk(data, pattern):
        if isinstance(value, str):
            entries.setdefault(value, _at(data, pointer.rsplit("/", 1)[0]))
    return entries


def _at(data: Any, pointer: str) -> Any:
    for token in pointer.split("/")[1:]:
        data = data[int(token)] if isinstance(data, list) else data[token]
    return data
